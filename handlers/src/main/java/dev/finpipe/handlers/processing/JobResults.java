package dev.finpipe.handlers.processing;

import dev.finpipe.handlers.processing.FileSummary.AccountTotals;
import dev.finpipe.handlers.processing.FileSummary.CurrencyTotals;
import dev.finpipe.handlers.processing.FileSummary.RejectedRow;
import dev.finpipe.handlers.processing.FileSummary.RowCounts;
import java.time.Instant;
import java.util.List;

/** The document stored as {@code results/<jobId>.json} and served by the results endpoint. */
public record JobResults(
    String jobId,
    String sourceKey,
    String sourceETag,
    String processedAt,
    RowCounts rows,
    List<CurrencyTotals> totalsByCurrency,
    List<AccountTotals> accounts,
    List<RejectedRow> rejects,
    boolean rejectsTruncated) {

  public static JobResults of(String jobId, String sourceKey, String sourceETag, FileSummary summary) {
    return new JobResults(
        jobId,
        sourceKey,
        sourceETag,
        Instant.now().toString(),
        summary.rows(),
        summary.totalsByCurrency(),
        summary.accounts(),
        summary.rejects(),
        summary.rejectsTruncated());
  }
}
