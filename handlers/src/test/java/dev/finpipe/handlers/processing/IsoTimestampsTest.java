package dev.finpipe.handlers.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampsTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "2024-01-31T09:30:00Z", "2024-01-31T09:30:00.1Z", "2024-01-31T09:30:00.123456789+05:30",
      "2024-02-29T23:59:59-12:00", "2024-01-31T09:30Z", "2024-01-31t09:30:00z", "2024-01-31T09:30:00+01:00:30",
      "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-31T24:00:00Z", "2024-01-31T09:60:00Z",
      "2024-01-31T09:30:00+19:00", "2024-01-31T09:30:00", "2024-01-31T09:30:00.Z", "2024-01-31T09:30:00.1234567891Z",
      "2024-01-31T09:30:00+0100", "2024-01-31 09:30:00Z", "+2024-01-31T09:30:00Z", "2024-1-31T09:30:00Z",
      "2024-01-31T09:30:00ZZ", "2024-01-31T09:30:00+01:00 ", "２０２４-01-31T09:30:00Z", ""})
  void agreesWithTheIsoFormatter(String text) {
    assertThat(isValid(text)).isEqualTo(viaFormatter(text) != null);
  }

  @Test
  void agreesWithTheIsoFormatterOnRandomTimestamps() {
    Random random = new Random(7);
    for (int i = 0; i < 3_000; i++) {
      String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", random.nextInt(10_000), random.nextInt(14),
          random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62),
          random.nextBoolean() ? "" : "." + random.nextInt(1_000_000),
          random.nextBoolean() ? "Z" : String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-",
              random.nextInt(20), random.nextInt(61)));

      assertThat(isValid(text)).as(text).isEqualTo(viaFormatter(text) != null);
      if (IsoTimestamps.isValidCommonShape(bytes(text), 0, bytes(text).length)) {
        assertThat(viaFormatter(text)).as("the hand check accepts only what the formatter accepts: %s", text)
            .isNotNull();
      }
    }
  }

  /** Checked inside a larger buffer, as the reader hands fields out. */
  private static boolean isValid(String text) {
    byte[] padded = ("x," + text + ",y").getBytes(StandardCharsets.UTF_8);
    return IsoTimestamps.isValid(padded, 2, padded.length - 2);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static OffsetDateTime viaFormatter(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
