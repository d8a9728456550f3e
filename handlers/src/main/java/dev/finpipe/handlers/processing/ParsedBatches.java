package dev.finpipe.handlers.processing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Parses and checks a CSV's data rows on a second thread, in {@link RowBatch}es, while the caller's thread adds them
 * up: parsing (fields, amounts, timestamps, hashing) and adding up (id table, totals) cost about the same, so the two
 * halves run side by side. {@link #BATCHES} batches circulate, so memory is fixed and the parser is at most that far
 * ahead. Batches arrive in file order; a failure of the parser (a broken CSV, a read error) arrives after the rows
 * before it, as it would without the second thread. {@link #close()} stops the thread and waits for it (see
 * {@link ReadAheadInputStream} on why no invocation may leave a thread behind).
 *
 * <p>Lambda gives a function CPU in proportion to its memory, one vCPU at 1,769 MB
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html): the two halves run truly side by side
 * only above that; below it they share the function's CPU share, and the batches cost little.
 */
final class ParsedBatches implements AutoCloseable {
  static final int BATCHES = 4;
  static final String THREAD_NAME = "csv-parser";

  private record End(long rows) {}

  private record Failure(Throwable error) {}

  private final CsvReader csv;
  private final int columns;
  private final TransactionIdSet ids;
  private final TotalsAccumulator totals;
  private final BlockingQueue<RowBatch> free = new ArrayBlockingQueue<>(BATCHES);
  // One more than BATCHES: the End or Failure marker always fits after the last batch.
  private final BlockingQueue<Object> parsed = new ArrayBlockingQueue<>(BATCHES + 1);
  private final Thread parser;
  private RowBatch lent;
  private long rows = -1;

  /** Starts parsing the records after the current one (the header) of {@code csv}; this thread must leave it. */
  ParsedBatches(CsvReader csv, int columns, TransactionIdSet ids, TotalsAccumulator totals) {
    this.csv = csv;
    this.columns = columns;
    this.ids = ids;
    this.totals = totals;
    for (int i = 0; i < BATCHES; i++) {
      free.add(new RowBatch());
    }
    parser = new Thread(this::parse, THREAD_NAME);
    parser.setDaemon(true);
    parser.start();
  }

  private void parse() {
    RowValidator validator = new RowValidator(columns, ids);
    long count = 0;
    RowBatch batch = null;
    try {
      batch = free.take();
      while (csv.next()) {
        if (csv.isBlank()) {
          continue;
        }
        count++;
        String reason = validator.validateFields(csv);
        if (reason == null) {
          batch.addValid(csv, validator, ids, totals);
        } else {
          batch.addRejected(csv.line(), reason);
        }
        if (batch.isFull()) {
          parsed.put(batch);
          batch = free.take();
        }
      }
      parsed.put(batch);
      parsed.put(new End(count));
    } catch (InterruptedException | InterruptedIOException stopped) {
      // close() asked the thread to end
    } catch (IOException | RuntimeException | Error failure) {
      try {
        if (batch != null) {
          parsed.put(batch); // the rows before the failure count first, as they would in one thread
        }
        parsed.put(new Failure(failure));
      } catch (InterruptedException stopped) {
        // close() asked the thread to end
      }
    }
  }

  /**
   * The next batch in file order, or null after the last one; the batch is this thread's until the next call.
   * Throws the parser's failure once the batches before it are taken.
   */
  RowBatch next() throws IOException {
    if (lent != null) {
      free.add(lent);
      lent = null;
    }
    if (rows >= 0) {
      return null;
    }
    Object item = take();
    if (item instanceof RowBatch batch) {
      lent = batch;
      return batch;
    }
    if (item instanceof End end) {
      rows = end.rows();
      return null;
    }
    throw Handoff.rethrown(((Failure) item).error());
  }

  /** How many data rows (blank lines aside) the file has; known once {@link #next()} returned null. */
  long rows() {
    return rows;
  }

  private Object take() throws InterruptedIOException {
    try {
      return parsed.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for parsed rows");
    }
  }

  /** Stops the parsing thread (it waits only on queues and the read-ahead stream, which both end on interrupt). */
  @Override
  public void close() throws InterruptedIOException {
    parser.interrupt();
    try {
      parser.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while stopping the parsing thread");
    }
  }
}
