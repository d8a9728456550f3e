package dev.finpipe.operator.reconciler;

import static dev.finpipe.operator.reconciler.Results.drifted;
import static dev.finpipe.operator.reconciler.Results.failed;
import static dev.finpipe.operator.reconciler.Results.pending;
import static dev.finpipe.operator.reconciler.Results.ready;
import static dev.finpipe.operator.reconciler.Results.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineStatus;
import dev.finpipe.operator.api.Phase;
import dev.finpipe.operator.api.PipelineCondition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusRecorderTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static StatusRecorder at(Instant now) {
    return new StatusRecorder(Clock.fixed(now, ZoneOffset.UTC));
  }

  private static FinancialPipeline pipeline(FinancialPipelineStatus status) {
    FinancialPipeline fp = new FinancialPipeline();
    fp.setMetadata(new ObjectMetaBuilder().withName("p").withNamespace("ns").withGeneration(3L).build());
    fp.setStatus(status);
    return fp;
  }

  private static PipelineCondition condition(FinancialPipelineStatus status, String type) {
    return status.conditions.stream().filter(c -> c.type.equals(type)).findFirst().orElseThrow();
  }

  @Test
  void everyComponentReadyMakesThePipelineReady() {
    var status = at(T0).converged(pipeline(null), List.of(ready("bucket"), ready("api")), "https://x/prod");
    assertThat(status.phase).isEqualTo(Phase.Ready);
    assertThat(status.observedGeneration).isEqualTo(3L);
    assertThat(status.apiEndpointUrl).isEqualTo("https://x/prod");
    assertThat(status.bucketName).isEqualTo("bucket-name");
    assertThat(status.failingComponent).isNull();
    assertThat(condition(status, PipelineCondition.READY).status).isEqualTo("True");
    assertThat(condition(status, PipelineCondition.PROGRESSING).status).isEqualTo("False");
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenAConditionChangesStatus() {
    var first = at(T0).converged(pipeline(null), List.of(ready("bucket")), null);
    var same = at(T0.plusSeconds(60)).converged(pipeline(first), List.of(ready("bucket")), null);
    assertThat(condition(same, PipelineCondition.READY).lastTransitionTime).isEqualTo("2026-01-01T00:00:00Z");

    var pending = ComponentResult.pending("api", "REST API", "api", "Throttled", "slow down");
    var degraded = at(T0.plusSeconds(120)).converged(pipeline(same), List.of(ready("bucket"), pending), null);
    assertThat(condition(degraded, PipelineCondition.READY).lastTransitionTime).isEqualTo("2026-01-01T00:02:00Z");
    assertThat(condition(degraded, PipelineCondition.READY).reason).isEqualTo("Throttled");
    assertThat(degraded.phase).as("it was Ready before").isEqualTo(Phase.Degraded);
    assertThat(degraded.failingComponent).isEqualTo("api");
  }

  @Test
  void aTerminalFailureFailsThePipelineAndStopsProgress() {
    var foreign = ComponentResult.failed("bucket", "S3 bucket", "b", "ForeignResource", "owned by someone else");
    var status = at(T0).converged(pipeline(null), List.of(foreign, ComponentResult.waiting("api", "REST API", "a",
        "bucket")), null);
    assertThat(status.phase).isEqualTo(Phase.Failed);
    assertThat(status.failingComponent).isEqualTo("bucket");
    assertThat(condition(status, PipelineCondition.READY).message).contains("owned by someone else");
    assertThat(condition(status, PipelineCondition.PROGRESSING).status).isEqualTo("False");
    assertThat(status.resources).extracting(r -> r.state).containsExactly("Failed", "Pending");
  }

  @Test
  void firstProvisioningIsNotDegraded() {
    var pending = ComponentResult.waiting("api", "REST API", "a", "functions");
    var status = at(T0).converged(pipeline(null), List.of(pending), null);
    assertThat(status.phase).isEqualTo(Phase.Provisioning);
    assertThat(condition(status, PipelineCondition.DEGRADED).status).isEqualTo("False");
  }

  @Test
  void anInvalidSpecKeepsWhatWasBuiltAndSaysWhy() {
    var ready = at(T0).converged(pipeline(null), List.of(ready("bucket")), "https://x/prod");
    var invalid = at(T0).invalid(pipeline(ready), List.of("spec.bucket.kmsKeyArn is in region eu-west-1"));
    assertThat(invalid.phase).isEqualTo(Phase.Failed);
    assertThat(invalid.resources).hasSize(1);
    assertThat(invalid.apiEndpointUrl).isEqualTo("https://x/prod");
    assertThat(condition(invalid, PipelineCondition.INVALID_SPEC).status).isEqualTo("True");
    assertThat(condition(invalid, PipelineCondition.INVALID_SPEC).message).contains("eu-west-1");
  }

  @Test
  void aReadyPipelineStaysReadyThroughAFirstTransientFailureButNotAPersistentOne() {
    var ready = at(T0).converged(pipeline(null), List.of(ready("bucket")), null);
    var throttled = ComponentResult.pending("bucket", "S3 bucket", "b", "Throttled", "slow down");

    var graced = at(T0.plusSeconds(60)).converged(pipeline(ready), List.of(throttled), null, true);
    assertThat(graced.phase).isEqualTo(Phase.Ready);
    assertThat(condition(graced, PipelineCondition.READY).status).isEqualTo("True");
    assertThat(condition(graced, PipelineCondition.READY).lastTransitionTime).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(condition(graced, PipelineCondition.PROGRESSING).message).contains("retrying bucket");

    var persistent = at(T0.plusSeconds(120)).converged(pipeline(graced), List.of(throttled), null, false);
    assertThat(persistent.phase).isEqualTo(Phase.Degraded);

    var foreign = ComponentResult.failed("bucket", "S3 bucket", "b", "ForeignResource", "not ours");
    assertThat(at(T0).converged(pipeline(ready), List.of(foreign), null, true).phase).isEqualTo(Phase.Failed);
  }

  /** The phase, the status of Ready, Progressing and Degraded, and the component named as failing. */
  private record Verdict(Phase phase, boolean ready, boolean progressing, boolean degraded, String failing) {
    static Verdict of(FinancialPipelineStatus status) {
      return new Verdict(status.phase, condition(status, PipelineCondition.READY).isTrue(),
          condition(status, PipelineCondition.PROGRESSING).isTrue(),
          condition(status, PipelineCondition.DEGRADED).isTrue(), status.failingComponent);
    }
  }

  private static Arguments row(String behaviour, boolean wasReady, boolean grace, List<ComponentResult> results,
                               Verdict expected) {
    return Arguments.of(behaviour, wasReady, grace, results, expected);
  }

  static Stream<Arguments> convergePasses() {
    Verdict ready = new Verdict(Phase.Ready, true, false, false, null);
    return Stream.of(
        row("every component ready: Ready, nothing in progress, not Degraded", false, false,
            List.of(ready("bucket"), ready("api")), ready),
        row("grace with nothing failing is plain Ready", true, true, List.of(ready("bucket")), ready),
        row("a retryable failure while provisioning: Provisioning and Progressing, not Degraded", false, false,
            List.of(ready("bucket"), pending("api", "Throttled")),
            new Verdict(Phase.Provisioning, false, true, false, "api")),
        row("a retryable failure of a Ready pipeline past its grace: Degraded and Progressing", true, false,
            List.of(ready("bucket"), pending("api", "Throttled")),
            new Verdict(Phase.Degraded, false, true, true, "api")),
        row("a retryable failure of a Ready pipeline in grace: still Ready, Progressing, none named", true, true,
            List.of(ready("bucket"), pending("api", "Throttled")),
            new Verdict(Phase.Ready, true, true, false, null)),
        row("grace is only for a pipeline that was Ready", false, true,
            List.of(pending("bucket", "AwsUnavailable")),
            new Verdict(Phase.Provisioning, false, true, false, "bucket")),
        row("a terminal failure while provisioning: Failed, Degraded, not Progressing", false, false,
            List.of(failed("bucket", "ForeignResource"), waiting("api", "bucket")),
            new Verdict(Phase.Failed, false, false, true, "bucket")),
        row("a terminal failure is never graced", true, true,
            List.of(ready("bucket"), failed("api", "InvalidConfiguration")),
            new Verdict(Phase.Failed, false, false, true, "api")),
        row("the first failing component is named: a retryable one before a terminal one", false, false,
            List.of(ready("bucket"), pending("queue", "Throttled"), failed("api", "InvalidConfiguration")),
            new Verdict(Phase.Provisioning, false, true, false, "queue")),
        row("the first failing component is named: a terminal one before a retryable one", false, false,
            List.of(failed("api", "InvalidConfiguration"), pending("queue", "Throttled")),
            new Verdict(Phase.Failed, false, false, true, "api")),
        row("observe-only drift of a Ready pipeline past its grace: Degraded and Progressing", true, false,
            List.of(drifted("bucket"), waiting("api", "bucket")),
            new Verdict(Phase.Degraded, false, true, true, "bucket")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("convergePasses")
  void convergedConditions(String behaviour, boolean wasReady, boolean grace, List<ComponentResult> results,
                           Verdict expected) {
    var before = wasReady ? at(T0).converged(pipeline(null), List.of(ready("bucket")), null) : null;
    var status = at(T0).converged(pipeline(before), results, null, grace);
    assertThat(Verdict.of(status)).isEqualTo(expected);
    assertThat(condition(status, PipelineCondition.INVALID_SPEC).status).isEqualTo("False");
    assertThat(status.conditions).extracting(c -> c.observedGeneration).containsOnly(3L);
  }

  @Test
  void theFailingComponentIsNamedWithItsKindNameAndError() {
    var status = at(T0).converged(pipeline(null), List.of(ready("bucket"), pending("api", "Throttled")), null);
    assertThat(condition(status, PipelineCondition.READY).message).isEqualTo("api (kind api-name): Throttled from AWS");
    assertThat(condition(status, PipelineCondition.DEGRADED).reason).isEqualTo("Throttled");
    assertThat(condition(status, PipelineCondition.PROGRESSING).message).startsWith("converging: api (kind");
  }

  @Test
  void aTerminalFailureSaysProgressIsBlocked() {
    var status = at(T0).converged(pipeline(null), List.of(failed("bucket", "ForeignResource")), null);
    assertThat(condition(status, PipelineCondition.PROGRESSING).reason).isEqualTo("Blocked");
    assertThat(condition(status, PipelineCondition.DEGRADED).reason).isEqualTo("ForeignResource");
  }

  @Test
  void aFixedSpecClearsInvalidSpec() {
    var invalid = at(T0).invalid(pipeline(null), List.of("spec.region is empty"));
    assertThat(condition(invalid, PipelineCondition.READY).status).isEqualTo("False");
    assertThat(condition(invalid, PipelineCondition.PROGRESSING).status).isEqualTo("False");

    var fixed = at(T0.plusSeconds(60)).converged(pipeline(invalid), List.of(ready("bucket")), null);
    assertThat(condition(fixed, PipelineCondition.INVALID_SPEC).status).isEqualTo("False");
    assertThat(condition(fixed, PipelineCondition.INVALID_SPEC).reason).isEqualTo("Valid");
    assertThat(condition(fixed, PipelineCondition.INVALID_SPEC).lastTransitionTime).isEqualTo("2026-01-01T00:01:00Z");
  }

  @Test
  void aPassWithoutAnApiUrlKeepsTheLastKnownOne() {
    var first = at(T0).converged(pipeline(null), List.of(ready("bucket")), "https://x/prod");
    var next = at(T0).converged(pipeline(first), List.of(ready("bucket"), pending("api", "Throttled")), null);
    assertThat(next.apiEndpointUrl).isEqualTo("https://x/prod");
  }

  @Test
  void aPausedPipelineKeepsWhatWasBuiltAndIsNotProgressing() {
    var ready = at(T0).converged(pipeline(null), List.of(ready("bucket")), "https://x/prod");
    var paused = at(T0).paused(pipeline(ready));
    assertThat(paused.phase).isEqualTo(Phase.Paused);
    assertThat(paused.resources).hasSize(1);
    assertThat(condition(paused, PipelineCondition.PROGRESSING).reason).isEqualTo("Paused");
    assertThat(condition(paused, PipelineCondition.PROGRESSING).status).isEqualTo("False");
  }

  @Test
  void aBlockedDeletionNamesTheFirstComponentHoldingIt() {
    var status = at(T0).deleting(pipeline(null), List.of(Results.deleted("api"), pending("queue", "Throttled"),
        failed("bucket", "BucketNotEmpty")));
    assertThat(status.phase).isEqualTo(Phase.Deleting);
    assertThat(status.failingComponent).isEqualTo("queue");
    assertThat(condition(status, PipelineCondition.READY).reason).isEqualTo("Throttled");
    assertThat(condition(status, PipelineCondition.PROGRESSING).reason).isEqualTo("DeletionBlocked");
    assertThat(condition(status, PipelineCondition.PROGRESSING).message).startsWith("deletion waits: queue:");
  }

  @Test
  void anUnexpectedErrorDegradesOnlyAReadyPipeline() {
    var ready = at(T0).converged(pipeline(null), List.of(ready("bucket")), null);
    assertThat(at(T0).error(pipeline(ready), "InternalError", "boom").phase).isEqualTo(Phase.Degraded);
    var provisioning = at(T0).error(pipeline(null), "AccessDenied", "no");
    assertThat(provisioning.phase).isEqualTo(Phase.Provisioning);
    assertThat(condition(provisioning, PipelineCondition.PROGRESSING).message).isEqualTo("retrying: no");
  }

  @Test
  void aPausedPipelineKeepsItsLastReadyStateAndTime() {
    var ready = at(T0).converged(pipeline(null), List.of(ready("bucket")), "https://x/prod");
    var paused = at(T0.plusSeconds(60)).paused(pipeline(ready));
    PipelineCondition readyCondition = condition(paused, PipelineCondition.READY);
    assertThat(readyCondition.status).isEqualTo("True");
    assertThat(readyCondition.reason).isEqualTo("Paused");
    assertThat(readyCondition.lastTransitionTime).as("status unchanged").isEqualTo("2026-01-01T00:00:00Z");
    assertThat(condition(at(T0).paused(pipeline(null)), PipelineCondition.READY).status).isEqualTo("Unknown");
  }

  /** Every status the operator writes carries Ready and kstatus' Reconciling and Stalled, each type once. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("everyPhase")
  void readyAndKstatusConditionsArePresentInEveryPhase(String phase, FinancialPipelineStatus status,
                                                       String reconciling, String stalled) {
    assertThat(status.conditions).extracting(c -> c.type).doesNotHaveDuplicates()
        .contains(PipelineCondition.READY, PipelineCondition.RECONCILING, PipelineCondition.STALLED);
    assertThat(status.conditions).allSatisfy(c -> {
      assertThat(c.status).isIn("True", "False", "Unknown");
      assertThat(c.reason).isNotBlank();
      assertThat(Instant.parse(c.lastTransitionTime)).isEqualTo(T0);
    });
    assertThat(condition(status, PipelineCondition.RECONCILING).status).isEqualTo(reconciling);
    assertThat(condition(status, PipelineCondition.STALLED).status).isEqualTo(stalled);
  }

  static Stream<Arguments> everyPhase() {
    StatusRecorder r = at(T0);
    var foreign = ComponentResult.failed("bucket", "S3 bucket", "b", "ForeignResource", "owned by someone else");
    return Stream.of(
        Arguments.of("Ready", r.converged(pipeline(null), List.of(ready("bucket")), null), "False", "False"),
        Arguments.of("Provisioning", r.converged(pipeline(null), List.of(pending("api", "Throttled")), null),
            "True", "False"),
        Arguments.of("Failed", r.converged(pipeline(null), List.of(foreign), null), "False", "True"),
        Arguments.of("InvalidSpec", r.invalid(pipeline(null), List.of("bad")), "False", "True"),
        Arguments.of("Paused", r.paused(pipeline(null)), "False", "False"),
        Arguments.of("Deleting", r.deleting(pipeline(null), List.of(Results.deleted("api"))), "True", "False"),
        Arguments.of("Deletion blocked", r.deleting(pipeline(null), List.of(failed("bucket", "BucketNotEmpty"))),
            "True", "False"),
        Arguments.of("retryable error", r.error(pipeline(null), "Throttled", "slow"), "True", "False"),
        Arguments.of("terminal error", r.terminalError(pipeline(null), "AccessDenied", "no"), "False", "True"));
  }
}
