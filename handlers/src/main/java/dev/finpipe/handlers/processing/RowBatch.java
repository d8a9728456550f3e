package dev.finpipe.handlers.processing;

import java.util.Arrays;

/**
 * Up to {@link #ROWS} consecutive data rows whose fields are checked (and whose id and account are hashed) but whose
 * id uniqueness is not decided yet: the parsing thread fills batches, the adding-up thread {@link #flush}es them
 * (see {@link ParsedBatches}), and {@link TransactionIdSet#addAll} looks a batch's ids up together. {@code flush}
 * decides and counts the rows in file order, exactly as row-by-row processing would: the same accepted rows, rejects
 * and totals. The ids and accounts are copied out of the reader's buffer (it moves on); batches are reused, so a row
 * allocates nothing.
 */
final class RowBatch {
  static final int ROWS = 256;

  /** Where the verdicts go, in file order. */
  interface Sink {
    void rejected(long line, String reason);
  }

  private final long[] lines = new long[ROWS];
  private final String[] reasons = new String[ROWS];
  private final int[] idFrom = new int[ROWS];
  private final int[] idTo = new int[ROWS];
  private final int[] accountFrom = new int[ROWS];
  private final int[] accountTo = new int[ROWS];
  private final int[] currencies = new int[ROWS];
  private final long[] idHashes = new long[ROWS];
  private final long[] groupHashes = new long[ROWS];
  private final Amount[] amounts = new Amount[ROWS];
  private final boolean[] added = new boolean[ROWS];
  private byte[] bytes = new byte[ROWS * 32];
  private int bytesUsed;
  private int size;

  RowBatch() {
    for (int i = 0; i < ROWS; i++) {
      amounts[i] = new Amount();
    }
  }

  boolean isEmpty() {
    return size == 0;
  }

  boolean isFull() {
    return size == ROWS;
  }

  void addRejected(long line, String reason) {
    lines[size] = line;
    reasons[size] = reason;
    idFrom[size] = -1; // not looked up
    size++;
  }

  /**
   * A row whose fields {@code validator} accepted: the current record of {@code row}. Its id and account are hashed
   * here, on the parsing thread, with the keys of {@code ids} and {@code totals}.
   */
  void addValid(CsvReader row, RowValidator validator, TransactionIdSet ids, TotalsAccumulator totals) {
    byte[] b = row.buffer();
    lines[size] = row.line();
    reasons[size] = null;
    idFrom[size] = bytesUsed;
    idTo[size] = copy(b, validator.idFrom(), validator.idTo());
    accountFrom[size] = bytesUsed;
    accountTo[size] = copy(b, validator.accountFrom(), validator.accountTo());
    currencies[size] = validator.currency();
    amounts[size].set(validator.amount());
    idHashes[size] = ids.hash(bytes, idFrom[size], idTo[size]);
    groupHashes[size] = totals.groupHash(bytes, accountFrom[size], accountTo[size], currencies[size]);
    size++;
  }

  private int copy(byte[] from, int start, int end) {
    int length = end - start;
    if (bytesUsed + length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, bytesUsed + length));
    }
    System.arraycopy(from, start, bytes, bytesUsed, length);
    bytesUsed += length;
    return bytesUsed;
  }

  /** Decides each row's id, adds accepted rows to {@code totals} and reports rejects, in order; empties the batch. */
  void flush(TransactionIdSet ids, TotalsAccumulator totals, Sink sink) {
    ids.addAll(bytes, idFrom, idTo, idHashes, size, added);
    for (int i = 0; i < size; i++) {
      if (reasons[i] != null) {
        sink.rejected(lines[i], reasons[i]);
      } else if (!added[i]) {
        sink.rejected(lines[i], RowValidator.DUPLICATE_REASON);
      } else {
        totals.add(groupHashes[i], bytes, accountFrom[i], accountTo[i], currencies[i], amounts[i]);
      }
      reasons[i] = null;
      amounts[i].big = null;
    }
    size = 0;
    bytesUsed = 0;
  }
}
