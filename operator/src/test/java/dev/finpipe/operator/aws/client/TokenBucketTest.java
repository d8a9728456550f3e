package dev.finpipe.operator.aws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bucket on a clock the test moves: what passes at once, what waits and how long. */
class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long NO_LIMIT = Long.MAX_VALUE;
  private final AtomicLong now = new AtomicLong(42 * SECOND);

  @Test
  void aFullBucketLetsItsCapacityThroughAtOnceThenSpacesCallsAtTheRate() {
    TokenBucket bucket = new TokenBucket(2, 4, now::get);

    for (int i = 0; i < 4; i++) {
      assertThat(bucket.reserve(NO_LIMIT)).as("call %d", i).isZero();
    }
    assertThat(bucket.reserve(NO_LIMIT)).isEqualTo(SECOND / 2);
    assertThat(bucket.reserve(NO_LIMIT)).isEqualTo(SECOND); // reserved behind the previous one
  }

  @Test
  void anIdleBucketRefillsOnlyUpToItsCapacity() {
    TokenBucket bucket = new TokenBucket(10, 3, now::get);
    for (int i = 0; i < 3; i++) {
      bucket.reserve(NO_LIMIT);
    }
    now.addAndGet(3600 * SECOND);

    for (int i = 0; i < 3; i++) {
      assertThat(bucket.reserve(NO_LIMIT)).isZero();
    }
    assertThat(bucket.reserve(NO_LIMIT)).isEqualTo(SECOND / 10);
  }

  @Test
  void aWaitLongerThanAllowedReservesNothing() {
    TokenBucket bucket = new TokenBucket(1, 1, now::get);
    assertThat(bucket.reserve(0)).isZero();

    assertThat(bucket.reserve(SECOND / 2)).isEqualTo(-1);
    assertThat(bucket.reserve(SECOND / 2)).isEqualTo(-1);
    // the refused calls took nothing: the next permit is still one second after the first
    assertThat(bucket.reserve(NO_LIMIT)).isEqualTo(SECOND);
  }

  /** The property a quota needs: over any interval T, at most capacity + rate × T calls go. */
  @ParameterizedTest
  @CsvSource({"5, 25", "0.3, 1", "2.5, 1", "10, 50"})
  void noIntervalAdmitsMoreThanTheBurstPlusTheRate(double rate, double capacity) {
    TokenBucket bucket = new TokenBucket(rate, capacity, now::get);
    Random random = new Random(7);
    List<Long> sentAt = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      now.addAndGet((long) (random.nextDouble() * 2 * SECOND / rate * (random.nextInt(4) == 0 ? 3 : 0.2)));
      long wait = bucket.reserve(NO_LIMIT);
      sentAt.add(now.get() + wait);
    }
    sentAt.sort(Long::compare);
    for (int i = 0; i < sentAt.size(); i++) {
      for (int j = i; j < sentAt.size(); j++) {
        double seconds = (sentAt.get(j) - sentAt.get(i)) / 1e9;
        assertThat(j - i + 1).as("calls sent within %.3f s", seconds)
            .isLessThanOrEqualTo((int) Math.floor(capacity + rate * seconds + 1e-6));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"Lambda, 10, 50", "CloudWatch, 3, 15", "ApiGateway:GetResources, 2.5, 1",
      "ApiGateway:CreateRestApi, 0.3, 1", "Sts, 0.5, 1", "Iam, 1.5, 7"})
  void burstPerKey(String key, double rate, double burst) {
    assertThat(AwsRateLimits.burst(key, rate)).isEqualTo(burst);
  }

  @Test
  void refusesAZeroRateOrAnEmptyBucket() {
    assertThatThrownBy(() -> new TokenBucket(0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucket(1, 0.5, now::get)).isInstanceOf(IllegalArgumentException.class);
  }
}
