package dev.finpipe.handlers.processing;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 date-times with an offset, exactly as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} accepts
 * them. The common shape {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)} is read by hand, because the
 * formatter was the slowest step of the processor (several times slower than CSV parsing itself); every
 * other shape, and every value the hand-read path rejects, goes through the formatter.
 */
final class IsoTimestamps {
  private IsoTimestamps() {}

  /** The parsed value, or null when the text is not an ISO-8601 date-time with offset. */
  static OffsetDateTime parse(String text) {
    OffsetDateTime fast = parseCommonShape(text);
    if (fast != null) {
      return fast;
    }
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static OffsetDateTime parseCommonShape(String s) {
    int length = s.length();
    if (length < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < length && i - start < 9 && isDigit(s.charAt(i))) {
        nanos = nanos * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start) {
        return null;
      }
      for (int scale = i - start; scale < 9; scale++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset = offset(s, i);
    if (offset == null) {
      return null;
    }
    try {
      return OffsetDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second, nanos), offset);
    } catch (DateTimeException e) {
      return null; // out-of-range field: let the formatter give the verdict
    }
  }

  private static ZoneOffset offset(String s, int i) {
    int length = s.length();
    if (length == i + 1 && s.charAt(i) == 'Z') {
      return ZoneOffset.UTC;
    }
    if (length != i + 6 || (s.charAt(i) != '+' && s.charAt(i) != '-') || s.charAt(i + 3) != ':') {
      return null;
    }
    int hours = digits(s, i + 1, 2);
    int minutes = digits(s, i + 4, 2);
    if ((hours | minutes) < 0) {
      return null;
    }
    int sign = s.charAt(i) == '-' ? -1 : 1;
    try {
      return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The number in s[start, start+count), or -1 when any of those characters is not a digit. */
  private static int digits(String s, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
