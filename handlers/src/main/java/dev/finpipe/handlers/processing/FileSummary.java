package dev.finpipe.handlers.processing;

import java.util.List;

/** What one CSV file added up to. Amounts are plain decimal strings, exact to the cent (or finer). */
public record FileSummary(
    RowCounts rows,
    List<CurrencyTotals> totalsByCurrency,
    List<AccountTotals> accounts,
    List<RejectedRow> rejects,
    boolean rejectsTruncated) {

  public record RowCounts(long total, long accepted, long rejected) {}

  public record CurrencyTotals(String currency, long count, String sum, String min, String max) {}

  public record AccountTotals(
      String accountId, String currency, long count, String sum, String min, String max) {}

  public record RejectedRow(long line, String reason) {}
}
