package dev.finpipe.handlers.support;

import java.util.function.Supplier;

/** A value built on first use, then kept: for what only some requests need. Thread-safe. */
public final class Lazy<T> implements Supplier<T> {
  private Supplier<? extends T> factory;
  private volatile T value;

  private Lazy(Supplier<? extends T> factory) {
    this.factory = factory;
  }

  public static <T> Lazy<T> of(Supplier<? extends T> factory) {
    return new Lazy<>(factory);
  }

  @Override
  public T get() {
    T result = value;
    if (result == null) {
      synchronized (this) {
        result = value;
        if (result == null) {
          result = factory.get();
          value = result;
          factory = null;
        }
      }
    }
    return result;
  }
}
