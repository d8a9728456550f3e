package dev.finpipe.handlers.processing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionIdSetTest {

  @Test
  void remembersIdsAcrossGrowth() {
    TransactionIdSet ids = new TransactionIdSet();
    for (int i = 0; i < 200_000; i++) {
      assertThat(ids.add("txn-" + i)).as("first add of txn-%d", i).isTrue();
    }
    for (int i = 0; i < 200_000; i += 997) {
      assertThat(ids.add("txn-" + i)).as("second add of txn-%d", i).isFalse();
    }
    assertThat(ids.size()).isEqualTo(200_000);
  }

  @Test
  void similarIdsHaveDifferentFingerprints() {
    assertThat(TransactionIdSet.fingerprint("ab")).isNotEqualTo(TransactionIdSet.fingerprint("ba"));
    assertThat(TransactionIdSet.fingerprint("a")).isNotEqualTo(TransactionIdSet.fingerprint("a\0"));
    assertThat(TransactionIdSet.fingerprint("")).isNotZero();
  }
}
