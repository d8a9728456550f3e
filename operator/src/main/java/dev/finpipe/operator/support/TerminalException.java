package dev.finpipe.operator.support;

/**
 * A failure that retrying cannot fix (invalid spec, a name owned by someone else). The reconciler turns it
 * into a condition and does not retry until the spec changes.
 */
public class TerminalException extends RuntimeException {
  private final String reason;

  public TerminalException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public TerminalException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** A CamelCase reason for the condition, e.g. {@code ForeignResource}. */
  public String reason() {
    return reason;
  }
}
