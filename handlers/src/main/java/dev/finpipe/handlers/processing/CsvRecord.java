package dev.finpipe.handlers.processing;

import java.util.List;

/**
 * One CSV record.
 *
 * @param line the 1-based physical line the record starts on
 * @param malformation why the quoting of this record is broken, or null when it is well-formed
 */
public record CsvRecord(long line, List<String> fields, String malformation) {

  /** An empty line: one empty, unquoted field. */
  public boolean isBlank() {
    return malformation == null && fields.size() == 1 && fields.get(0).isEmpty();
  }
}
