package dev.finpipe.handlers.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
  void aHashCollisionNeverDropsADistinctId() {
    // Every id gets the same hash: only an exact comparison can tell them apart.
    TransactionIdSet ids = new TransactionIdSet((data, from, to) -> 42L);

    for (int i = 0; i < 500; i++) {
      assertThat(ids.add("txn-" + i)).as("distinct id txn-%d", i).isTrue();
    }
    assertThat(ids.add("txn-7")).as("a real duplicate").isFalse();
    assertThat(ids.add("txn-70")).as("a prefix-sharing duplicate").isFalse();
    assertThat(ids.add("txn-7 ")).as("a longer distinct id").isTrue();
    assertThat(ids.size()).isEqualTo(501);
  }

  @Test
  void idsAreComparedByTheirBytesWhateverTheirLength() {
    TransactionIdSet ids = new TransactionIdSet((data, from, to) -> 42L);
    String longId = "x".repeat(300); // its length takes two bytes in the store

    assertThat(ids.add(longId)).isTrue();
    assertThat(ids.add(longId + "y")).isTrue();
    assertThat(ids.add(longId)).isFalse();
    assertThat(ids.add("")).isTrue();
    assertThat(ids.add("")).isFalse();
  }

  @Test
  void eachSetHashesWithItsOwnKey() {
    // An id chosen to collide in one file's table says nothing about the next file's.
    byte[] id = "txn-1".getBytes(StandardCharsets.UTF_8);
    TransactionIdSet first = new TransactionIdSet();
    TransactionIdSet second = new TransactionIdSet();

    assertThat(first.hash(id, 0, id.length)).isNotEqualTo(second.hash(id, 0, id.length));
  }
}
