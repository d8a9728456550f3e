package dev.finpipe.handlers.support;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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

  /** The stored document: the members in declaration order, null members left out. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("jobId", jobId);
    json.put("state", state);
    json.put("updatedAt", updatedAt);
    json.put("reason", reason);
    json.put("sourceETag", sourceETag);
    json.put("retryable", retryable);
    return json;
  }

  /** Reads a stored document; unknown members are ignored, an unknown state is refused. */
  public static JobStatus fromJson(byte[] document) {
    if (!(JsonStreams.read(document) instanceof Map<?, ?> json)) {
      throw new IllegalArgumentException("a job status is a JSON object");
    }
    Object state = json.get("state");
    return new JobStatus(text(json.get("jobId")), state == null ? null : JobState.valueOf(state.toString()),
        text(json.get("updatedAt")), text(json.get("reason")), text(json.get("sourceETag")),
        json.get("retryable") instanceof Boolean retryable ? retryable : null);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** True when this status is a final outcome for exactly this version of the source file. */
  public boolean isFinalFor(String eTag) {
    boolean finalState =
        state == JobState.COMPLETED || (state == JobState.FAILED && !Boolean.TRUE.equals(retryable));
    return finalState && eTag != null && eTag.equals(sourceETag);
  }
}
