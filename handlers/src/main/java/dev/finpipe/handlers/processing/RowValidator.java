package dev.finpipe.handlers.processing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Currency;

/**
 * Validates data rows of {@code transaction_id,account_id,amount,currency,timestamp[,description]}.
 * Stateful: remembers the ids of accepted rows, so a repeated id is rejected (the first one counts).
 */
public final class RowValidator {
  // Long enough for any real amount, short enough that BigDecimal parsing stays cheap.
  private static final int MAX_AMOUNT_CHARS = 40;

  private final int columns;
  private final TransactionIdSet acceptedIds;

  /** @param columns the header's column count (5, or 6 with description); every row must match it */
  public RowValidator(int columns, TransactionIdSet acceptedIds) {
    this.columns = columns;
    this.acceptedIds = acceptedIds;
  }

  public RowVerdict validate(CsvRecord record) {
    if (record.malformation() != null) {
      return RowVerdict.rejected("malformed CSV: " + record.malformation());
    }
    if (record.fields().size() != columns) {
      return RowVerdict.rejected(
          "wrong column count: expected " + columns + ", got " + record.fields().size());
    }
    String id = record.fields().get(0).trim();
    String account = record.fields().get(1).trim();
    String amountText = record.fields().get(2).trim();
    String currencyText = record.fields().get(3).trim();
    String timestampText = record.fields().get(4).trim();
    if (id.isEmpty()) {
      return RowVerdict.rejected("missing transaction_id");
    }
    if (account.isEmpty()) {
      return RowVerdict.rejected("missing account_id");
    }
    BigDecimal amount = parseAmount(amountText);
    if (amount == null) {
      return RowVerdict.rejected("invalid amount: not a plain decimal number");
    }
    if (!isIsoCurrency(currencyText)) {
      return RowVerdict.rejected("invalid currency: not an ISO-4217 code");
    }
    OffsetDateTime timestamp = IsoTimestamps.parse(timestampText);
    if (timestamp == null) {
      return RowVerdict.rejected("invalid timestamp: not ISO-8601 with offset (e.g. 2024-01-31T09:30:00Z)");
    }
    // Last, so only ids of otherwise valid rows are remembered.
    if (!acceptedIds.add(id)) {
      return RowVerdict.rejected("duplicate transaction_id");
    }
    return RowVerdict.accepted(new Transaction(id, account, amount, currencyText, timestamp));
  }

  /** Plain decimals only ("-12.50", "3"): no exponent, no grouping, no leading/trailing dot. */
  static BigDecimal parseAmount(String text) {
    int length = text.length();
    if (length == 0 || length > MAX_AMOUNT_CHARS) {
      return null;
    }
    int i = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
    int integerDigits = 0;
    while (i < length && isDigit(text.charAt(i))) {
      i++;
      integerDigits++;
    }
    if (integerDigits == 0) {
      return null;
    }
    if (i < length) {
      if (text.charAt(i) != '.') {
        return null;
      }
      i++;
      int fractionDigits = 0;
      while (i < length && isDigit(text.charAt(i))) {
        i++;
        fractionDigits++;
      }
      if (fractionDigits == 0 || i < length) {
        return null;
      }
    }
    return new BigDecimal(text);
  }

  static boolean isIsoCurrency(String code) {
    if (code.length() != 3) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      char c = code.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false; // Currency.getInstance is case-sensitive anyway; say so before it throws
      }
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
