package dev.finpipe.handlers.processing;

import java.math.BigDecimal;

/**
 * Count, exact sum, min and max of the amounts of one group, in one currency. The sum is a scaled {@code long} at the
 * largest scale seen (what BigDecimal addition gives) until it would overflow; from then on, and for amounts too
 * long for a long, it is a BigDecimal. Either way the result is the exact BigDecimal sum, scale included.
 */
final class RunningTotals {
  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private long count;
  private long sum;
  private int sumScale;
  private BigDecimal bigSum; // set once the sum no longer fits a long
  private final Amount min = new Amount();
  private final Amount max = new Amount();

  void add(Amount amount) {
    if (count == 0) {
      min.set(amount);
      max.set(amount);
    } else {
      if (compare(amount, min) < 0) {
        min.set(amount);
      }
      if (compare(amount, max) > 0) {
        max.set(amount);
      }
    }
    count++;
    addToSum(amount);
  }

  private void addToSum(Amount amount) {
    if (bigSum == null && amount.big == null) {
      try {
        int scale = Math.max(sumScale, amount.scale);
        long aligned = Math.multiplyExact(sum, power(scale - sumScale));
        long addend = Math.multiplyExact(amount.unscaled, power(scale - amount.scale));
        sum = Math.addExact(aligned, addend);
        sumScale = scale;
        return;
      } catch (ArithmeticException overflow) {
        bigSum = BigDecimal.valueOf(sum, sumScale);
      }
    }
    if (bigSum == null) {
      bigSum = BigDecimal.valueOf(sum, sumScale);
    }
    bigSum = bigSum.add(amount.toBigDecimal());
  }

  /** Numeric order, as {@link BigDecimal#compareTo} (1.0 equals 1.00). */
  static int compare(Amount a, Amount b) {
    if (a.big == null && b.big == null) {
      if (a.scale == b.scale) {
        return Long.compare(a.unscaled, b.unscaled);
      }
      try {
        int scale = Math.max(a.scale, b.scale);
        return Long.compare(Math.multiplyExact(a.unscaled, power(scale - a.scale)),
            Math.multiplyExact(b.unscaled, power(scale - b.scale)));
      } catch (ArithmeticException overflow) {
        // compared exactly below
      }
    }
    return a.toBigDecimal().compareTo(b.toBigDecimal());
  }

  private static long power(int exponent) {
    if (exponent >= POWERS_OF_TEN.length) {
      throw new ArithmeticException("10^" + exponent + " overflows a long");
    }
    return POWERS_OF_TEN[exponent];
  }

  long count() {
    return count;
  }

  // Amounts leave as plain decimal strings: a JSON number would be read as a double by many clients.
  String sum() {
    return (bigSum != null ? bigSum : BigDecimal.valueOf(sum, sumScale)).toPlainString();
  }

  String min() {
    return min.toBigDecimal().toPlainString();
  }

  String max() {
    return max.toBigDecimal().toPlainString();
  }
}
