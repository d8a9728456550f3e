package dev.finpipe.handlers.processing;

import dev.finpipe.handlers.processing.FileSummary.RejectedRow;
import dev.finpipe.handlers.processing.FileSummary.RowCounts;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a transactions CSV once, row by row, and adds it up. Memory: one record, the id fingerprints,
 * the per-account totals and the first {@link #MAX_REJECTS_KEPT} rejects — never the file.
 */
public final class TransactionFileProcessor {
  public static final int MAX_REJECTS_KEPT = 100;
  static final int MAX_RECORD_CHARS = 64 * 1024;
  static final List<String> REQUIRED_COLUMNS =
      List.of("transaction_id", "account_id", "amount", "currency", "timestamp");
  static final String OPTIONAL_COLUMN = "description";

  public FileOutcome process(Reader reader) throws IOException {
    CsvReader csv = new CsvReader(reader, MAX_RECORD_CHARS);
    try {
      CsvRecord header = nextNonBlank(csv);
      if (header == null) {
        return FileOutcome.failed("empty file");
      }
      String headerProblem = headerProblem(header);
      if (headerProblem != null) {
        return FileOutcome.failed(headerProblem);
      }
      return summarise(csv, header.fields().size());
    } catch (CsvFormatException e) {
      return FileOutcome.failed("unreadable CSV: " + e.getMessage());
    }
  }

  private FileOutcome summarise(CsvReader csv, int columns) throws IOException {
    RowValidator validator = new RowValidator(columns, new TransactionIdSet());
    TotalsAccumulator totals = new TotalsAccumulator();
    List<RejectedRow> rejects = new ArrayList<>();
    long total = 0;
    long rejected = 0;
    for (CsvRecord record = csv.next(); record != null; record = csv.next()) {
      if (record.isBlank()) {
        continue;
      }
      total++;
      RowVerdict verdict = validator.validate(record);
      if (verdict.isAccepted()) {
        totals.add(verdict.transaction());
      } else {
        rejected++;
        if (rejects.size() < MAX_REJECTS_KEPT) {
          rejects.add(new RejectedRow(record.line(), verdict.rejectReason()));
        }
      }
    }
    if (total == 0) {
      return FileOutcome.failed("no data rows after the header");
    }
    return FileOutcome.processed(
        new FileSummary(
            new RowCounts(total, total - rejected, rejected),
            totals.currencyTotals(),
            totals.accountTotals(),
            rejects,
            rejected > rejects.size()));
  }

  private static CsvRecord nextNonBlank(CsvReader csv) throws IOException {
    CsvRecord record = csv.next();
    while (record != null && record.isBlank()) {
      record = csv.next();
    }
    return record;
  }

  /** Null when the header is the expected one (names compared trimmed and case-insensitively). */
  static String headerProblem(CsvRecord header) {
    List<String> names = new ArrayList<>(header.fields().size());
    for (String field : header.fields()) {
      names.add(field.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT));
    }
    boolean required = names.size() >= REQUIRED_COLUMNS.size()
        && names.subList(0, REQUIRED_COLUMNS.size()).equals(REQUIRED_COLUMNS);
    boolean optional = names.size() == REQUIRED_COLUMNS.size()
        || (names.size() == REQUIRED_COLUMNS.size() + 1 && names.get(names.size() - 1).equals(OPTIONAL_COLUMN));
    if (header.malformation() == null && required && optional) {
      return null;
    }
    return "missing or wrong header: expected " + String.join(",", REQUIRED_COLUMNS) + "[," + OPTIONAL_COLUMN + "]";
  }
}
