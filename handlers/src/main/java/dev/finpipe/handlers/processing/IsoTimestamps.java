package dev.finpipe.handlers.processing;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 date-times with an offset, exactly as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} accepts
 * them. The common shape {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)} is checked by hand on the bytes, because
 * the formatter was the slowest step of the processor (several times slower than CSV parsing itself); every
 * other shape, and every value the hand check rejects, goes through the formatter.
 */
final class IsoTimestamps {
  private IsoTimestamps() {}

  /**
   * True when {@code b[from, to)} (UTF-8) is a valid ISO-8601 date-time with offset. The common shape is checked on
   * the bytes, field ranges included, without building a date; anything else is decided by {@link #parse}.
   */
  static boolean isValid(byte[] b, int from, int to) {
    return isValidCommonShape(b, from, to)
        || parse(new String(b, from, to - from, StandardCharsets.UTF_8)) != null;
  }

  /** True only for {@code yyyy-MM-ddTHH:mm:ss[.1-9 digits](Z|±HH:MM)} with every field in range. */
  static boolean isValidCommonShape(byte[] b, int from, int to) {
    int length = to - from;
    if (length < 20 || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T'
        || b[from + 13] != ':' || b[from + 16] != ':') {
      return false;
    }
    int year = digits(b, from, 4);
    int month = digits(b, from + 5, 2);
    int day = digits(b, from + 8, 2);
    int hour = digits(b, from + 11, 2);
    int minute = digits(b, from + 14, 2);
    int second = digits(b, from + 17, 2);
    if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
        || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
      return false;
    }
    int i = from + 19;
    if (b[i] == '.') {
      int start = ++i;
      while (i < to && i - start < 9 && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      if (i == start) {
        return false;
      }
    }
    if (to == i + 1 && b[i] == 'Z') {
      return true;
    }
    if (to != i + 6 || (b[i] != '+' && b[i] != '-') || b[i + 3] != ':') {
      return false;
    }
    int offsetHours = digits(b, i + 1, 2);
    int offsetMinutes = digits(b, i + 4, 2);
    return offsetHours >= 0 && offsetMinutes >= 0 && offsetMinutes <= 59
        && (offsetHours < 18 || (offsetHours == 18 && offsetMinutes == 0)); // ZoneOffset's range: ±18:00
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static int digits(byte[] b, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      int c = b[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** The parsed value, or null when the text is not an ISO-8601 date-time with offset. */
  static OffsetDateTime parse(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
