package dev.finpipe.handlers.processing;

import java.math.BigDecimal;

/** Count, exact sum, min and max of the amounts of one group, in one currency. */
final class RunningTotals {
  private long count;
  private BigDecimal sum = BigDecimal.ZERO;
  private BigDecimal min;
  private BigDecimal max;

  void add(BigDecimal amount) {
    count++;
    sum = sum.add(amount);
    if (min == null || amount.compareTo(min) < 0) {
      min = amount;
    }
    if (max == null || amount.compareTo(max) > 0) {
      max = amount;
    }
  }

  long count() {
    return count;
  }

  // Amounts leave as plain decimal strings: a JSON number would be read as a double by many clients.
  String sum() {
    return sum.toPlainString();
  }

  String min() {
    return min.toPlainString();
  }

  String max() {
    return max.toPlainString();
  }
}
