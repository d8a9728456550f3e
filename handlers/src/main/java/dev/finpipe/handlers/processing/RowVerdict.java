package dev.finpipe.handlers.processing;

/** The outcome of validating one row: a transaction, or the reason it was rejected. */
public record RowVerdict(Transaction transaction, String rejectReason) {

  static RowVerdict accepted(Transaction transaction) {
    return new RowVerdict(transaction, null);
  }

  static RowVerdict rejected(String reason) {
    return new RowVerdict(null, reason);
  }

  public boolean isAccepted() {
    return transaction != null;
  }
}
