package dev.finpipe.handlers.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RowValidatorTest {
  private static final String TS = "2024-01-31T09:30:00Z";

  static Stream<Arguments> rows() {
    return Stream.of(
        // fields, expected reject reason (null = accepted)
        Arguments.of(List.of("t1", "A1", "12.50", "USD", TS), null),
        Arguments.of(List.of("t1", "A1", "-0.01", "EUR", "2024-01-31T09:30:00.123+05:30"), null),
        Arguments.of(List.of("t1", "A1", "+7", "JPY", "2024-01-31T09:30:00-08:00"), null),
        Arguments.of(List.of(" t1 ", " A1 ", " 3.0 ", " GBP ", " " + TS + " "), null),
        Arguments.of(List.of("t1", "A1", "1", "CHF", TS, "any description, even ,,,"), null),
        Arguments.of(List.of("t1", "A1", "ten", "USD", TS), "invalid amount: not a plain decimal number"),
        Arguments.of(List.of("t1", "A1", "", "USD", TS), "invalid amount: not a plain decimal number"),
        Arguments.of(List.of("t1", "A1", "1e3", "USD", TS), "invalid amount: not a plain decimal number"),
        Arguments.of(List.of("t1", "A1", "1,000.00", "USD", TS), "invalid amount: not a plain decimal number"),
        Arguments.of(List.of("t1", "A1", "1.", "USD", TS), "invalid amount: not a plain decimal number"),
        Arguments.of(List.of("t1", "A1", ".5", "USD", TS), "invalid amount: not a plain decimal number"),
        Arguments.of(List.of("t1", "A1", "1.2.3", "USD", TS), "invalid amount: not a plain decimal number"),
        Arguments.of(List.of("t1", "A1", "NaN", "USD", TS), "invalid amount: not a plain decimal number"),
        Arguments.of(List.of("t1", "A1", "-", "USD", TS), "invalid amount: not a plain decimal number"),
        Arguments.of(List.of("t1", "A1", "1".repeat(41), "USD", TS), "invalid amount: not a plain decimal number"),
        Arguments.of(List.of("t1", "A1", "1", "usd", TS), "invalid currency: not an ISO-4217 code"),
        Arguments.of(List.of("t1", "A1", "1", "ABC", TS), "invalid currency: not an ISO-4217 code"),
        Arguments.of(List.of("t1", "A1", "1", "US", TS), "invalid currency: not an ISO-4217 code"),
        Arguments.of(List.of("t1", "A1", "1", "USDD", TS), "invalid currency: not an ISO-4217 code"),
        Arguments.of(List.of("t1", "A1", "1", "", TS), "invalid currency: not an ISO-4217 code"),
        Arguments.of(List.of("t1", "A1", "1", "USD", "2024-13-01T00:00:00Z"), timestampReason()),
        Arguments.of(List.of("t1", "A1", "1", "USD", "2024-02-30T00:00:00Z"), timestampReason()),
        Arguments.of(List.of("t1", "A1", "1", "USD", "2024-01-31T09:30:00"), timestampReason()),
        Arguments.of(List.of("t1", "A1", "1", "USD", "2024-01-31"), timestampReason()),
        Arguments.of(List.of("t1", "A1", "1", "USD", "31/01/2024 09:30"), timestampReason()),
        Arguments.of(List.of("t1", "A1", "1", "USD", ""), timestampReason()),
        Arguments.of(List.of("", "A1", "1", "USD", TS), "missing transaction_id"),
        Arguments.of(List.of("t1", " ", "1", "USD", TS), "missing account_id"),
        Arguments.of(List.of("t1", "A1", "1", "USD"), "wrong column count: expected 5, got 4"),
        Arguments.of(List.of("t1", "A1", "1", "USD", TS, "x", "y"), "wrong column count: expected 5, got 7"));
  }

  private static String timestampReason() {
    return "invalid timestamp: not ISO-8601 with offset (e.g. 2024-01-31T09:30:00Z)";
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("rows")
  void validatesEachField(List<String> fields, String expectedReason) {
    // The description column is optional: a 6-field row is checked against a 6-column header.
    int columns = fields.size() == 6 ? 6 : 5;
    RowVerdict verdict = new RowValidator(columns, new TransactionIdSet()).validate(new CsvRecord(2, fields, null));

    assertThat(verdict.rejectReason()).isEqualTo(expectedReason);
    assertThat(verdict.isAccepted()).isEqualTo(expectedReason == null);
  }

  @Test
  void acceptedRowCarriesParsedValues() {
    RowVerdict verdict =
        new RowValidator(5, new TransactionIdSet())
            .validate(new CsvRecord(2, List.of(" t1", "A1", "-12.50", "EUR", "2024-01-31T09:30:00+01:00"), null));

    assertThat(verdict.transaction())
        .isEqualTo(new Transaction("t1", "A1", new BigDecimal("-12.50"), "EUR",
            OffsetDateTime.parse("2024-01-31T09:30:00+01:00")));
  }

  @Test
  void rejectsARepeatedIdButNotTheFirstOne() {
    RowValidator validator = new RowValidator(5, new TransactionIdSet());

    RowVerdict first = validator.validate(new CsvRecord(2, List.of("t1", "A1", "1", "USD", TS), null));
    RowVerdict second = validator.validate(new CsvRecord(3, List.of("t1", "A2", "2", "EUR", TS), null));
    RowVerdict other = validator.validate(new CsvRecord(4, List.of("t2", "A1", "1", "USD", TS), null));

    assertThat(first.isAccepted()).isTrue();
    assertThat(second.rejectReason()).isEqualTo("duplicate transaction_id");
    assertThat(other.isAccepted()).isTrue();
  }

  @Test
  void anInvalidRowDoesNotClaimItsId() {
    RowValidator validator = new RowValidator(5, new TransactionIdSet());

    RowVerdict invalid = validator.validate(new CsvRecord(2, List.of("t1", "A1", "bad", "USD", TS), null));
    RowVerdict corrected = validator.validate(new CsvRecord(3, List.of("t1", "A1", "1.00", "USD", TS), null));

    assertThat(invalid.isAccepted()).isFalse();
    assertThat(corrected.isAccepted()).isTrue();
  }

  @Test
  void rejectsAMalformedRecordWithItsReason() {
    RowVerdict verdict =
        new RowValidator(5, new TransactionIdSet())
            .validate(new CsvRecord(7, List.of("t1", "A1x", "1", "USD", TS), "text after a closing quote"));

    assertThat(verdict.rejectReason()).isEqualTo("malformed CSV: text after a closing quote");
  }
}
