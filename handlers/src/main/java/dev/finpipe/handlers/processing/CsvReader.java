package dev.finpipe.handlers.processing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streaming RFC 4180 reader over UTF-8 bytes: quoted fields, doubled quotes inside quotes, separators and line
 * breaks inside quotes, CRLF / LF / CR line ends. It works on the bytes (every CSV delimiter is ASCII, so it never
 * splits a UTF-8 sequence) and hands out each record as ranges of its buffer: no object per row or field. Memory is
 * the buffer plus one record, capped at {@code maxRecordChars} characters so an unterminated quote cannot pull a whole
 * file into memory.
 *
 * <p>A broken record (a quote inside an unquoted field, text after a closing quote) is returned with a
 * {@link #malformation()} so it can be rejected alone; a quote still open at end of input, or a record over the cap,
 * ends the file with a {@link CsvFormatException}. The cap counts characters as a {@code Reader} would (UTF-16 units,
 * the line break that ends the record included).
 */
public final class CsvReader {
  private static final int BUFFER_BYTES = 256 * 1024;
  private static final int EOF = -1;
  private static final VarHandle LITTLE_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final boolean[] DELIMITER = new boolean[256];

  static {
    for (char c : new char[] {',', '\n', '\r', '"'}) {
      DELIMITER[c] = true;
    }
  }

  private final InputStream in;
  private final int maxRecordChars;
  private byte[] buf = new byte[BUFFER_BYTES];
  private int pos;
  private int limit;
  private boolean endOfInput;
  private boolean pendingCr;
  private long line = 1;

  // The current record: field i is buf[starts[i], ends[i]) after unquoting, which is done in place.
  private int recordStart;
  private int fieldStart;
  private int write;
  private int removedBefore;
  private long recordLine;
  private int fieldCount;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private String malformation;

  public CsvReader(InputStream in, int maxRecordChars) {
    this.in = in;
    this.maxRecordChars = maxRecordChars;
  }

  /** Moves to the next record; false at end of input. */
  public boolean next() throws IOException {
    if (pendingCr) { // CRLF is one break: the LF after a record-ending CR belongs to that record
      pendingCr = false;
      if (available() && buf[pos] == '\n') {
        pos++;
      }
    }
    if (!available()) {
      return false;
    }
    recordStart = pos;
    write = pos;
    removedBefore = 0;
    recordLine = line;
    fieldCount = 0;
    malformation = null;
    while (true) {
      int c = pos < limit ? buf[pos++] & 0xFF : readMore();
      int end = c == '"' ? quotedField() : unquotedField(c);
      if (end != ',') {
        endRecord(end);
        return true;
      }
    }
  }

  /** The 1-based physical line the current record starts on. */
  public long line() {
    return recordLine;
  }

  public int fieldCount() {
    return fieldCount;
  }

  /** Why the quoting of the current record is broken, or null when it is well-formed. */
  public String malformation() {
    return malformation;
  }

  /** The buffer the current record's fields live in; valid until the next call of {@link #next()}. */
  byte[] buffer() {
    return buf;
  }

  int start(int field) {
    return starts[field];
  }

  int end(int field) {
    return ends[field];
  }

  public String field(int field) {
    return new String(buf, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
  }

  /** An empty line: one empty, unquoted field. */
  public boolean isBlank() {
    return malformation == null && fieldCount == 1 && ends[0] == starts[0];
  }

  /** The current record as strings (for the header and for tests). */
  public CsvRecord record() {
    List<String> fields = new ArrayList<>(fieldCount);
    for (int i = 0; i < fieldCount; i++) {
      fields.add(field(i));
    }
    return new CsvRecord(recordLine, fields, malformation);
  }

  /** Reads an unquoted field whose first byte is {@code c}; returns what ended it (',', CR, LF or EOF). */
  private int unquotedField(int c) throws IOException {
    if (write == pos - 2) {
      // Only the separator before this field was left out: keep it (it is a raw ASCII byte, counted the same) so
      // the field's bytes stay where they are instead of being moved back one by one.
      write++;
    }
    fieldStart = write;
    return restOfUnquotedField(c);
  }

  private int restOfUnquotedField(int c) throws IOException {
    while (true) {
      if (c == ',' || c == '\n' || c == '\r' || c == EOF) {
        addField(fieldStart, write);
        return c;
      }
      if (c == '"' && malformation == null) {
        malformation = "quote inside an unquoted field";
      }
      buf[write++] = (byte) c;
      // The common case: scan plain bytes without leaving the buffer.
      byte[] b = buf;
      int p = pos;
      int w = write;
      int lim = limit;
      if (w == p) { // nothing unquoted earlier in this record: the bytes are already where they belong
        p = nextDelimiter(b, p, lim);
        w = p;
      } else {
        while (p < lim && !DELIMITER[b[p] & 0xFF]) {
          b[w++] = b[p++];
        }
      }
      pos = p;
      write = w;
      c = p < lim ? b[pos++] & 0xFF : readMore();
    }
  }

  /**
   * The index of the first delimiter (',', '"', CR, LF) in {@code b[from, to)}, or {@code to}. Eight bytes at a time:
   * for each delimiter d, {@code x = word ^ d×0x01..01} has a zero byte where d stands, and
   * {@code (x - 0x01..01) & ~x & 0x80..80} marks the lowest such byte exactly (marks above it may be false, and
   * are not used).
   */
  static int nextDelimiter(byte[] b, int from, int to) {
    int p = from;
    for (int last = to - 8; p <= last; p += 8) {
      long word = (long) LITTLE_ENDIAN_LONG.get(b, p);
      long found = zeroByte(word ^ 0x2C2C2C2C2C2C2C2CL) | zeroByte(word ^ 0x2222222222222222L)
          | zeroByte(word ^ 0x0A0A0A0A0A0A0A0AL) | zeroByte(word ^ 0x0D0D0D0D0D0D0D0DL);
      if (found != 0) {
        return p + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    while (p < to && !DELIMITER[b[p] & 0xFF]) {
      p++;
    }
    return p;
  }

  private static long zeroByte(long x) {
    return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
  }

  /** Reads a quoted field after its opening quote; returns what ended it. */
  private int quotedField() throws IOException {
    fieldStart = write;
    while (true) {
      int c = pos < limit ? buf[pos++] & 0xFF : readMore();
      if (c == EOF) {
        checkCap(1);
        throw new CsvFormatException("line " + recordLine + ": quoted field is not closed before end of file");
      }
      if (c == '"') {
        int after = pos < limit ? buf[pos++] & 0xFF : readMore();
        if (after == '"') {
          buf[write++] = '"'; // "" inside quotes is one literal quote
          continue;
        }
        if (after == ',' || after == '\n' || after == '\r' || after == EOF) {
          addField(fieldStart, write);
          return after;
        }
        if (malformation == null) {
          malformation = "text after a closing quote";
        }
        // The rest reads as unquoted text of the same field.
        return restOfUnquotedField(after);
      }
      if (c == '\n') {
        line++;
      }
      buf[write++] = (byte) c;
    }
  }

  private void addField(int start, int end) {
    if (fieldCount == starts.length) {
      starts = Arrays.copyOf(starts, fieldCount * 2);
      ends = Arrays.copyOf(ends, fieldCount * 2);
    }
    starts[fieldCount] = start;
    ends[fieldCount] = end;
    fieldCount++;
  }

  private void endRecord(int terminator) {
    // The character that ended the record counts, as it did when read through a Reader; end of input too.
    checkCap(terminator == EOF ? 1 : 0);
    if (terminator == EOF) {
      return;
    }
    line++;
    pendingCr = terminator == '\r';
  }

  /** Fails when the current record, plus {@code extra} characters, is longer than the cap. */
  private void checkCap(int extra) {
    long rawBytes = removedBefore + (long) (pos - recordStart);
    if (rawBytes + extra <= maxRecordChars) {
      return; // a character is at least one byte: no need to count
    }
    // Bytes read but not kept (quotes, separators, line ends) are one ASCII character each.
    long chars = utf16Units(buf, recordStart, write) + (rawBytes - (write - recordStart)) + extra;
    if (chars > maxRecordChars) {
      throw new CsvFormatException(
          "line " + recordLine + ": record longer than " + maxRecordChars + " characters (unclosed quote?)");
    }
  }

  private static long utf16Units(byte[] b, int from, int to) {
    long units = 0;
    for (int i = from; i < to; i++) {
      int x = b[i] & 0xFF;
      if ((x & 0xC0) != 0x80) {
        units += x >= 0xF0 ? 2 : 1; // a 4-byte sequence is a surrogate pair
      }
    }
    return units;
  }

  /** True when a byte is ready at {@code pos} (between records). */
  private boolean available() throws IOException {
    if (pos < limit) {
      return true;
    }
    if (endOfInput) {
      return false;
    }
    pos = 0;
    limit = 0;
    return fill();
  }

  /** The next byte of the current record after the buffer ran out, or EOF; keeps the record in the buffer. */
  private int readMore() throws IOException {
    if (endOfInput) {
      return EOF;
    }
    checkCap(0);
    removedBefore += pos - write;
    int kept = write - recordStart;
    if (kept == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2); // one record longer than the buffer
    }
    System.arraycopy(buf, recordStart, buf, 0, kept);
    for (int i = 0; i < fieldCount; i++) {
      starts[i] -= recordStart;
      ends[i] -= recordStart;
    }
    fieldStart -= recordStart;
    recordStart = 0;
    write = kept;
    pos = kept;
    limit = kept;
    return fill() ? buf[pos++] & 0xFF : EOF;
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buf, limit, buf.length - limit);
    } while (n == 0);
    if (n < 0) {
      endOfInput = true;
      return false;
    }
    limit += n;
    return true;
  }
}
