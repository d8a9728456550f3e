package dev.finpipe.handlers.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
  void validatesEachField(List<String> fields, String expectedReason) throws IOException {
    // The description column is optional: a 6-field row is checked against a 6-column header.
    int columns = fields.size() == 6 ? 6 : 5;

    assertThat(new RowValidator(columns, new TransactionIdSet()).validate(row(fields))).isEqualTo(expectedReason);
  }

  @Test
  void acceptedRowCarriesParsedValues() throws IOException {
    RowValidator validator = new RowValidator(5, new TransactionIdSet());
    CsvReader row = row(List.of(" t1", " A1 ", "-12.50", "EUR", "2024-01-31T09:30:00+01:00"));

    assertThat(validator.validate(row)).isNull();
    assertThat(new String(row.buffer(), validator.accountFrom(), validator.accountTo() - validator.accountFrom(),
        StandardCharsets.UTF_8)).isEqualTo("A1");
    assertThat(Currencies.code(validator.currency())).isEqualTo("EUR");
    assertThat(validator.amount().toBigDecimal()).isEqualTo(new BigDecimal("-12.50"));
  }

  @Test
  void rejectsARepeatedIdButNotTheFirstOne() throws IOException {
    RowValidator validator = new RowValidator(5, new TransactionIdSet());

    String first = validator.validate(row(List.of("t1", "A1", "1", "USD", TS)));
    String second = validator.validate(row(List.of("t1", "A2", "2", "EUR", TS)));
    String other = validator.validate(row(List.of("t2", "A1", "1", "USD", TS)));

    assertThat(first).isNull();
    assertThat(second).isEqualTo("duplicate transaction_id");
    assertThat(other).isNull();
  }

  @Test
  void anInvalidRowDoesNotClaimItsId() throws IOException {
    RowValidator validator = new RowValidator(5, new TransactionIdSet());

    String invalid = validator.validate(row(List.of("t1", "A1", "bad", "USD", TS)));
    String corrected = validator.validate(row(List.of("t1", "A1", "1.00", "USD", TS)));

    assertThat(invalid).isNotNull();
    assertThat(corrected).isNull();
  }

  @Test
  void rejectsAMalformedRecordWithItsReason() throws IOException {
    CsvReader malformed = reader("t1,\"A1\"x,1,USD," + TS + "\n");

    assertThat(new RowValidator(5, new TransactionIdSet()).validate(malformed))
        .isEqualTo("malformed CSV: text after a closing quote");
  }

  /** The fields as one CSV line (quoted, so separators and spaces inside stay), read back by the reader. */
  private static CsvReader row(List<String> fields) throws IOException {
    StringBuilder line = new StringBuilder();
    for (String field : fields) {
      line.append(line.length() == 0 ? "" : ",").append('"').append(field.replace("\"", "\"\"")).append('"');
    }
    return reader(line + "\n");
  }

  private static CsvReader reader(String csv) throws IOException {
    CsvReader reader = new CsvReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 10_000);
    assertThat(reader.next()).isTrue();
    return reader;
  }
}
