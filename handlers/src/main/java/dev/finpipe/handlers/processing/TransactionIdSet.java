package dev.finpipe.handlers.processing;

/**
 * Remembers transaction ids in constant memory per id: a 64-bit fingerprint in an open-addressing
 * {@code long[]} (8 bytes per slot, at most 75% full) instead of the String itself (~100 bytes each
 * with HashSet overhead). A 100 MB file holds ~2 million rows, i.e. a 32 MB table here versus ~200 MB
 * as a HashSet of Strings, which would not fit a 128 MB heap.
 *
 * <p>The trade-off: two different ids with the same fingerprint would look like a duplicate. With n ids
 * the chance of any such collision is about n²/2^65 — 1 in 10 million for 2 million ids.
 */
public final class TransactionIdSet {
  private static final long EMPTY = 0L;
  private static final int INITIAL_CAPACITY = 1 << 14;

  private long[] slots = new long[INITIAL_CAPACITY];
  private int size;

  /** Adds the id; false when it (or an id with the same fingerprint) was already added. */
  public boolean add(String id) {
    if (size >= slots.length - (slots.length >> 2)) {
      grow();
    }
    return insert(slots, fingerprint(id));
  }

  public int size() {
    return size;
  }

  private boolean insert(long[] table, long fingerprint) {
    int mask = table.length - 1;
    int index = (int) fingerprint & mask;
    while (table[index] != EMPTY) {
      if (table[index] == fingerprint) {
        return false;
      }
      index = (index + 1) & mask;
    }
    table[index] = fingerprint;
    size++;
    return true;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    for (long fingerprint : old) {
      if (fingerprint != EMPTY) {
        insert(slots, fingerprint);
      }
    }
  }

  /** FNV-1a over the UTF-16 chars, then MurmurHash3's finaliser so every bit of the slot index mixes. */
  static long fingerprint(String id) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      hash ^= id.charAt(i);
      hash *= 0x100000001b3L;
    }
    hash ^= id.length();
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    return hash == EMPTY ? 1L : hash; // 0 marks an empty slot
  }
}
