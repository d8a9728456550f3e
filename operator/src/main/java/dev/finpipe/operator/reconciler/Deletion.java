package dev.finpipe.operator.reconciler;

/** What deleting a pipeline does to one of its components, given {@code spec.deletionPolicy}. */
enum Deletion {
  /** Removed with the pipeline. */
  ALWAYS(null),
  /** Kept with Retain; with Delete removed (the manager itself refuses while it holds data). */
  RETAIN("kept by deletionPolicy Retain"),
  /** Kept with Retain while it holds data (failed events); removed otherwise. */
  RETAIN_WHILE_HOLDING_DATA("kept by deletionPolicy Retain: it holds data (failed events)"),
  /** A statement of its function's resource policy: goes with the function, no step of its own. */
  WITH_FUNCTION(null);

  private final String retainedMessage;

  Deletion(String retainedMessage) {
    this.retainedMessage = retainedMessage;
  }

  String retainedMessage() {
    return retainedMessage;
  }
}
