package dev.finpipe.operator.support;

/** Checks that a record's required components are present, naming the first one missing. */
public final class Required {
  private Required() {
  }

  /** {@code namesAndValues}: a component's name, then its value, for each component. */
  public static void present(Object... namesAndValues) {
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) {
        throw new NullPointerException(namesAndValues[i] + " is required");
      }
    }
  }
}
