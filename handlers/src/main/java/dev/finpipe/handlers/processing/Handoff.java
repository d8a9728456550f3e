package dev.finpipe.handlers.processing;

import java.io.IOException;

/** Hands a failure caught on a worker thread to the thread that waits for its work. */
final class Handoff {
  private Handoff() {}

  /**
   * Throws an unchecked failure as it is (its type is what callers catch); returns a checked one wrapped in an
   * {@link IOException} (the only checked exception the workers here meet) for the caller to throw.
   */
  static IOException rethrown(Throwable failure) {
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return new IOException(failure.getMessage(), failure);
  }
}
