package dev.finpipe.operator.reconciler;

import static dev.finpipe.operator.reconciler.Results.absent;
import static dev.finpipe.operator.reconciler.Results.created;
import static dev.finpipe.operator.reconciler.Results.deleted;
import static dev.finpipe.operator.reconciler.Results.drifted;
import static dev.finpipe.operator.reconciler.Results.failed;
import static dev.finpipe.operator.reconciler.Results.pending;
import static dev.finpipe.operator.reconciler.Results.ready;
import static dev.finpipe.operator.reconciler.Results.retained;
import static dev.finpipe.operator.reconciler.Results.updated;
import static dev.finpipe.operator.reconciler.Results.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.reconciler.RequeuePolicy.After;
import dev.finpipe.operator.reconciler.RequeuePolicy.Backoff;
import dev.finpipe.operator.reconciler.RequeuePolicy.Next;
import dev.finpipe.operator.support.AwsErrors;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** When the next pass comes, from what a pass did: every branch of {@link RequeuePolicy}, no cluster, no AWS. */
class RequeuePolicyTest {
  private static final Duration RESYNC = Duration.ofMinutes(10);
  private static final Duration SHORT_RESYNC = Duration.ofSeconds(5);
  private static final Next SOON = new After(Duration.ofSeconds(2));
  private static final Next IN_30_S = new After(Duration.ofSeconds(30));
  private static final Next DELETED = new RequeuePolicy.Deleted();
  private static final String RATE_LIMITED = AwsErrors.RATE_LIMITED;

  private static Arguments row(String behaviour, Object condition, List<ComponentResult> results, Next expected) {
    return Arguments.of(behaviour, condition, results, expected);
  }

  private static Next backoff(ComponentResult... retrying) {
    return new Backoff(List.of(retrying));
  }

  static Stream<Arguments> convergePasses() {
    Next resync = new After(RESYNC);
    return Stream.of(
        row("every component ready: next pass at the resync", false,
            List.of(ready("bucket"), created("api")), resync),
        row("a Ready pipeline that stays ready: next pass at the resync", true,
            List.of(ready("bucket"), ready("api")), resync),
        row("a terminal failure is not retried: the resync re-checks it", false,
            List.of(failed("bucket", "ForeignResource"), waiting("api", "bucket")), resync),
        row("a rate-limited terminal failure is still terminal: at the resync", false,
            List.of(created("bucket"), failed("api", RATE_LIMITED)), resync),
        row("observe-only drift retries nothing: at the resync", true,
            List.of(drifted("bucket"), waiting("api", "bucket")), resync),
        row("a retryable failure while provisioning without progress backs off", false,
            List.of(ready("bucket"), pending("api", "Throttled")), backoff(pending("api", "Throttled"))),
        row("a retryable failure of a Ready pipeline backs off", true,
            List.of(ready("bucket"), pending("api", "AwsUnavailable")), backoff(pending("api", "AwsUnavailable"))),
        row("the backoff names the components retrying on their own, not those waiting behind them", false,
            List.of(pending("bucket", "Throttled"), waiting("api", "bucket"), pending("queue", "AccessDenied")),
            backoff(pending("bucket", "Throttled"), pending("queue", "AccessDenied"))),
        row("provisioning that created something retries in 2 s", false,
            List.of(created("bucket"), pending("api", "AwsPropagation")), SOON),
        row("a Ready pipeline that re-created something still backs off", true,
            List.of(created("bucket"), pending("api", "Throttled")), backoff(pending("api", "Throttled"))),
        row("a drift correction is no provisioning progress: backs off", false,
            List.of(updated("bucket"), pending("api", "Throttled")), backoff(pending("api", "Throttled"))),
        row("only the operator's own rate limiter held calls back: 2 s", true,
            List.of(ready("bucket"), pending("api", RATE_LIMITED), pending("queue", RATE_LIMITED)), SOON),
        row("rate limited while provisioning without progress: 2 s", false,
            List.of(pending("bucket", RATE_LIMITED), waiting("api", "bucket")), SOON),
        row("rate limiting beside another retryable error backs off", true,
            List.of(pending("bucket", RATE_LIMITED), pending("api", "Throttled")),
            backoff(pending("bucket", RATE_LIMITED), pending("api", "Throttled"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("convergePasses")
  void afterConverge(String behaviour, boolean wasReady, List<ComponentResult> results, Next expected) {
    assertThat(new RequeuePolicy(RESYNC).afterConverge(results, wasReady)).isEqualTo(expected);
  }

  static Stream<Arguments> deletionPasses() {
    Next resync = new After(RESYNC);
    return Stream.of(
        row("everything deleted: the finalizer goes", RESYNC,
            List.of(deleted("api"), deleted("bucket")), DELETED),
        row("retained or already absent resources do not hold the finalizer", RESYNC,
            List.of(absent("api"), retained("bucket"), deleted("queue")), DELETED),
        row("observe-only drift does not hold the deletion", RESYNC,
            List.of(drifted("bucket"), deleted("api")), DELETED),
        row("a pass that deleted something comes again in 2 s", RESYNC,
            List.of(deleted("api"), pending("bucket", "Throttled")), SOON),
        row("progress comes again in 2 s even past a terminal block", RESYNC,
            List.of(deleted("api"), failed("bucket", "BucketNotEmpty")), SOON),
        row("progress comes again in 2 s even with a shorter resync", Duration.ofSeconds(1),
            List.of(deleted("api"), pending("bucket", "Throttled")), SOON),
        row("only the operator's own rate limiter held calls back: 2 s", RESYNC,
            List.of(absent("api"), pending("bucket", RATE_LIMITED), waiting("queue", "bucket")), SOON),
        row("a rate-limited failure counts as rate limited: 2 s", RESYNC,
            List.of(failed("bucket", RATE_LIMITED)), SOON),
        row("held only by retryable errors: 30 s", RESYNC,
            List.of(absent("api"), pending("bucket", "Throttled")), IN_30_S),
        row("held only by retryable errors with a resync under 30 s: at the resync", SHORT_RESYNC,
            List.of(pending("bucket", "AwsUnavailable")), new After(SHORT_RESYNC)),
        row("components only waiting behind others are no terminal block: 30 s", RESYNC,
            List.of(waiting("api", "bucket")), IN_30_S),
        row("rate limiting beside another retryable error: 30 s", RESYNC,
            List.of(pending("api", RATE_LIMITED), pending("bucket", "Throttled")), IN_30_S),
        row("a terminal block (bucket still holds objects) waits for the resync", RESYNC,
            List.of(absent("api"), failed("bucket", "BucketNotEmpty")), resync),
        row("a terminal block beside retryable errors waits for the resync", RESYNC,
            List.of(pending("api", "Throttled"), failed("bucket", "ForeignResource")), resync),
        row("a terminal block beside rate limiting waits for the resync", RESYNC,
            List.of(pending("api", RATE_LIMITED), failed("bucket", "BucketNotEmpty")), resync),
        row("a terminal block with a resync under 30 s: at the resync", SHORT_RESYNC,
            List.of(failed("bucket", "BucketNotEmpty")), new After(SHORT_RESYNC)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deletionPasses")
  void afterDeletion(String behaviour, Duration resync, List<ComponentResult> results, Next expected) {
    assertThat(new RequeuePolicy(resync).afterDeletion(results)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "retry attempt {0}: a Ready pipeline stays Ready: {1}")
  @CsvSource({"0, true", "1, true", "2, true", "3, false", "4, false", "100, false"})
  void aReadyPipelineIsGracedOnlyThroughItsFirstRetries(int retryAttempt, boolean graced) {
    assertThat(RequeuePolicy.graced(retryAttempt)).isEqualTo(graced);
  }

  /** A converged pipeline's passes: every health period, the resync when it comes first, at once when overdue. */
  @ParameterizedTest(name = "resync {0}, health every {1}, {2} after the converge: next pass in {3}")
  @CsvSource({
      "PT5M, PT1M, PT0S, PT1M",
      "PT5M, PT1M, PT4M30S, PT30S",
      "PT5M, PT1M, PT5M, PT0S",
      "PT5M, PT1M, PT6M, PT0S",
      "PT30S, PT1M, PT0S, PT30S",
      "PT5M, PT2S, PT10S, PT2S"})
  void untilNextPass(Duration resync, Duration healthPeriod, Duration sinceConverge, Duration expected) {
    assertThat(new RequeuePolicy(resync).untilNextPass(healthPeriod, sinceConverge)).isEqualTo(expected);
  }
}
