package dev.finpipe.handlers.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.handlers.processing.FileSummary.RejectedRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The processor reads, parses and adds up on three threads, in batches of rows: the verdicts must be those of
 * reading the file row by row, and no thread may outlive a call, whatever ends it.
 */
class ProcessorThreadsTest {
  private static final String HEADER = "transaction_id,account_id,amount,currency,timestamp\n";
  private static final String TS = "2024-01-31T09:30:00Z";

  @AfterEach
  void noHelperThreadIsLeft() {
    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(Thread::isAlive)
        .extracting(Thread::getName)
        .doesNotContain(ReadAheadInputStream.THREAD_NAME, ParsedBatches.THREAD_NAME);
  }

  @Test
  void duplicatesAndRejectsAcrossBatchesComeOutAsRowByRow() throws IOException {
    // Repeats 300 rows back (always another batch) and 10 rows back (mostly the same batch), bad amounts between.
    StringBuilder csv = new StringBuilder(HEADER);
    Set<String> accepted = new HashSet<>(); // the row-by-row rule, written independently
    List<RejectedRow> rejects = new ArrayList<>();
    long[] acceptedPerAccount = new long[3];
    int rows = 5 * RowBatch.ROWS + 17;
    for (int i = 0; i < rows; i++) {
      String id = i >= 300 && i % 7 == 3 ? "t" + (i - 300) : i >= 10 && i % 13 == 6 ? "t" + (i - 10) : "t" + i;
      boolean badAmount = i % 11 == 5;
      csv.append(id).append(",A").append(i % 3).append(',').append(badAmount ? "1e3" : "2").append(",USD,")
          .append(TS).append('\n');
      long line = i + 2;
      if (badAmount) {
        rejects.add(new RejectedRow(line, "invalid amount: not a plain decimal number"));
      } else if (!accepted.add(id)) {
        rejects.add(new RejectedRow(line, "duplicate transaction_id"));
      } else {
        acceptedPerAccount[i % 3]++;
      }
    }

    FileSummary summary = process(csv.toString()).summary();

    assertThat(rejects.size()).as("the file has more rejects than are kept").isGreaterThan(100);
    assertThat(summary.rows().accepted()).isEqualTo(accepted.size());
    assertThat(summary.rows().rejected()).isEqualTo(rejects.size());
    assertThat(summary.rejects()).containsExactlyElementsOf(rejects.subList(0, 100));
    assertThat(summary.accounts()).extracting(FileSummary.AccountTotals::count)
        .containsExactly(acceptedPerAccount[0], acceptedPerAccount[1], acceptedPerAccount[2]);
  }

  @Test
  void aLimitReachedBeforeABrokenRecordIsTheReasonAsRowByRow() throws IOException {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i <= TotalsAccumulator.MAX_ACCOUNT_GROUPS; i++) {
      csv.append("t").append(i).append(",A").append(i).append(",1,USD,").append(TS).append('\n');
    }
    csv.append("\"never closed,A1,1,USD,").append(TS).append('\n'); // in the same batch as the last rows

    assertThat(process(csv.toString()).failureReason())
        .isEqualTo("more than 10000 distinct account/currency pairs; split the file");
  }

  @Test
  void aBrokenFileEndsBothThreads() throws IOException {
    FileOutcome outcome = process(HEADER + "t1,A1,1,USD," + TS + "\n\"t2,A1,1,USD," + TS + "\n");

    assertThat(outcome.failureReason()).startsWith("unreadable CSV: line 3: quoted field is not closed");
  }

  @Test
  void aReadErrorReachesTheCallerAndEndsBothThreads() {
    IOException reset = new IOException("connection reset");
    byte[] start = (HEADER + ("t1,A1,1,USD," + TS + "\n").repeat(1000)).getBytes(StandardCharsets.UTF_8);
    InputStream source = new SequenceInputStream(new ByteArrayInputStream(start), new InputStream() {
      @Override
      public int read() throws IOException {
        throw reset;
      }
    });

    assertThatThrownBy(() -> new TransactionFileProcessor().process(source))
        .isInstanceOf(IOException.class)
        .hasRootCause(reset);
  }

  @Test
  void stoppingEarlyOnTheLimitEndsBothThreadsWhileTheSourceStillHasData() throws IOException {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i <= TotalsAccumulator.MAX_ACCOUNT_GROUPS; i++) {
      csv.append("t").append(i).append(",A").append(i).append(",1,USD,").append(TS).append('\n');
    }
    InputStream endless = new SequenceInputStream(
        new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), new InputStream() {
          private long row;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            byte[] line = ("more" + row++ + ",A1,1,USD," + TS + "\n").getBytes(StandardCharsets.UTF_8);
            int n = Math.min(len, line.length);
            System.arraycopy(line, 0, b, off, n);
            return n;
          }
        });

    assertThat(new TransactionFileProcessor().process(endless).failureReason())
        .startsWith("more than 10000 distinct");
  }

  private static FileOutcome process(String content) throws IOException {
    return new TransactionFileProcessor().process(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
  }
}
