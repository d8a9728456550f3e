package dev.finpipe.operator.support;

/** A failure the operator has classified: a CamelCase reason for conditions and events, and a message. */
public abstract class ClassifiedException extends RuntimeException {
  private final String reason;

  protected ClassifiedException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** A CamelCase reason for the condition, e.g. {@code ForeignResource}. */
  public String reason() {
    return reason;
  }
}
