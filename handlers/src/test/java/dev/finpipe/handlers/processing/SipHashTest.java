package dev.finpipe.handlers.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SipHashTest {
  // The reference test vectors of SipHash-2-4 (vectors.h of https://github.com/veorq/SipHash): key 00 01 .. 0f,
  // message 00 01 .. (n-1), output read little-endian.
  private static final long K0 = 0x0706050403020100L;
  private static final long K1 = 0x0f0e0d0c0b0a0908L;

  static Stream<Arguments> referenceVectors() {
    return Stream.of(
        Arguments.of(0, 0x726fdb47dd0e0e31L),
        Arguments.of(1, 0x74f839c593dc67fdL),
        Arguments.of(8, 0x93f5f5799a932462L),
        Arguments.of(15, 0xa129ca6149be45e5L));
  }

  // SipHash-1-3 as CPython computes it for bytes (its str/bytes hash since 3.11, sys.hash_info.algorithm
  // 'siphash13'): with PYTHONHASHSEED=0 the key is all zeros, so `hash(bytes(range(n)))` read as unsigned 64 bits
  // is SipHash-1-3 with key 0 of the message 00 01 .. (n-1) — an implementation independent of this one.
  static Stream<Arguments> cpythonSipHash13Vectors() {
    return Stream.of(
        Arguments.of(1, 0x68a914128e01e473L),
        Arguments.of(7, 0x2f098ab0c751325aL),
        Arguments.of(8, 0xead411e67ebe2eeaL),
        Arguments.of(9, 0x75927f9d95124362L),
        Arguments.of(15, 0xf30eb725bb91c9eaL),
        Arguments.of(16, 0x8972188433a5c5b7L),
        Arguments.of(31, 0x169739443111d49bL),
        Arguments.of(63, 0x385d3e39e5f37359L));
  }

  @ParameterizedTest(name = "SipHash-2-4, {0}-byte message")
  @MethodSource("referenceVectors")
  void matchesTheReferenceVectors(int length, long expected) {
    assertThat(SipHash.hash24(K0, K1, inABuffer(length), 1, 1 + length)).isEqualTo(expected);
    assertThat(SipHash.hash24(K0, K1, exactly(length), 0, length)).as("message at the array's end").isEqualTo(expected);
  }

  @ParameterizedTest(name = "SipHash-1-3, {0}-byte message")
  @MethodSource("cpythonSipHash13Vectors")
  void sipHash13MatchesCPython(int length, long expected) {
    assertThat(SipHash.hash13(0, 0, inABuffer(length), 1, 1 + length)).isEqualTo(expected);
    assertThat(SipHash.hash13(0, 0, exactly(length), 0, length)).as("message at the array's end").isEqualTo(expected);
  }

  @Test
  void sipHash13DependsOnTheKey() {
    byte[] message = inABuffer(9);

    assertThat(SipHash.hash13(K0, K1, message, 1, 10)).isNotEqualTo(SipHash.hash13(0, 0, message, 1, 10))
        .isNotEqualTo(SipHash.hash13(K0, K1 + 1, message, 1, 10));
  }

  /**
   * The message 00 01 .. (n-1) inside a larger buffer of FF bytes, as fields sit in the reader's buffer: a hash that
   * read a byte beyond the message would differ.
   */
  private static byte[] inABuffer(int length) {
    byte[] padded = new byte[length + 9];
    java.util.Arrays.fill(padded, (byte) 0xFF);
    for (int i = 0; i < length; i++) {
      padded[i + 1] = (byte) i;
    }
    return padded;
  }

  private static byte[] exactly(int length) {
    return java.util.Arrays.copyOfRange(inABuffer(length), 1, 1 + length);
  }
}
