package dev.finpipe.handlers.processing;

import java.util.Currency;

/**
 * ISO-4217 codes as {@code java.util.Currency} knows them, looked up by their three upper-case letters as a number
 * in [0, 26³): a row's currency is checked and grouped without a String. Verdicts are cached per code.
 */
final class Currencies {
  static final int CODES = 26 * 26 * 26;
  static final int INVALID = -1;
  private static final byte UNKNOWN = 0;
  private static final byte VALID = 1;
  private static final byte NOT_A_CURRENCY = 2;
  // Benign race: two threads may both look a code up; both write the same verdict.
  private static final byte[] VERDICTS = new byte[CODES];

  private Currencies() {}

  /** The code's index, or {@link #INVALID} when {@code text[from, to)} is not an ISO-4217 code. */
  static int index(byte[] text, int from, int to) {
    if (to - from != 3) {
      return INVALID;
    }
    int index = 0;
    for (int i = from; i < to; i++) {
      int c = text[i];
      if (c < 'A' || c > 'Z') {
        return INVALID; // Currency.getInstance is case-sensitive anyway
      }
      index = index * 26 + (c - 'A');
    }
    byte verdict = VERDICTS[index];
    if (verdict == UNKNOWN) {
      verdict = isKnown(code(index)) ? VALID : NOT_A_CURRENCY;
      VERDICTS[index] = verdict;
    }
    return verdict == VALID ? index : INVALID;
  }

  /** The three letters of an index; indexes sort as their codes do. */
  static String code(int index) {
    return new String(new char[] {
        (char) ('A' + index / 676), (char) ('A' + index / 26 % 26), (char) ('A' + index % 26)});
  }

  private static boolean isKnown(String code) {
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
