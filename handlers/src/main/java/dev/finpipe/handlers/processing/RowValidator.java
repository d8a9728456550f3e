package dev.finpipe.handlers.processing;

/**
 * Validates data rows of {@code transaction_id,account_id,amount,currency,timestamp[,description]} as the reader
 * hands them out (byte ranges, nothing allocated for a valid row). Stateful: remembers the ids of accepted rows, so a
 * repeated id is rejected (the first one counts). After an accepted row, {@link #amount()}, {@link #currency()} and
 * the account range describe it. {@link #validateFields} checks all but the id's uniqueness, for callers that decide
 * that for many rows at once ({@link RowBatch}).
 */
public final class RowValidator {
  static final String TIMESTAMP_REASON = "invalid timestamp: not ISO-8601 with offset (e.g. 2024-01-31T09:30:00Z)";
  static final String DUPLICATE_REASON = "duplicate transaction_id";

  private final int columns;
  private final TransactionIdSet acceptedIds;
  private final Amount amount = new Amount();
  private int currency;
  private int accountFrom;
  private int accountTo;
  private int idFrom;
  private int idTo;

  /** @param columns the header's column count (5, or 6 with description); every row must match it */
  public RowValidator(int columns, TransactionIdSet acceptedIds) {
    this.columns = columns;
    this.acceptedIds = acceptedIds;
  }

  /** Null when the current record of {@code row} is accepted; otherwise why it is rejected. */
  public String validate(CsvReader row) {
    String reason = validateFields(row);
    if (reason != null) {
      return reason;
    }
    // Last, so only ids of otherwise valid rows are remembered.
    return acceptedIds.add(row.buffer(), idFrom, idTo) ? null : DUPLICATE_REASON;
  }

  /**
   * Null when every field of the current record is valid (the id's uniqueness aside); then {@link #idFrom()} and
   * {@link #idTo()} give the id's range in the record's buffer.
   */
  String validateFields(CsvReader row) {
    if (row.malformation() != null) {
      return "malformed CSV: " + row.malformation();
    }
    if (row.fieldCount() != columns) {
      return "wrong column count: expected " + columns + ", got " + row.fieldCount();
    }
    byte[] b = row.buffer();
    idFrom = trimStart(b, row.start(0), row.end(0));
    idTo = trimEnd(b, idFrom, row.end(0));
    accountFrom = trimStart(b, row.start(1), row.end(1));
    accountTo = trimEnd(b, accountFrom, row.end(1));
    if (idFrom == idTo) {
      return "missing transaction_id";
    }
    if (accountFrom == accountTo) {
      return "missing account_id";
    }
    int amountFrom = trimStart(b, row.start(2), row.end(2));
    if (!amount.parse(b, amountFrom, trimEnd(b, amountFrom, row.end(2)))) {
      return "invalid amount: not a plain decimal number";
    }
    int currencyFrom = trimStart(b, row.start(3), row.end(3));
    currency = Currencies.index(b, currencyFrom, trimEnd(b, currencyFrom, row.end(3)));
    if (currency == Currencies.INVALID) {
      return "invalid currency: not an ISO-4217 code";
    }
    int timestampFrom = trimStart(b, row.start(4), row.end(4));
    if (!IsoTimestamps.isValid(b, timestampFrom, trimEnd(b, timestampFrom, row.end(4)))) {
      return TIMESTAMP_REASON;
    }
    return null;
  }

  Amount amount() {
    return amount;
  }

  int currency() {
    return currency;
  }

  int accountFrom() {
    return accountFrom;
  }

  int accountTo() {
    return accountTo;
  }

  int idFrom() {
    return idFrom;
  }

  int idTo() {
    return idTo;
  }

  // As String.trim: bytes up to ' ' (ASCII controls and space) go; UTF-8 multi-byte sequences are all >= 0x80.
  private static int trimStart(byte[] b, int from, int to) {
    while (from < to && (b[from] & 0xFF) <= ' ') {
      from++;
    }
    return from;
  }

  private static int trimEnd(byte[] b, int from, int to) {
    while (to > from && (b[to - 1] & 0xFF) <= ' ') {
      to--;
    }
    return to;
  }
}
