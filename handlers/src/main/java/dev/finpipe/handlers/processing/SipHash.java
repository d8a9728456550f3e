package dev.finpipe.handlers.processing;

/**
 * SipHash-2-4 (Aumasson and Bernstein, https://www.aes.or.at/siphash/siphash.pdf; the keyed hash Python, Rust and
 * the Linux kernel use against hash flooding): a 64-bit hash of bytes under a 128-bit secret key. Without the key,
 * an input that collides with another, or lands in a chosen slot, cannot be computed. Pure function.
 */
final class SipHash {
  private SipHash() {}

  static long hash(long k0, long k1, byte[] data, int from, int to) {
    long v0 = 0x736f6d6570736575L ^ k0;
    long v1 = 0x646f72616e646f6dL ^ k1;
    long v2 = 0x6c7967656e657261L ^ k0;
    long v3 = 0x7465646279746573L ^ k1;
    int length = to - from;
    int blocks = length >>> 3;
    // Steps 0..blocks-1 take the 8-byte blocks, step `blocks` the last bytes with the length, each with 2 rounds
    // (the "2" of 2-4); the final step marks v2 and runs 4 rounds.
    for (int step = 0; step <= blocks + 1; step++) {
      boolean finalStep = step == blocks + 1;
      long m;
      if (finalStep) {
        m = 0;
        v2 ^= 0xff;
      } else {
        int at = from + step * 8;
        m = step < blocks ? littleEndian(data, at, 8) : ((long) length << 56) | littleEndian(data, at, to - at);
        v3 ^= m;
      }
      for (int round = finalStep ? 4 : 2; round > 0; round--) {
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
      }
      v0 ^= m;
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }

  private static long littleEndian(byte[] data, int from, int count) {
    long value = 0;
    for (int i = count - 1; i >= 0; i--) {
      value = (value << 8) | (data[from + i] & 0xFFL);
    }
    return value;
  }
}
