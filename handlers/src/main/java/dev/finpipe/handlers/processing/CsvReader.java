package dev.finpipe.handlers.processing;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming RFC 4180 reader: quoted fields, doubled quotes inside quotes, separators and line breaks
 * inside quotes, CRLF / LF / CR line ends. Memory is one record, capped at {@code maxRecordChars} so an
 * unterminated quote cannot pull a whole file into memory.
 *
 * <p>A broken record (a quote inside an unquoted field, text after a closing quote) is returned with a
 * {@link CsvRecord#malformation()} so it can be rejected alone; a quote still open at end of input, or a
 * record over the cap, ends the file with a {@link CsvFormatException}.
 */
public final class CsvReader {
  private static final int EOF = -1;
  private static final int BUFFER_CHARS = 64 * 1024;

  private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

  private final Reader in;
  private final int maxRecordChars;
  private final char[] buffer = new char[BUFFER_CHARS];
  private int position;
  private int limit;
  private long line = 1;
  private final StringBuilder field = new StringBuilder();

  public CsvReader(Reader in, int maxRecordChars) {
    this.in = in;
    this.maxRecordChars = maxRecordChars;
  }

  /** The next record, or null at end of input. */
  public CsvRecord next() throws IOException {
    int c = read();
    if (c == EOF) {
      return null;
    }
    long startLine = line;
    List<String> fields = new ArrayList<>(8);
    String malformation = null;
    State state = State.FIELD_START;
    field.setLength(0);
    int recordChars = 0;
    while (true) {
      if (++recordChars > maxRecordChars) {
        throw new CsvFormatException(
            "line " + startLine + ": record longer than " + maxRecordChars + " characters (unclosed quote?)");
      }
      switch (state) {
        case FIELD_START:
        case UNQUOTED:
          if (c == ',') {
            endField(fields);
            state = State.FIELD_START;
          } else if (c == '\n' || c == '\r' || c == EOF) {
            endLine(c);
            endField(fields);
            return new CsvRecord(startLine, fields, malformation);
          } else if (c == '"' && state == State.FIELD_START) {
            state = State.QUOTED;
          } else {
            if (c == '"' && malformation == null) {
              malformation = "quote inside an unquoted field";
            }
            field.append((char) c);
            state = State.UNQUOTED;
          }
          break;
        case QUOTED:
          if (c == '"') {
            state = State.QUOTE_IN_QUOTED;
          } else if (c == EOF) {
            throw new CsvFormatException("line " + startLine + ": quoted field is not closed before end of file");
          } else {
            if (c == '\n') {
              line++;
            }
            field.append((char) c);
          }
          break;
        case QUOTE_IN_QUOTED:
          if (c == '"') {
            field.append('"'); // "" inside quotes is one literal quote
            state = State.QUOTED;
          } else if (c == ',') {
            endField(fields);
            state = State.FIELD_START;
          } else if (c == '\n' || c == '\r' || c == EOF) {
            endLine(c);
            endField(fields);
            return new CsvRecord(startLine, fields, malformation);
          } else {
            if (malformation == null) {
              malformation = "text after a closing quote";
            }
            field.append((char) c);
            state = State.UNQUOTED;
          }
          break;
        default:
          throw new IllegalStateException(state.name());
      }
      c = read();
    }
  }

  private void endField(List<String> fields) {
    fields.add(field.toString());
    field.setLength(0);
  }

  /** Counts the line break just read; CRLF is one break. */
  private void endLine(int c) throws IOException {
    if (c == EOF) {
      return;
    }
    line++;
    if (c == '\r' && peek() == '\n') {
      position++;
    }
  }

  private int read() throws IOException {
    if (position == limit && !fill()) {
      return EOF;
    }
    return buffer[position++];
  }

  private int peek() throws IOException {
    if (position == limit && !fill()) {
      return EOF;
    }
    return buffer[position];
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buffer, 0, buffer.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }
}
