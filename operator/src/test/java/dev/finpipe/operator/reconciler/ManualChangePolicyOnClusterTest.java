package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.ChangePolicy;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.api.PlanStatus;
import dev.finpipe.operator.api.PlannedChange;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.testing.AwsBehaviour;
import dev.finpipe.operator.testing.AwsInventory;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * spec.changePolicy Manual on the real API server and the emulator: nothing is written in AWS before the plan is
 * approved (counted: the operator's mutating calls), the approved plan is applied in full, a stale approval
 * applies nothing, and an approval already applied approves no later plan.
 */
class ManualChangePolicyOnClusterTest {
  private static final String RESYNC = "PT2S";
  private static final String IAM_SECONDS = "iam_seconds";
  /** Long enough for several passes (the resync is 2 s): a write would have happened by then. */
  private static final Duration SEVERAL_PASSES = Duration.ofSeconds(6);
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("manual").withOperator(RESYNC);
  private static AwsClients aws;

  @BeforeAll
  static void start() {
    aws = Moto.clients();
  }

  @Test
  void aManualPipelineIsCreatedOnlyAfterApproval() throws InterruptedException {
    Map<String, Long> writesBefore = writes();
    Map<String, Long> injectedBefore = AwsBehaviour.stats();
    FinancialPipeline fp = Pipelines.create(cluster.namespace(), "fresh",
        spec -> spec.changePolicy = ChangePolicy.Manual);

    FinancialPipeline pending = awaitPlan("fresh", PlanStatus.State.Pending);
    PlanStatus plan = pending.getStatus().plan;
    assertThat(plan.changes).hasSize(PipelineConverger.COMPONENTS)
        .allSatisfy(c -> assertThat(c.action).isEqualTo(PlannedChange.Action.Create));
    assertThat(plan.hash).matches("[0-9a-f]{64}");
    PipelineCondition planPending = Pipelines.condition(pending, ManualChangePolicy.CONDITION).orElseThrow();
    assertThat(planPending.status).isEqualTo("True");
    assertThat(planPending.message).contains(plan.hash).contains("kubectl annotate financialpipeline fresh")
        .contains("finpipe.dev/approve-plan=" + plan.hash);
    PipelineCondition ready = Pipelines.condition(pending, PipelineCondition.READY).orElseThrow();
    assertThat(ready.status).isEqualTo("False");
    assertThat(ready.reason).isEqualTo("PlanPending");

    Thread.sleep(SEVERAL_PASSES.toMillis());
    FinancialPipeline later = Pipelines.get(cluster.namespace(), "fresh");
    assertThat(later.getStatus().plan.hash).as("the same plan computed again").isEqualTo(plan.hash);
    assertThat(later.getStatus().plan.computedAt).isEqualTo(plan.computedAt);
    assertThat(writesSince(writesBefore)).as("AWS writes before approval").isEmpty();
    assertThat(AwsInventory.ownedBy(aws, fp.getMetadata().getUid())).isEmpty();

    // IAM propagation longer than a pass waits for it (PropagationWait): the functions cannot be created in the
    // pass that creates their roles, so the one approval has to carry several passes.
    Map<String, Double> timings = AwsBehaviour.configure(Map.of());
    AwsBehaviour.configure(Map.of(IAM_SECONDS, longerThanAPassWaits()));
    Set<PlanStatus.State> seen = EnumSet.noneOf(PlanStatus.State.class);
    FinancialPipeline applied;
    try {
      approve("fresh", plan.hash);
      applied = await().atMost(TestGround.timeout()).pollInterval(Duration.ofMillis(200))
          .until(() -> Pipelines.get(cluster.namespace(), "fresh"), p -> {
            Optional.ofNullable(p.getStatus().plan).map(pl -> pl.state).ifPresent(seen::add);
            return Pipelines.condition(p, PipelineCondition.READY).map(PipelineCondition::isTrue).orElse(false);
          });
    } finally {
      AwsBehaviour.configure(Map.of(IAM_SECONDS, timings.get(IAM_SECONDS)));
    }

    assertThat(applied.getStatus().plan.state).isEqualTo(PlanStatus.State.Applied);
    assertThat(applied.getStatus().plan.appliedHash).isEqualTo(plan.hash);
    assertThat(Pipelines.condition(applied, ManualChangePolicy.CONDITION).orElseThrow().status).isEqualTo("False");
    assertThat(AwsInventory.ownedBy(aws, fp.getMetadata().getUid())).isNotEmpty();
    assertThat(AwsBehaviour.injectedSince(injectedBefore, AwsBehaviour.IAM_PROPAGATION)).isPositive();
    assertThat(seen).as("plan states seen while the approval was applied").contains(PlanStatus.State.Applying);
    assertThat(eventsOf("fresh")).anySatisfy(e -> assertThat(e).startsWith("PlanPending: plan " + plan.hash))
        .anySatisfy(e -> assertThat(e).startsWith("PlanApproved: plan " + plan.hash));
  }

  @Test
  void aMemoryChangeWaitsForApprovalWithoutAnyWrite() throws InterruptedException {
    FinancialPipeline ready = readyManualPipeline("memory");
    Map<String, Long> before = writes();

    setMemory("memory", 1024);

    FinancialPipeline pending = awaitPlan("memory", PlanStatus.State.Pending);
    // functions.memoryMb sizes the three API functions (the processor has its own).
    assertThat(pending.getStatus().plan.changes).extracting(c -> c.component)
        .containsExactlyInAnyOrder("upload-function", "status-function", "results-function");
    assertThat(pending.getStatus().plan.changes).allSatisfy(c -> {
      assertThat(c.component).endsWith("-function");
      assertThat(c.action).isEqualTo(PlannedChange.Action.Update);
      assertThat(c.fields).containsExactly("memorySize");
    });
    assertThat(Pipelines.condition(pending, PipelineCondition.READY).orElseThrow().status)
        .as("the functions exist and serve: Ready stays as observed").isEqualTo("True");
    Thread.sleep(SEVERAL_PASSES.toMillis());
    assertThat(writesSince(before)).as("AWS writes before approval").isEmpty();
    assertThat(memoryOf(ready, "status-function")).isEqualTo(512);

    String hash = pending.getStatus().plan.hash;
    approve("memory", hash);

    FinancialPipeline applied = awaitPlan("memory", PlanStatus.State.Applied);
    assertThat(applied.getStatus().plan.appliedHash).isEqualTo(hash);
    assertThat(memoryOf(ready, "status-function")).isEqualTo(1024);
    assertThat(writesSince(before)).containsOnlyKeys("Lambda:UpdateFunctionConfiguration");
  }

  @Test
  void aStaleApprovalAppliesNothing() throws InterruptedException {
    FinancialPipeline ready = readyManualPipeline("stale");
    Map<String, Long> before = writes();
    setMemory("stale", 1024);
    String first = awaitPlan("stale", PlanStatus.State.Pending).getStatus().plan.hash;
    setMemory("stale", 2048);
    String second = awaitPlan("stale", p -> !first.equals(p.getStatus().plan.hash)
        && p.getStatus().plan.state == PlanStatus.State.Pending).getStatus().plan.hash;

    approve("stale", "yes");
    assertThat(Pipelines.condition(awaitPlan("stale", p -> Pipelines.condition(p, ManualChangePolicy.CONDITION)
        .map(c -> c.message.contains("=yes is not a plan hash")).orElse(false)), ManualChangePolicy.CONDITION)
        .orElseThrow().reason).isEqualTo("PlanStale");

    approve("stale", first);

    FinancialPipeline refused = awaitPlan("stale", p -> Pipelines.condition(p, ManualChangePolicy.CONDITION)
        .map(c -> "PlanStale".equals(c.reason) && c.message.contains("=" + first + " is stale")).orElse(false));
    assertThat(Pipelines.condition(refused, ManualChangePolicy.CONDITION).orElseThrow().message)
        .contains("stale").contains(first).contains(second);
    await().atMost(TestGround.timeout()).untilAsserted(() -> assertThat(eventsOf("stale"))
        .anySatisfy(e -> assertThat(e).startsWith("PlanStale: ").contains(first).contains(second)));
    Thread.sleep(SEVERAL_PASSES.toMillis());
    assertThat(writesSince(before)).as("AWS writes after a stale approval").isEmpty();
    assertThat(memoryOf(ready, "status-function")).isEqualTo(512);

    approve("stale", second);
    assertThat(awaitPlan("stale", PlanStatus.State.Applied).getStatus().plan.appliedHash).isEqualTo(second);
    assertThat(memoryOf(ready, "status-function")).isEqualTo(2048);
  }

  @Test
  void anAppliedApprovalDoesNotApproveTheSameChangeAgain() throws InterruptedException {
    FinancialPipeline ready = readyManualPipeline("again");
    setMemory("again", 1024);
    String applied = awaitPlan("again", PlanStatus.State.Pending).getStatus().plan.hash;
    approve("again", applied);
    awaitPlan("again", PlanStatus.State.Applied);
    String function = arnOf(ready, "status-function");

    // Drift back: the plan that corrects it has the same changes as the one applied.
    aws.lambda().updateFunctionConfiguration(u -> u.functionName(function).memorySize(512));
    Map<String, Long> before = writes();
    PlanStatus plan = awaitPlan("again", PlanStatus.State.Pending).getStatus().plan;
    assertThat(plan.changes).singleElement().satisfies(c -> {
      assertThat(c.component).isEqualTo("status-function");
      assertThat(c.fields).containsExactly("memorySize");
    });
    assertThat(plan.hash).isNotEqualTo(applied);
    assertThat(plan.appliedHash).isEqualTo(applied);
    Thread.sleep(SEVERAL_PASSES.toMillis());
    assertThat(writesSince(before)).as("writes approved by an applied approval").isEmpty();
    assertThat(memoryOf(ready, "status-function")).isEqualTo(512);
  }

  /** Seconds of IAM propagation that outlast the waits of one pass. */
  private static double longerThanAPassWaits() {
    return PropagationWait.SCHEDULE.stream().mapToLong(Duration::toMillis).sum() / 1000.0 + 3;
  }

  /** The pipeline's Events as {@code reason: message}. */
  private static java.util.List<String> eventsOf(String name) {
    return TestGround.kubernetes().v1().events().inNamespace(cluster.namespace()).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())).map(e -> e.getReason() + ": " + e.getMessage())
        .toList();
  }

  private static FinancialPipeline readyManualPipeline(String name) {
    Pipelines.create(cluster.namespace(), name, spec -> spec.changePolicy = ChangePolicy.Manual);
    approve(name, awaitPlan(name, PlanStatus.State.Pending).getStatus().plan.hash);
    return Pipelines.awaitReady(cluster.namespace(), name);
  }

  private static void setMemory(String name, int memoryMb) {
    Pipelines.resource(cluster.namespace(), name).edit(p -> {
      p.getSpec().functions = p.getSpec().functionsOrDefault();
      p.getSpec().functions.memoryMb = memoryMb;
      return p;
    });
  }

  private static void approve(String name, String hash) {
    Pipelines.resource(cluster.namespace(), name).edit(p -> {
      Map<String, String> annotations = new TreeMap<>(Optional.ofNullable(p.getMetadata().getAnnotations())
          .orElse(Map.of()));
      annotations.put(PlanApproval.ANNOTATION, hash);
      p.getMetadata().setAnnotations(annotations);
      return p;
    });
  }

  private static FinancialPipeline awaitPlan(String name, PlanStatus.State state) {
    return awaitPlan(name, p -> p.getStatus().plan.state == state);
  }

  private static FinancialPipeline awaitPlan(String name, Predicate<FinancialPipeline> check) {
    return Pipelines.awaitStatus(cluster.namespace(), name, p -> p.getStatus().plan != null
        && p.getStatus().plan.state != null && check.test(p));
  }

  private static String arnOf(FinancialPipeline fp, String component) {
    return fp.getStatus().resources.stream().filter(r -> r.component.equals(component)).findFirst()
        .orElseThrow().arn;
  }

  private static int memoryOf(FinancialPipeline fp, String component) {
    return aws.lambda().getFunction(f -> f.functionName(arnOf(fp, component))).configuration().memorySize();
  }

  /** The operator's mutating AWS calls so far, by service and operation. */
  private static Map<String, Long> writes() {
    return cluster.operator().runtime().awsCalls().mutating();
  }

  private static Map<String, Long> writesSince(Map<String, Long> before) {
    Map<String, Long> since = new TreeMap<>();
    writes().forEach((call, count) -> {
      long added = count - before.getOrDefault(call, 0L);
      if (added > 0) {
        since.put(call, added);
      }
    });
    return since;
  }
}
