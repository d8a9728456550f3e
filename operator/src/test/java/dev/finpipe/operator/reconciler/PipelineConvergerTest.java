package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.PlannedChange;
import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.testing.AwsInventory;
import dev.finpipe.operator.testing.DetachedPipelines;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.Requeue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline against the AWS emulator, without Kubernetes: it converges, a converged pipeline costs
 * no mutating call, a spec change costs only the calls it needs, and deletion leaves nothing behind. Under a
 * {@link PlanGate}: a plan-only pass writes nothing and plans every component, an approved pass applies only the
 * approved changes.
 */
class PipelineConvergerTest {
  /**
   * One pipeline's steady-state resync: every resource read once, tags shared across a function's managers, the
   * alarms and log groups listed once, the bucket's existence read once, no queue URL asked for, the tags of the
   * alarms, log groups, queues and bucket listed with one GetResources.
   */
  private static final long STEADY_STATE_READS = 45;
  private static final AwsCallRecorder CALLS = new AwsCallRecorder(new SimpleMeterRegistry());
  private static AwsClients aws;
  private static PipelineConverger converger;

  @BeforeAll
  static void start() {
    aws = Moto.clients(CALLS);
    converger = new PipelineConverger(8);
  }

  @AfterAll
  static void stop() {
    converger.close();
  }

  private static FinancialPipeline pipeline(String namespace) {
    return DetachedPipelines.ledger(namespace);
  }

  private static PipelineConverger.Outcome converge(FinancialPipeline fp) {
    return Requeue.converge(converger, () -> PipelineContext.of(fp, aws, Moto.ACCOUNT_ID));
  }

  @Test
  void convergedPipelineCostsNoMutatingCall() {
    FinancialPipeline fp = pipeline("steady-" + UUID.randomUUID().toString().substring(0, 6));
    PipelineConverger.Outcome first = converge(fp);
    assertThat(first.results()).allSatisfy(r -> assertThat(r.ready()).as(r.component() + ": " + r.message()).isTrue());
    assertThat(first.results()).hasSize(PipelineConverger.COMPONENTS);
    assertThat(first.apiUrl()).hasValueSatisfying(url ->
        assertThat(url).matches("https://[a-z0-9]+\\.execute-api\\." + Moto.region() + "\\.amazonaws\\.com/prod"));

    CALLS.reset();
    PipelineConverger.Outcome second = converge(fp);
    assertThat(second.results()).allSatisfy(r -> assertThat(r.convergence()).as(r.component())
        .hasValueSatisfying(c -> assertThat(c.action()).isEqualTo(Convergence.Action.UNCHANGED)));
    assertThat(CALLS.mutating()).as("mutating calls of a steady-state reconcile").isEmpty();
    assertThat(CALLS.snapshot()).as("function tags come with GetFunction and serve every manager of the pass")
        .doesNotContainKey("Lambda:ListTags").containsEntry("Lambda:GetFunction", 4L);
    long reads = CALLS.snapshot().values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("steady-state reconcile: %d read calls: %s%n", reads, CALLS.snapshot());
    assertThat(CALLS.snapshot()).as("reads the rows of a pass share, made once per pass")
        .containsEntry("CloudWatch:DescribeAlarms", 1L).containsEntry("CloudWatchLogs:DescribeLogGroups", 1L)
        .containsEntry("S3:HeadBucket", 1L)
        .as("queue URLs derived, not asked").doesNotContainKey("Sqs:GetQueueUrl")
        .as("tags of alarms, log groups, queues and bucket listed in one call")
        .containsEntry("ResourceGroupsTaggingApi:GetResources", 1L)
        .doesNotContainKeys("CloudWatch:ListTagsForResource", "CloudWatchLogs:ListTagsForResource",
            "Sqs:ListQueueTags", "S3:GetBucketTagging");
    assertThat(reads).as("read calls of a steady-state reconcile (69 before the reads shared by a pass)")
        .isLessThanOrEqualTo(STEADY_STATE_READS);
  }

  @Test
  void specChangeConvergesWithOnlyTheCallsItNeeds() {
    FinancialPipeline fp = pipeline("change-" + UUID.randomUUID().toString().substring(0, 6));
    converge(fp);
    fp.getSpec().functions = new dev.finpipe.operator.api.FunctionsSpec();
    fp.getSpec().functions.memoryMb = 1024;
    fp.getSpec().alarms = new dev.finpipe.operator.api.AlarmsSpec();
    fp.getSpec().alarms.errorRateThresholdPercent = 5;
    fp.getSpec().api = new dev.finpipe.operator.api.ApiSpec();
    fp.getSpec().api.throttling = new dev.finpipe.operator.api.ThrottlingSpec();
    fp.getSpec().api.throttling.burstLimit = 200;
    fp.getSpec().queues = new dev.finpipe.operator.api.QueuesSpec();
    fp.getSpec().queues.messageRetentionSeconds = 86400;

    CALLS.reset();
    PipelineConverger.Outcome changed = converge(fp);

    assertThat(changed.results()).allSatisfy(r -> assertThat(r.ready()).isTrue());
    Map<String, Long> mutating = CALLS.mutating();
    System.out.println("spec change: mutating calls " + mutating);
    assertThat(mutating).containsOnlyKeys("Lambda:UpdateFunctionConfiguration", "CloudWatch:PutMetricAlarm",
        "ApiGateway:UpdateStage", "Sqs:SetQueueAttributes");
    assertThat(mutating).containsEntry("Lambda:UpdateFunctionConfiguration", 3L) // not the processor: own memory
        .containsEntry("CloudWatch:PutMetricAlarm", 4L)
        .containsEntry("ApiGateway:UpdateStage", 1L)
        .containsEntry("Sqs:SetQueueAttributes", 4L);
  }

  @Test
  void deletionWithDeletePolicyLeavesNoTaggedResource() {
    FinancialPipeline fp = pipeline("gone-" + UUID.randomUUID().toString().substring(0, 6));
    converge(fp);
    assertThat(AwsInventory.ownedBy(aws, fp.getMetadata().getUid())).hasSizeGreaterThanOrEqualTo(18);

    List<ComponentResult> deleted = converger.delete(PipelineContext.of(fp, aws, Moto.ACCOUNT_ID));

    assertThat(deleted).allSatisfy(r -> assertThat(r.state()).as(r.component() + ": " + r.message())
        .isEqualTo(ComponentResult.State.Deleted));
    assertThat(AwsInventory.ownedBy(aws, fp.getMetadata().getUid())).isEmpty();
  }

  @Test
  void deletionWithRetainPolicyKeepsOnlyTheBucket() {
    FinancialPipeline fp = pipeline("keep-" + UUID.randomUUID().toString().substring(0, 6));
    fp.getSpec().deletionPolicy = DeletionPolicy.Retain;
    converge(fp);

    converger.delete(PipelineContext.of(fp, aws, Moto.ACCOUNT_ID));

    assertThat(AwsInventory.ownedBy(aws, fp.getMetadata().getUid()))
        .containsExactly("s3:" + PipelineContext.of(fp, aws, Moto.ACCOUNT_ID).identity().bucketName());
  }

  @Test
  void retainKeepsADeadLetterQueueThatHoldsFailedEvents() {
    FinancialPipeline fp = pipeline("dlq-" + UUID.randomUUID().toString().substring(0, 6));
    fp.getSpec().deletionPolicy = DeletionPolicy.Retain;
    PipelineContext ctx = PipelineContext.of(fp, aws, Moto.ACCOUNT_ID);
    converge(fp);
    String queue = ctx.identity().names().deadLetterQueue(dev.finpipe.operator.policy.PipelineFunction.PROCESSOR);
    String url = aws.sqs().getQueueUrl(q -> q.queueName(queue)).queueUrl();
    aws.sqs().sendMessage(m -> m.queueUrl(url).messageBody("{\"failed\":\"event\"}"));

    converger.delete(ctx);

    assertThat(AwsInventory.ownedBy(aws, fp.getMetadata().getUid()))
        .containsExactlyInAnyOrder("s3:" + ctx.identity().bucketName(), "sqs:" + url);
  }

  @Test
  void aRecreatedPipelineAdoptsWhatItsPredecessorRetainedOnlyWhenAnnotated() {
    FinancialPipeline first = pipeline("again-" + UUID.randomUUID().toString().substring(0, 6));
    first.getSpec().deletionPolicy = DeletionPolicy.Retain;
    converge(first);
    converger.delete(PipelineContext.of(first, aws, Moto.ACCOUNT_ID));

    FinancialPipeline second = pipeline(first.getMetadata().getNamespace());
    PipelineConverger.Outcome refused = converge(second);
    assertThat(refused.results().get(0)).satisfies(bucket -> {
      assertThat(bucket.reason()).isEqualTo("ForeignResource");
      assertThat(bucket.message()).contains(dev.finpipe.operator.support.Ownership.ADOPT_RETAINED_ANNOTATION);
    });

    second.getMetadata().setAnnotations(Map.of(dev.finpipe.operator.support.Ownership.ADOPT_RETAINED_ANNOTATION,
        "true"));
    assertThat(converge(second).results().get(0).reason()).as("the old form names no predecessor")
        .isEqualTo("ForeignResource");

    second.getMetadata().setAnnotations(Map.of(dev.finpipe.operator.support.Ownership.ADOPT_RETAINED_ANNOTATION,
        first.getMetadata().getUid()));
    assertThat(converge(second).results()).allSatisfy(r -> assertThat(r.ready()).as(r.component()).isTrue());
    assertThat(AwsInventory.ownedBy(aws, second.getMetadata().getUid())).contains("s3:"
        + PipelineContext.of(second, aws, Moto.ACCOUNT_ID).identity().bucketName());
    assertThat(AwsInventory.ownedBy(aws, first.getMetadata().getUid())).isEmpty();
  }

  private static PipelineContext context(FinancialPipeline fp) {
    return PipelineContext.of(fp, aws, Moto.ACCOUNT_ID);
  }

  @Test
  void aPlanOfAFreshPipelineCreatesEveryComponentAndWritesNothing() {
    FinancialPipeline fp = Pipelines.inMemory("plan-fresh");
    CALLS.reset();
    PlanGate gate = PlanGate.planOnly();

    PipelineConverger.Outcome planned = converger.converge(context(fp), gate);

    assertThat(CALLS.mutating()).as("AWS writes of a plan").isEmpty();
    assertThat(planned.results()).hasSize(PipelineConverger.COMPONENTS).noneMatch(ComponentResult::blocking);
    assertThat(gate.held()).hasSize(PipelineConverger.COMPONENTS)
        .allSatisfy(i -> assertThat(i.action()).isEqualTo(PlannedChange.Action.Create));
    assertThat(gate.held()).extracting(ChangePlan.Item::component)
        .containsExactlyInAnyOrderElementsOf(ComponentTable.ROWS.stream().map(Component::id).toList());
  }

  @Test
  void anApprovedPassAppliesOnlyTheApprovedChanges() {
    FinancialPipeline fp = Pipelines.inMemory("plan-approved");
    Requeue.converge(converger, () -> context(fp));
    fp.getSpec().alarms = fp.getSpec().alarmsOrDefault();
    fp.getSpec().alarms.enabled = false; // four alarms to delete
    PlanGate planOnly = PlanGate.planOnly();
    CALLS.reset();
    converger.converge(context(fp), planOnly);
    long planReads = CALLS.snapshot().values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("plan of a Ready pipeline with 4 deletions: %d read calls, %s writes%n", planReads,
        CALLS.mutating());
    assertThat(CALLS.mutating()).isEmpty();
    List<ChangePlan.Item> deletions = planOnly.held();
    assertThat(deletions).hasSize(4).allSatisfy(i -> {
      assertThat(i.action()).isEqualTo(PlannedChange.Action.Delete);
      assertThat(i.component()).endsWith("-alarm");
    });

    PlanGate approved = PlanGate.approved(List.of(deletions.get(0).toStatus()));
    CALLS.reset();
    PipelineConverger.Outcome applied = converger.converge(context(fp), approved);

    assertThat(CALLS.mutating()).containsExactlyEntriesOf(Map.of("CloudWatch:DeleteAlarms", 1L));
    assertThat(approved.held()).hasSize(3).noneMatch(i -> i.component().equals(deletions.get(0).component()));
    assertThat(applied.results()).filteredOn(r -> r.component().equals(deletions.get(0).component()))
        .singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(ComponentResult.State.Deleted));
  }
}
