package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.support.AwsErrors;
import dev.finpipe.operator.support.RetryableException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Waits inside the pass while AWS's eventual consistency refuses a step: a role created a moment ago that Lambda
 * cannot assume yet, an invoke permission S3 has not validated yet. IAM documents these delays as seconds
 * ("Changes that I make are not always immediately visible",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency);
 * S3 checks a Lambda destination's invoke permission when the notification is put ("Amazon S3 verifies that the
 * Lambda function permissions grant Amazon S3 permission to invoke the function",
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketNotificationConfiguration.html), and a permission
 * added a moment ago may not be seen yet. So the step is retried after short waits (7.5 s in all) instead of ending the pass and reading everything
 * again in the next one. Still refused after that, the step is left pending and the requeue takes over.
 */
final class PropagationWait {
  /** The waits between tries; their sum bounds what one component adds to a pass. */
  static final List<Duration> SCHEDULE = List.of(Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofSeconds(2), Duration.ofSeconds(4));

  /** How the wait is spent; tests count instead of sleeping. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  static final Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());

  private PropagationWait() {
  }

  /** {@code step}'s result, tried again after each wait of {@link #SCHEDULE} while AWS is still propagating. */
  static <T> T retrying(Supplier<T> step, Sleeper sleeper) {
    for (Duration wait : SCHEDULE) {
      try {
        return step.get();
      } catch (RetryableException e) {
        if (!AwsErrors.PROPAGATION.equals(e.reason())) {
          throw e;
        }
        pause(sleeper, wait, e);
      }
    }
    return step.get();
  }

  private static void pause(Sleeper sleeper, Duration wait, RetryableException refusal) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw refusal; // the pass is being stopped: report what AWS said, the requeue retries
    }
  }
}
