package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pass pools: unbounded, named daemon threads, idle extra threads let go after 10 s rather than a minute. */
class PassThreadsTest {

  @Test
  void extraThreadsAreLetGoAfterTheShortKeepAliveAndWarmOnesAreKept() throws Exception {
    var pool = PassThreads.pool("aws-test", 1);
    try {
      assertThat(pool.getKeepAliveTime(TimeUnit.SECONDS)).isEqualTo(10);
      assertThat(pool.allowsCoreThreadTimeOut()).isFalse();
      CountDownLatch running = new CountDownLatch(3);
      CountDownLatch release = new CountDownLatch(1);
      for (int i = 0; i < 3; i++) {
        pool.execute(() -> {
          assertThat(Thread.currentThread().getName()).isEqualTo("aws-test");
          assertThat(Thread.currentThread().isDaemon()).isTrue();
          running.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      assertThat(running.await(5, TimeUnit.SECONDS)).as("no task waits for a thread").isTrue();
      assertThat(pool.getPoolSize()).isEqualTo(3);
      release.countDown();
    } finally {
      pool.shutdownNow();
    }
  }
}
