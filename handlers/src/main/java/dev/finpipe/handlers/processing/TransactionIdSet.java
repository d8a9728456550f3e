package dev.finpipe.handlers.processing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The transaction ids of one file, exactly: a repeated id is found, and two different ids are never taken for one.
 *
 * <p>Each id is hashed with SipHash-1-3 under a key drawn at random for this set (so for this file): nobody who writes
 * the file can choose ids that collide or crowd one part of the table (hash flooding). The table is one
 * open-addressing {@code long[]} (at most 75% full, linear probing) whose slot packs, in 8 bytes, the top 32 bits of
 * the id's hash (the slot index is the top bits of the same hash, so the table can grow without hashing again) and a
 * reference to the id's bytes, kept once, length-prefixed, in 256 KiB chunks. A new id costs one random memory access
 * (the probe run is almost always within one cache line); the bytes are compared only when the stored hash bits
 * match, so a collision costs a comparison, never a row. Memory per id: 8 bytes of table / 0.75 plus the id and
 * its length, e.g. ~34 MB for the 1.5 million ids of a 100 MB file — bounded by the file, which holds every id once.
 */
public final class TransactionIdSet {
  private static final long EMPTY = 0L; // a used slot's reference part is never 0
  private static final int INITIAL_BITS = 14;
  private static final int MAX_BITS = 30;
  private static final int CHUNK_BITS = 18; // 256 KiB: under G1, objects of half a region (1 MB at small heaps) or more are
                                            // "humongous" and take whole regions each, wasting up to half
  private static final int CHUNK_BYTES = 1 << CHUNK_BITS;
  private static final SecureRandom KEYS = new SecureRandom();

  /** A 64-bit hash of {@code data[from, to)}. */
  @FunctionalInterface
  interface IdHash {
    long hash(byte[] data, int from, int to);
  }

  private final IdHash idHash;
  private int bits = INITIAL_BITS;
  private long[] slots = new long[1 << INITIAL_BITS];
  private int size;
  private final List<byte[]> chunks = new ArrayList<>();
  private byte[] chunk;
  private int chunkUsed;
  @SuppressWarnings("unused")
  private long loadSink;

  /** A set with a fresh random key. */
  public TransactionIdSet() {
    this(keyedSipHash(KEYS.nextLong(), KEYS.nextLong()));
  }

  /** A set with the given hash: tests use it to force collisions. */
  TransactionIdSet(IdHash idHash) {
    this.idHash = idHash;
  }

  static IdHash keyedSipHash(long k0, long k1) {
    return (data, from, to) -> SipHash.hash13(k0, k1, data, from, to);
  }

  public boolean add(String id) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    return add(bytes, 0, bytes.length);
  }

  /** Adds the id {@code data[from, to)}; false when the same id was already added. */
  public boolean add(byte[] data, int from, int to) {
    return add(data, from, to, hash(data, from, to));
  }

  /**
   * Adds the ids {@code data[from[i], to[i])} for each {@code i < count} whose {@code from[i] >= 0}, in order (a
   * repeat within the batch is found too), {@code hashes[i]} being each one's {@link #hash}; {@code added[i]} tells
   * whether id i was new. Same verdicts as calling {@link #add} one by one, but first every id's slot is loaded: those loads do not depend on each other, so the
   * processor overlaps their cache misses instead of waiting for one after another (the table is far larger than
   * the caches, and a new id's slot is a random place in it).
   */
  void addAll(byte[] data, int[] from, int[] to, long[] hashes, int count, boolean[] added) {
    while (size + count > slots.length - (slots.length >> 2)) {
      grow(); // before the loads, so that the slots loaded are the ones used
    }
    long loaded = 0;
    for (int i = 0; i < count; i++) {
      if (from[i] >= 0) {
        loaded += slots[(int) (hashes[i] >>> (64 - bits))];
      }
    }
    loadSink = loaded; // keeps the loads: a value nobody uses could be optimised away
    for (int i = 0; i < count; i++) {
      added[i] = from[i] >= 0 && add(data, from[i], to[i], hashes[i]);
    }
  }

  private boolean add(byte[] data, int from, int to, long hash) {
    if (size >= slots.length - (slots.length >> 2)) {
      grow();
    }
    long hashBits = hash & 0xFFFFFFFF00000000L;
    int mask = slots.length - 1;
    int index = (int) (hash >>> (64 - bits));
    for (long slot = slots[index]; slot != EMPTY; slot = slots[index]) {
      if ((slot & 0xFFFFFFFF00000000L) == hashBits && sameId((int) slot, data, from, to)) {
        return false;
      }
      index = (index + 1) & mask;
    }
    slots[index] = hashBits | (store(data, from, to) & 0xFFFFFFFFL);
    size++;
    return true;
  }

  public int size() {
    return size;
  }

  /** The id's hash under this set's key; a pure function: any thread may compute it. */
  long hash(byte[] data, int from, int to) {
    return idHash.hash(data, from, to);
  }

  private boolean sameId(int reference, byte[] data, int from, int to) {
    int ref = reference - 1;
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

  /**
   * Copies the id, length first, into the current chunk (a new one when it does not fit); its reference: chunk and
   * offset, plus one so that no reference is 0.
   */
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
    if (chunks.size() > 1 << (31 - CHUNK_BITS)) {
      throw new IllegalStateException("more than 2 GiB of transaction ids");
    }
    int ref = (((chunks.size() - 1) << CHUNK_BITS) | chunkUsed) + 1;
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

  // Slots move in index order; each id's index at the new size comes from its stored hash bits.
  private void grow() {
    if (bits == MAX_BITS) {
      throw new IllegalStateException("more than " + (3 << (MAX_BITS - 2)) + " transaction ids");
    }
    long[] old = slots;
    bits++;
    slots = new long[1 << bits];
    int mask = slots.length - 1;
    for (long slot : old) {
      if (slot != EMPTY) {
        int index = (int) (slot >>> (64 - bits));
        while (slots[index] != EMPTY) {
          index = (index + 1) & mask;
        }
        slots[index] = slot;
      }
    }
  }
}
