package dev.finpipe.handlers.processing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A plain decimal amount ("-12.50", "3"; no exponent, grouping or bare dot) as a scaled {@code long}: the value is
 * {@code unscaled × 10^-scale}, exactly what {@code new BigDecimal(text)} holds, without creating it. Amounts of more
 * than 18 digits do not fit a long and are kept as a {@link BigDecimal} ({@link #big}). Mutable: the validator
 * parses each row's amount into the same instance.
 */
final class Amount {
  // Long enough for any real amount, short enough that BigDecimal parsing stays cheap.
  static final int MAX_CHARS = 40;
  private static final int MAX_LONG_DIGITS = 18;

  long unscaled;
  int scale;
  BigDecimal big;

  /** Parses {@code text[from, to)}; false when it is not a plain decimal number. */
  boolean parse(byte[] text, int from, int to) {
    int length = to - from;
    if (length == 0 || length > MAX_CHARS) {
      return false;
    }
    int i = from;
    boolean negative = text[i] == '-';
    if (negative || text[i] == '+') {
      i++;
    }
    long value = 0;
    int digits = 0;
    int integerDigits = 0;
    while (i < to && isDigit(text[i])) {
      value = value * 10 + (text[i] - '0');
      i++;
      integerDigits++;
    }
    if (integerDigits == 0) {
      return false;
    }
    digits = integerDigits;
    int fractionDigits = 0;
    if (i < to) {
      if (text[i] != '.') {
        return false;
      }
      i++;
      while (i < to && isDigit(text[i])) {
        value = value * 10 + (text[i] - '0');
        i++;
        fractionDigits++;
      }
      if (fractionDigits == 0 || i < to) {
        return false;
      }
      digits += fractionDigits;
    }
    if (digits > MAX_LONG_DIGITS) { // the long above overflowed; the digits are valid, so BigDecimal reads them
      big = new BigDecimal(new String(text, from, length, StandardCharsets.US_ASCII));
      unscaled = 0;
      scale = big.scale();
      return true;
    }
    big = null;
    unscaled = negative ? -value : value;
    scale = fractionDigits;
    return true;
  }

  void set(Amount other) {
    unscaled = other.unscaled;
    scale = other.scale;
    big = other.big;
  }

  BigDecimal toBigDecimal() {
    return big != null ? big : BigDecimal.valueOf(unscaled, scale);
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }
}
