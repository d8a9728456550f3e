package dev.finpipe.handlers.processing;

import dev.finpipe.handlers.processing.FileSummary.RejectedRow;
import dev.finpipe.handlers.processing.FileSummary.RowCounts;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a transactions CSV (UTF-8) once, row by row, and adds it up. Memory: the read buffer with one record, the
 * ids, the per-account totals (at most {@link TotalsAccumulator#MAX_ACCOUNT_GROUPS}) and the first
 * {@link #MAX_REJECTS_KEPT} rejects — never the file. A valid row allocates nothing: fields stay bytes in the
 * buffer, amounts are scaled longs, timestamps are checked in place.
 */
public final class TransactionFileProcessor {
  public static final int MAX_REJECTS_KEPT = 100;
  static final int MAX_RECORD_CHARS = 64 * 1024;
  static final List<String> REQUIRED_COLUMNS =
      List.of("transaction_id", "account_id", "amount", "currency", "timestamp");
  static final String OPTIONAL_COLUMN = "description";

  /**
   * Reads {@code in} to its end (or to the first error that ends the file) and adds it up. Three threads share the
   * work: one reads the stream ({@link ReadAheadInputStream}), one parses and checks the rows ({@link ParsedBatches}),
   * this one adds them up; both helpers have ended when this returns. The caller still owns and closes {@code in}.
   */
  public FileOutcome process(InputStream in) throws IOException {
    try (ReadAheadInputStream readAhead = new ReadAheadInputStream(in)) {
      return processInOrder(readAhead);
    }
  }

  private FileOutcome processInOrder(InputStream in) throws IOException {
    CsvReader csv = new CsvReader(in, MAX_RECORD_CHARS);
    try {
      if (!nextNonBlank(csv)) {
        return FileOutcome.failed("empty file");
      }
      CsvRecord header = csv.record();
      String headerProblem = headerProblem(header);
      if (headerProblem != null) {
        return FileOutcome.failed(headerProblem);
      }
      return summarise(csv, header.fields().size());
    } catch (CsvFormatException e) {
      return FileOutcome.failed("unreadable CSV: " + e.getMessage());
    } catch (TotalsAccumulator.TooManyAccounts e) {
      return FileOutcome.failed(e.getMessage());
    }
  }

  private FileOutcome summarise(CsvReader csv, int columns) throws IOException {
    TransactionIdSet ids = new TransactionIdSet();
    TotalsAccumulator totals = new TotalsAccumulator();
    Rejects rejects = new Rejects();
    long total;
    try (ParsedBatches batches = new ParsedBatches(csv, columns, ids, totals)) {
      for (RowBatch batch = batches.next(); batch != null; batch = batches.next()) {
        batch.flush(ids, totals, rejects);
      }
      total = batches.rows();
    }
    if (total == 0) {
      return FileOutcome.failed("no data rows after the header");
    }
    return FileOutcome.processed(
        new FileSummary(
            new RowCounts(total, total - rejects.count, rejects.count),
            totals.currencyTotals(),
            totals.accountTotals(),
            rejects.kept,
            rejects.count > rejects.kept.size()));
  }

  /** Counts rejected rows and keeps the first {@link #MAX_REJECTS_KEPT}. */
  private static final class Rejects implements RowBatch.Sink {
    final List<RejectedRow> kept = new ArrayList<>();
    long count;

    @Override
    public void rejected(long line, String reason) {
      count++;
      if (kept.size() < MAX_REJECTS_KEPT) {
        kept.add(new RejectedRow(line, reason));
      }
    }
  }

  private static boolean nextNonBlank(CsvReader csv) throws IOException {
    while (csv.next()) {
      if (!csv.isBlank()) {
        return true;
      }
    }
    return false;
  }

  /** Null when the header is the expected one (names compared trimmed and case-insensitively). */
  static String headerProblem(CsvRecord header) {
    List<String> names = new ArrayList<>(header.fields().size());
    for (String field : header.fields()) {
      names.add(field.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT));
    }
    boolean required = names.size() >= REQUIRED_COLUMNS.size()
        && names.subList(0, REQUIRED_COLUMNS.size()).equals(REQUIRED_COLUMNS);
    boolean optional = names.size() == REQUIRED_COLUMNS.size()
        || (names.size() == REQUIRED_COLUMNS.size() + 1 && names.get(names.size() - 1).equals(OPTIONAL_COLUMN));
    if (header.malformation() == null && required && optional) {
      return null;
    }
    return "missing or wrong header: expected " + String.join(",", REQUIRED_COLUMNS) + "[," + OPTIONAL_COLUMN + "]";
  }
}
