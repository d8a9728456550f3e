package dev.finpipe.handlers.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.handlers.processing.FileSummary.RejectedRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionFileProcessorTest {
  private static final String HEADER = "transaction_id,account_id,amount,currency,timestamp\n";
  private static final String ROW = "t1,A1,1.00,USD,2024-01-31T09:30:00Z\n";
  private static final String WRONG_HEADER =
      "missing or wrong header: expected transaction_id,account_id,amount,currency,timestamp[,description]";

  static Stream<Arguments> wholeFileFailures() {
    return Stream.of(
        Arguments.of("", "empty file"),
        Arguments.of("\n\n", "empty file"),
        Arguments.of(HEADER, "no data rows after the header"),
        Arguments.of(HEADER + "\n", "no data rows after the header"),
        Arguments.of(ROW + ROW, WRONG_HEADER),
        Arguments.of("transaction_id,account_id,amount,currency\n" + ROW, WRONG_HEADER),
        Arguments.of("transaction_id,account_id,currency,amount,timestamp\n" + ROW, WRONG_HEADER),
        Arguments.of("transaction_id,account_id,amount,currency,timestamp,notes\n" + ROW, WRONG_HEADER),
        Arguments.of(HEADER + "t1,A1,\"1.00,USD\n", "unreadable CSV: line 2: quoted field is not closed before end of file"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("wholeFileFailures")
  void failsTheWholeFile(String content, String reason) throws IOException {
    FileOutcome outcome = process(content);

    assertThat(outcome.failureReason()).isEqualTo(reason);
    assertThat(outcome.summary()).isNull();
  }

  @Test
  void acceptsHeaderVariants() throws IOException {
    assertThat(process("\uFEFF" + HEADER + ROW).isFailed()).as("UTF-8 BOM").isFalse();
    assertThat(process(" Transaction_ID , ACCOUNT_ID,amount,currency,timestamp\n" + ROW).isFailed()).isFalse();
    assertThat(process(HEADER.trim() + ",description\r\n" + "t1,A1,1,USD,2024-01-31T09:30:00Z,x\r\n").isFailed())
        .isFalse();
  }

  @Test
  void skipsBlankLinesAndNumbersRejectsByFileLine() throws IOException {
    FileSummary summary = process(HEADER + ROW + "\n" + "t2,A1,x,USD,2024-01-31T09:30:00Z\n").summary();

    assertThat(summary.rows()).isEqualTo(new FileSummary.RowCounts(2, 1, 1));
    assertThat(summary.rejects()).containsExactly(new RejectedRow(4, "invalid amount: not a plain decimal number"));
  }

  @Test
  void keepsTheFirstHundredRejectsAndCountsTheRest() throws IOException {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 150; i++) {
      csv.append("t").append(i).append(",A1,bad,USD,2024-01-31T09:30:00Z\n");
    }
    csv.append(ROW);

    FileSummary summary = process(csv.toString()).summary();

    assertThat(summary.rows()).isEqualTo(new FileSummary.RowCounts(151, 1, 150));
    assertThat(summary.rejects()).hasSize(TransactionFileProcessor.MAX_REJECTS_KEPT);
    assertThat(summary.rejects().get(0).line()).isEqualTo(2);
    assertThat(summary.rejects().get(99).line()).isEqualTo(101);
    assertThat(summary.rejectsTruncated()).isTrue();
  }

  @Test
  void addsUpPerAccountAndCurrencyExactly() throws IOException {
    String csv = HEADER
        + "t1,A2,0.10,USD,2024-01-31T09:30:00Z\n"
        + "t2,A2,0.20,USD,2024-01-31T09:30:00Z\n"
        + "t3,A1,-5,USD,2024-01-31T09:30:00Z\n"
        + "t4,A1,3.333,EUR,2024-01-31T09:30:00Z\n";

    FileSummary summary = process(csv).summary();

    assertThat(summary.accounts()).containsExactly(
        new FileSummary.AccountTotals("A1", "EUR", 1, "3.333", "3.333", "3.333"),
        new FileSummary.AccountTotals("A1", "USD", 1, "-5", "-5", "-5"),
        new FileSummary.AccountTotals("A2", "USD", 2, "0.30", "0.10", "0.20"));
    assertThat(summary.totalsByCurrency()).containsExactly(
        new FileSummary.CurrencyTotals("EUR", 1, "3.333", "3.333", "3.333"),
        new FileSummary.CurrencyTotals("USD", 3, "-4.70", "-5", "0.20"));
    assertThat(summary.rejectsTruncated()).isFalse();
  }

  @Test
  void addsUpAmountsBeyondALongExactly() throws IOException {
    String[] amounts = {"5000000000000000.00", "5000000000000000.00", "0.001", "99999999999999999.99", "-0.5"};
    StringBuilder csv = new StringBuilder(HEADER);
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < amounts.length; i++) {
      csv.append("t").append(i).append(",A1,").append(amounts[i]).append(",USD,2024-01-31T09:30:00Z\n");
      sum = sum.add(new BigDecimal(amounts[i]));
    }

    FileSummary.CurrencyTotals usd = process(csv.toString()).summary().totalsByCurrency().get(0);

    assertThat(usd.sum()).isEqualTo(sum.toPlainString()).isEqualTo("109999999999999999.491");
    assertThat(usd.min()).isEqualTo("-0.5");
    assertThat(usd.max()).isEqualTo("99999999999999999.99");
  }

  @Test
  void equalAmountsKeepTheFirstOnesScaleAsMinAndMax() throws IOException {
    FileSummary summary = process(HEADER
        + "t1,A1,1.0,USD,2024-01-31T09:30:00Z\n"
        + "t2,A1,1.00,USD,2024-01-31T09:30:00Z\n"
        + "t3,A1,+001,USD,2024-01-31T09:30:00Z\n").summary();

    assertThat(summary.accounts()).containsExactly(new FileSummary.AccountTotals("A1", "USD", 3, "3.00", "1.0", "1.0"));
  }

  @Test
  void aFileWithMoreAccountsThanTheLimitFailsAsAWhole() throws IOException {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i <= TotalsAccumulator.MAX_ACCOUNT_GROUPS; i++) {
      csv.append("t").append(i).append(",A").append(i).append(",1,USD,2024-01-31T09:30:00Z\n");
    }

    FileOutcome outcome = process(csv.toString());

    assertThat(outcome.failureReason())
        .isEqualTo("more than 10000 distinct account/currency pairs; split the file");
  }

  @Test
  void theLimitCountsAccountCurrencyPairs() throws IOException {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < TotalsAccumulator.MAX_ACCOUNT_GROUPS; i++) {
      csv.append("t").append(i).append(",A").append(i).append(",1,USD,2024-01-31T09:30:00Z\n");
    }
    csv.append("again,A0,1,USD,2024-01-31T09:30:00Z\n"); // an existing pair: still within the limit

    assertThat(process(csv.toString()).summary().accounts()).hasSize(TotalsAccumulator.MAX_ACCOUNT_GROUPS);
  }

  private static FileOutcome process(String content) throws IOException {
    return new TransactionFileProcessor().process(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
  }
}
