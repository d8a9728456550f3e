package dev.finpipe.handlers.support;

/** Life cycle of a job, as stored in {@code status/<jobId>.json}. */
public enum JobState {
  /** A pre-signed upload URL was handed out; the file has not arrived yet. */
  AWAITING_UPLOAD,
  /** The file is stored under the incoming prefix and waits for the processor. */
  RECEIVED,
  PROCESSING,
  COMPLETED,
  FAILED
}
