package dev.finpipe.handlers.processing;

import dev.finpipe.handlers.processing.FileSummary.RejectedRow;
import dev.finpipe.handlers.processing.FileSummary.RowCounts;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a transactions CSV (UTF-8) once, row by row, and adds it up. Memory: the read buffer with one record, the
 * ids, the per-account totals (at most {@link TotalsAccumulator#MAX_ACCOUNT_GROUPS}) and the first
 * {@link #MAX_REJECTS_KEPT} rejects — never the file. A valid row allocates nothing: fields stay bytes in the
 * buffer, amounts are scaled longs, timestamps are checked in place.
 */
public final class TransactionFileProcessor {
  public static final int MAX_REJECTS_KEPT = 100;
  static final int MAX_RECORD_CHARS = 64 * 1024;
  static final List<String> REQUIRED_COLUMNS =
      List.of("transaction_id", "account_id", "amount", "currency", "timestamp");
  static final String OPTIONAL_COLUMN = "description";

  public FileOutcome process(InputStream in) throws IOException {
    CsvReader csv = new CsvReader(in, MAX_RECORD_CHARS);
    try {
      if (!nextNonBlank(csv)) {
        return FileOutcome.failed("empty file");
      }
      CsvRecord header = csv.record();
      String headerProblem = headerProblem(header);
      if (headerProblem != null) {
        return FileOutcome.failed(headerProblem);
      }
      return summarise(csv, header.fields().size());
    } catch (CsvFormatException e) {
      return FileOutcome.failed("unreadable CSV: " + e.getMessage());
    } catch (TotalsAccumulator.TooManyAccounts e) {
      return FileOutcome.failed(e.getMessage());
    }
  }

  private FileOutcome summarise(CsvReader csv, int columns) throws IOException {
    RowValidator validator = new RowValidator(columns, new TransactionIdSet());
    TotalsAccumulator totals = new TotalsAccumulator();
    List<RejectedRow> rejects = new ArrayList<>();
    long total = 0;
    long rejected = 0;
    while (csv.next()) {
      if (csv.isBlank()) {
        continue;
      }
      total++;
      String rejectReason = validator.validate(csv);
      if (rejectReason == null) {
        totals.add(csv.buffer(), validator.accountFrom(), validator.accountTo(), validator.currency(),
            validator.amount());
      } else {
        rejected++;
        if (rejects.size() < MAX_REJECTS_KEPT) {
          rejects.add(new RejectedRow(csv.line(), rejectReason));
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

  private static boolean nextNonBlank(CsvReader csv) throws IOException {
    while (csv.next()) {
      if (!csv.isBlank()) {
        return true;
      }
    }
    return false;
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
