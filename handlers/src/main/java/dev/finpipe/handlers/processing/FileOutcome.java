package dev.finpipe.handlers.processing;

/** Either a summary of the file, or why the file as a whole cannot be processed. */
public record FileOutcome(FileSummary summary, String failureReason) {

  static FileOutcome processed(FileSummary summary) {
    return new FileOutcome(summary, null);
  }

  static FileOutcome failed(String reason) {
    return new FileOutcome(null, reason);
  }

  public boolean isFailed() {
    return failureReason != null;
  }
}
