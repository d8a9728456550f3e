package dev.finpipe.operator.aws;

/**
 * One managed field whose actual value differs from the desired one. Values are short human-readable
 * renderings for events and logs (never secrets).
 */
public record FieldDrift(String field, String desired, String actual) {
  public static FieldDrift of(String field, Object desired, Object actual) {
    return new FieldDrift(field, String.valueOf(desired), String.valueOf(actual));
  }

  public static FieldDrift missing(String field, Object desired) {
    return new FieldDrift(field, String.valueOf(desired), "<absent>");
  }

  @Override
  public String toString() {
    return field;
  }
}
