package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.support.RetryableException;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds the function-code uploads in flight, operator-wide: creating a function or updating its code sends the
 * whole handlers jar (~12 MB, ~16 MB base64 in JSON, several copies while marshalling), so unbounded
 * parallelism across pipelines would exhaust the heap.
 */
public final class CodeUploads {
  /** The bound the operator runs with. */
  public static final int DEFAULT = 2;
  private final Semaphore permits;

  public CodeUploads(int concurrent) {
    this.permits = new Semaphore(concurrent, true);
  }

  <T> T upload(Supplier<T> call) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException("Interrupted", "interrupted while waiting to upload function code");
    }
    try {
      return call.get();
    } finally {
      permits.release();
    }
  }
}
