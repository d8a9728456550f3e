package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.support.RetryableException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PassBudgetTest {
  private static final String TARPIT = "http://127.0.0.1:9";

  @Test
  void aPassOverItsBudgetIsAbandonedWithTheEndpointNamedAndItsPipelineRefusedUntilItEnds() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);
    try (PassBudget budget = new PassBudget(Duration.ofMillis(300))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> budget.run("ns/a/uid-a", TARPIT, () -> {
        awaitUninterruptibly(release); // like a socket read: interrupting does not end it
        ended.countDown();
        return "late";
      })).isInstanceOfSatisfying(RetryableException.class, e -> {
        assertThat(e.reason()).isEqualTo(PassBudget.REASON);
        assertThat(e.getMessage()).contains(TARPIT).contains("did not answer within the pass budget of PT0.3S");
      });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

      long refusedAt = System.nanoTime();
      assertThatThrownBy(() -> budget.run("ns/a/uid-a", TARPIT, () -> "again"))
          .hasMessageContaining("the calls of an earlier pass are still waiting for it");
      assertThat(Duration.ofNanos(System.nanoTime() - refusedAt)).as("refused at once")
          .isLessThan(Duration.ofMillis(200));
      assertThat(budget.run("ns/b/uid-b", "http://moto", () -> "other pipeline")).isEqualTo("other pipeline");

      release.countDown();
      assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
      // the abandoned pass marks itself ended right after it returns; then the pipeline may pass again
      await().ignoreExceptions().atMost(Duration.ofSeconds(5))
          .until(() -> budget.run("ns/a/uid-a", TARPIT, () -> "answered"), "answered"::equals);
    }
  }

  @Test
  void aPassWithinItsBudgetReturnsItsResultOrItsOwnError() {
    try (PassBudget budget = new PassBudget(Duration.ofSeconds(5))) {
      assertThat(budget.run("ns/a/uid", TARPIT, () -> 42)).isEqualTo(42);
      assertThatThrownBy(() -> budget.run("ns/a/uid", TARPIT, () -> {
        throw new RetryableException("Throttling", "slow down");
      })).isInstanceOfSatisfying(RetryableException.class, e -> assertThat(e.reason()).isEqualTo("Throttling"));
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
