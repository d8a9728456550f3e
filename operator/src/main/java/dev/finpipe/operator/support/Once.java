package dev.finpipe.operator.support;

import java.util.function.Supplier;

/** A value computed on first use and shared by every later caller; a failed computation is not remembered. */
public final class Once {
  private Once() {
  }

  public static <T> Supplier<T> of(Supplier<T> compute) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = compute.get();
        }
        return value;
      }
    };
  }
}
