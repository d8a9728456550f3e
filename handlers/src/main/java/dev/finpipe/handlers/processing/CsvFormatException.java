package dev.finpipe.handlers.processing;

/** The file cannot be read on as CSV at all (e.g. a quote that never closes). */
public class CsvFormatException extends RuntimeException {
  public CsvFormatException(String message) {
    super(message);
  }
}
