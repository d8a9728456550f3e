package dev.finpipe.handlers.processing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The transaction ids of one file, exactly: a repeated id is found, and two different ids are never taken for one.
 *
 * <p>Each id is hashed with SipHash under a key drawn at random for this set (so for this file): nobody who writes
 * the file can choose ids that collide or crowd one part of the table (hash flooding). The table is an
 * open-addressing {@code long[]} of hashes (at most 75% full) beside an {@code int[]} pointing at the id's bytes,
 * kept once, length-prefixed, in 1 MiB chunks. Equal hashes are confirmed by comparing the bytes, so a collision
 * costs a comparison, never a row. Memory per id: 12 bytes of table / 0.75 plus the id and its length, e.g. ~45 MB
 * for the 1.5 million ids of a 100 MB file — bounded by the file, which holds every id once.
 */
public final class TransactionIdSet {
  private static final long EMPTY = 0L;
  private static final int INITIAL_CAPACITY = 1 << 14;
  private static final int CHUNK_BITS = 20;
  private static final int CHUNK_BYTES = 1 << CHUNK_BITS;
  private static final SecureRandom KEYS = new SecureRandom();

  /** A 64-bit hash of {@code data[from, to)}. */
  @FunctionalInterface
  interface IdHash {
    long hash(byte[] data, int from, int to);
  }

  private final IdHash idHash;
  private long[] hashes = new long[INITIAL_CAPACITY];
  private int[] refs = new int[INITIAL_CAPACITY];
  private int size;
  private final List<byte[]> chunks = new ArrayList<>();
  private byte[] chunk;
  private int chunkUsed;

  /** A set with a fresh random key. */
  public TransactionIdSet() {
    this(keyedSipHash(KEYS.nextLong(), KEYS.nextLong()));
  }

  /** A set with the given hash: tests use it to force collisions. */
  TransactionIdSet(IdHash idHash) {
    this.idHash = idHash;
  }

  static IdHash keyedSipHash(long k0, long k1) {
    return (data, from, to) -> SipHash.hash(k0, k1, data, from, to);
  }

  public boolean add(String id) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    return add(bytes, 0, bytes.length);
  }

  /** Adds the id {@code data[from, to)}; false when the same id was already added. */
  public boolean add(byte[] data, int from, int to) {
    if (size >= hashes.length - (hashes.length >> 2)) {
      grow();
    }
    long hash = hash(data, from, to);
    int mask = hashes.length - 1;
    int index = (int) hash & mask;
    while (hashes[index] != EMPTY) {
      if (hashes[index] == hash && sameId(refs[index], data, from, to)) {
        return false;
      }
      index = (index + 1) & mask;
    }
    hashes[index] = hash;
    refs[index] = store(data, from, to);
    size++;
    return true;
  }

  public int size() {
    return size;
  }

  long hash(byte[] data, int from, int to) {
    long hash = idHash.hash(data, from, to);
    return hash == EMPTY ? 1L : hash; // 0 marks an empty slot
  }

  private boolean sameId(int ref, byte[] data, int from, int to) {
    byte[] c = chunks.get(ref >>> CHUNK_BITS);
    int at = ref & (CHUNK_BYTES - 1);
    int length = 0;
    int shift = 0;
    int b;
    do { // unsigned LEB128 length
      b = c[at++];
      length |= (b & 0x7F) << shift;
      shift += 7;
    } while (b < 0);
    return length == to - from && Arrays.equals(c, at, at + length, data, from, to);
  }

  /** Copies the id, length first, into the current chunk (a new one when it does not fit); its reference. */
  private int store(byte[] data, int from, int to) {
    int length = to - from;
    int needed = length + 5;
    if (needed > CHUNK_BYTES) {
      throw new IllegalArgumentException("transaction id longer than " + (CHUNK_BYTES - 5) + " bytes");
    }
    if (chunk == null || chunkUsed + needed > CHUNK_BYTES) {
      chunk = new byte[CHUNK_BYTES];
      chunks.add(chunk);
      chunkUsed = 0;
    }
    int ref = ((chunks.size() - 1) << CHUNK_BITS) | chunkUsed;
    int rest = length;
    while (rest >= 0x80) {
      chunk[chunkUsed++] = (byte) (rest | 0x80);
      rest >>>= 7;
    }
    chunk[chunkUsed++] = (byte) rest;
    System.arraycopy(data, from, chunk, chunkUsed, length);
    chunkUsed += length;
    return ref;
  }

  private void grow() {
    long[] oldHashes = hashes;
    int[] oldRefs = refs;
    hashes = new long[oldHashes.length * 2];
    refs = new int[oldHashes.length * 2];
    int mask = hashes.length - 1;
    for (int i = 0; i < oldHashes.length; i++) {
      long hash = oldHashes[i];
      if (hash != EMPTY) {
        int index = (int) hash & mask;
        while (hashes[index] != EMPTY) {
          index = (index + 1) & mask;
        }
        hashes[index] = hash;
        refs[index] = oldRefs[i];
      }
    }
  }
}
