package dev.finpipe.handlers.support;

import java.time.Instant;

/**
 * The stored status of one job.
 *
 * @param sourceETag ETag of the file a final state was reached for; makes the processor idempotent
 * @param retryable true when the failure was unexpected and Lambda's retries will try again
 */
public record JobStatus(
    String jobId, JobState state, String updatedAt, String reason, String sourceETag, Boolean retryable) {

  public static JobStatus of(String jobId, JobState state) {
    return new JobStatus(jobId, state, Instant.now().toString(), null, null, null);
  }

  public static JobStatus completed(String jobId, String sourceETag) {
    return new JobStatus(jobId, JobState.COMPLETED, Instant.now().toString(), null, sourceETag, null);
  }

  /** The file itself is unusable (empty, bad header...): retrying would not help. */
  public static JobStatus rejected(String jobId, String reason, String sourceETag) {
    return new JobStatus(jobId, JobState.FAILED, Instant.now().toString(), reason, sourceETag, false);
  }

  /** Something unexpected broke; the event is retried and may still succeed. */
  public static JobStatus failedUnexpectedly(String jobId, String reason) {
    return new JobStatus(jobId, JobState.FAILED, Instant.now().toString(), reason, null, true);
  }

  /** True when this status is a final outcome for exactly this version of the source file. */
  public boolean isFinalFor(String eTag) {
    boolean finalState =
        state == JobState.COMPLETED || (state == JobState.FAILED && !Boolean.TRUE.equals(retryable));
    return finalState && eTag != null && eTag.equals(sourceETag);
  }
}
