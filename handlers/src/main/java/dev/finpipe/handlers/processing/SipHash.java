package dev.finpipe.handlers.processing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * SipHash (Aumasson and Bernstein, https://www.aes.or.at/siphash/siphash.pdf): a 64-bit hash of bytes under a 128-bit
 * secret key. Without the key, an input that collides with another, or lands in a chosen slot, cannot be computed.
 * Pure functions.
 *
 * <p>{@link #hash13} (1 round per 8-byte block, 3 to finish) is what the hash tables of CPython (since 3.11, PEP 456's
 * successor change, https://docs.python.org/3/library/sys.html#sys.hash_info) and Rust's standard library
 * ({@code RandomState}, https://doc.rust-lang.org/std/collections/struct.HashMap.html) key with a random secret
 * against hash flooding; {@link #hash24} is the original, conservative PRF. The processor's tables use 1-3: a row's
 * ids are short, so the rounds are most of the cost.
 */
final class SipHash {
  private static final VarHandle LITTLE_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private SipHash() {}

  /** SipHash-1-3 of {@code data[from, to)}. */
  static long hash13(long k0, long k1, byte[] data, int from, int to) {
    return hash(1, 3, k0, k1, data, from, to);
  }

  /** SipHash-2-4 of {@code data[from, to)}. */
  static long hash24(long k0, long k1, byte[] data, int from, int to) {
    return hash(2, 4, k0, k1, data, from, to);
  }

  private static long hash(int compressionRounds, int finalRounds, long k0, long k1, byte[] data, int from, int to) {
    long v0 = 0x736f6d6570736575L ^ k0;
    long v1 = 0x646f72616e646f6dL ^ k1;
    long v2 = 0x6c7967656e657261L ^ k0;
    long v3 = 0x7465646279746573L ^ k1;
    int length = to - from;
    int blocks = length >>> 3;
    // Steps 0..blocks-1 take the 8-byte blocks, step `blocks` the last bytes with the length, each with the
    // compression rounds; the final step marks v2 and runs the finalisation rounds.
    for (int step = 0; step <= blocks + 1; step++) {
      boolean finalStep = step == blocks + 1;
      long m;
      if (finalStep) {
        m = 0;
        v2 ^= 0xff;
      } else {
        int at = from + step * 8;
        m = step < blocks ? (long) LITTLE_ENDIAN_LONG.get(data, at) : lastBlock(data, at, to, length);
        v3 ^= m;
      }
      for (int round = finalStep ? finalRounds : compressionRounds; round > 0; round--) {
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
      }
      v0 ^= m;
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }

  /** The 0–7 bytes after the last full block, little-endian, with the message length in the top byte. */
  private static long lastBlock(byte[] data, int from, int to, int length) {
    int count = to - from;
    long value;
    if (from + 8 <= data.length) { // one 8-byte read, the bytes past the message masked off
      value = count == 0 ? 0 : (long) LITTLE_ENDIAN_LONG.get(data, from) & (-1L >>> (64 - 8 * count));
    } else {
      value = 0;
      for (int i = to - 1; i >= from; i--) {
        value = (value << 8) | (data[i] & 0xFFL);
      }
    }
    return ((long) length << 56) | value;
  }
}
