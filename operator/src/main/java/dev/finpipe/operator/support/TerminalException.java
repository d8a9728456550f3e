package dev.finpipe.operator.support;

/**
 * A failure that retrying cannot fix (invalid spec, a name owned by someone else). The reconciler turns it
 * into a condition and does not retry until the spec changes.
 */
public class TerminalException extends ClassifiedException {

  public TerminalException(String reason, String message) {
    this(reason, message, null);
  }

  public TerminalException(String reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
