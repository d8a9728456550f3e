package dev.finpipe.handlers.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvReaderTest {

  static Stream<Arguments> wellFormed() {
    return Stream.of(
        Arguments.of("plain fields", "a,b,c\n", List.of(List.of("a", "b", "c"))),
        Arguments.of("no final line break", "a,b", List.of(List.of("a", "b"))),
        Arguments.of("empty fields", ",,\n", List.of(List.of("", "", ""))),
        Arguments.of("comma inside quotes", "\"a,b\",c\n", List.of(List.of("a,b", "c"))),
        Arguments.of("escaped quote", "\"say \"\"hi\"\"\",x\n", List.of(List.of("say \"hi\"", "x"))),
        Arguments.of("empty quoted field", "\"\",x\n", List.of(List.of("", "x"))),
        Arguments.of("only an escaped quote", "\"\"\"\"\n", List.of(List.of("\""))),
        Arguments.of("LF inside quotes", "\"a\nb\",c\n", List.of(List.of("a\nb", "c"))),
        Arguments.of("CRLF inside quotes", "\"a\r\nb\",c\r\n", List.of(List.of("a\r\nb", "c"))),
        Arguments.of("CRLF line ends", "a,b\r\nc,d\r\n", List.of(List.of("a", "b"), List.of("c", "d"))),
        Arguments.of("CR line ends", "a,b\rc,d", List.of(List.of("a", "b"), List.of("c", "d"))),
        Arguments.of("quoted last field at EOF", "a,\"b\"", List.of(List.of("a", "b"))),
        Arguments.of("spaces are kept", " a , b \n", List.of(List.of(" a ", " b "))),
        Arguments.of("blank line is one empty field", "a\n\nb\n", List.of(List.of("a"), List.of(""), List.of("b"))),
        Arguments.of("unicode", "café,€\n", List.of(List.of("café", "€"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormed")
  void readsWellFormedRecords(String name, String input, List<List<String>> expected) throws IOException {
    List<CsvRecord> records = readAll(input, 1000);

    assertThat(records).extracting(CsvRecord::fields).containsExactlyElementsOf(expected);
    assertThat(records).allSatisfy(r -> assertThat(r.malformation()).isNull());
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("a\"b,c\n", "quote inside an unquoted field"),
        Arguments.of("\"a\"b,c\n", "text after a closing quote"),
        Arguments.of("x,\"a\" ,c\n", "text after a closing quote"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void flagsABrokenRecordAndReadsOn(String input, String malformation) throws IOException {
    List<CsvRecord> records = readAll(input + "next,ok\n", 1000);

    assertThat(records).hasSize(2);
    assertThat(records.get(0).malformation()).isEqualTo(malformation);
    assertThat(records.get(1).fields()).containsExactly("next", "ok");
    assertThat(records.get(1).malformation()).isNull();
  }

  @Test
  void numbersRecordsByTheLineTheyStartOn() throws IOException {
    List<CsvRecord> records = readAll("h\r\n\"multi\r\nline\",x\r\nnext\nlast", 1000);

    assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 4L, 5L);
  }

  @Test
  void anUnclosedQuoteAtEndOfFileIsFatal() {
    assertThatThrownBy(() -> readAll("a,b\nc,\"never closed\n", 1000))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void aRecordOverTheCapIsFatalInsteadOfFillingMemory() {
    String longQuoted = "\"" + "x".repeat(5000) + "\n" + "y".repeat(5000);

    assertThatThrownBy(() -> readAll("a\n" + longQuoted, 1000))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("1000 characters");
  }

  @Test
  void theCapCountsCharactersExactlyAcrossFieldsOfMultiByteText() throws IOException {
    // 40 fields of "é" (2 bytes, 1 character), 39 commas and the line break: 80 characters, 120 bytes; the same
    // after a quoted field with an escaped quote ("a""b" is 5 characters read, 3 kept).
    for (String first : List.of("é", "\"a\"\"b\"")) {
      String record = first + ",é".repeat(39) + "\n";
      int chars = record.length();

      assertThat(readAll(record, chars)).as("%s... at a cap of %d", first, chars).hasSize(1);
      assertThatThrownBy(() -> readAll(record, chars - 1)).as("%s... at a cap of %d", first, chars - 1)
          .isInstanceOf(CsvFormatException.class);
    }
  }

  @Test
  void readsRecordsSpanningItsBufferBoundary() throws IOException {
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      input.append(i).append(",\"v,").append(i).append("\"\r\n");
    }

    List<CsvRecord> records = readAll(input.toString(), 1000);

    assertThat(records).hasSize(20_000);
    assertThat(records.get(19_999).fields()).containsExactly("19999", "v,19999");
    assertThat(records.get(19_999).line()).isEqualTo(20_000L);
  }

  @Test
  void blankRecordIsRecognised() throws IOException {
    assertThat(readAll("\n", 10).get(0).isBlank()).isTrue();
    assertThat(readAll("\"\"\n", 10).get(0).isBlank()).isTrue(); // "" is an empty field as well
    assertThat(readAll(",\n", 10).get(0).isBlank()).isFalse();
  }

  private static List<CsvRecord> readAll(String input, int maxRecordChars) throws IOException {
    CsvReader reader = new CsvReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), maxRecordChars);
    List<CsvRecord> records = new ArrayList<>();
    while (reader.next()) {
      CsvRecord record = reader.record();
      assertThat(reader.isBlank()).as("isBlank of %s", record).isEqualTo(record.isBlank());
      records.add(record);
    }
    return records;
  }

  @Test
  void findsTheFirstDelimiterWhereverItStands() {
    java.util.Random random = new java.util.Random(11);
    byte[] alphabet = "ab,\"\r\n\u00e9x0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int round = 0; round < 20_000; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        // mostly plain bytes, so that delimiters land at every offset of an 8-byte word, or nowhere
        b[i] = random.nextInt(12) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) ('a' + random.nextInt(26));
      }
      int from = b.length == 0 ? 0 : random.nextInt(b.length);
      int expected = from;
      while (expected < b.length && ",\"\r\n".indexOf(b[expected]) < 0) {
        expected++;
      }

      assertThat(CsvReader.nextDelimiter(b, from, b.length)).as("in %s from %d", java.util.Arrays.toString(b), from)
          .isEqualTo(expected);
    }
  }
}
