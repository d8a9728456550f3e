package dev.finpipe.operator.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.reconciler.ComponentResult;
import dev.finpipe.operator.reconciler.PipelineContext;
import dev.finpipe.operator.reconciler.PipelineConverger;
import dev.finpipe.operator.testing.AwsBehaviour;
import dev.finpipe.operator.testing.AwsInventory;
import dev.finpipe.operator.testing.Moto;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline of PipelineConvergerTest through the AWS behaviour layer, at its default timings: the
 * passes the reconciler would run (one after another, as requeues) reach Ready without any component ever
 * Failed, although IAM propagation, Lambda's Pending and InProgress states and S3's destination validation
 * refuse or delay calls on the way; deletion then leaves nothing behind.
 */
class PipelineOnAwsBehaviourTest {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static AwsClients aws;
  private static PipelineConverger converger;

  @BeforeAll
  static void start() {
    AwsBehaviour.reset();
    AwsBehaviour.useAwsLikeTimings();
    aws = AwsBehaviour.clients();
    converger = new PipelineConverger(8);
  }

  @AfterAll
  static void stop() {
    converger.close();
    AwsBehaviour.reset();
  }

  @Test
  void thePipelineBecomesReadyAndIsDeletedWithoutEverFailing() {
    FinancialPipeline fp = new FinancialPipeline();
    fp.setMetadata(new ObjectMetaBuilder().withNamespace("behaviour-" + UUID.randomUUID().toString().substring(0, 6))
        .withName("ledger").withUid(UUID.randomUUID().toString()).withGeneration(1L).build());
    fp.setSpec(new FinancialPipelineSpec());
    fp.getSpec().region = Moto.region();
    fp.getSpec().deletionPolicy = DeletionPolicy.Delete;
    PipelineContext ctx = PipelineContext.of(fp, aws, Moto.ACCOUNT_ID);
    Map<String, Long> before = AwsBehaviour.stats();
    List<String> waits = new ArrayList<>();

    long deadline = System.nanoTime() + PATIENCE.toNanos();
    int passes = 0;
    while (true) {
      passes++;
      List<ComponentResult> results = converger.converge(ctx).results();
      assertThat(results).as("pass %d", passes).noneSatisfy(r ->
          assertThat(r.state()).as(r.component() + ": " + r.message()).isEqualTo(ComponentResult.State.Failed));
      results.stream().filter(r -> !r.ready()).forEach(r -> waits.add(r.component() + " " + r.reason()));
      if (results.stream().allMatch(ComponentResult::ready)) {
        break;
      }
      assertThat(System.nanoTime()).as("not Ready after %s: %s", PATIENCE, waits).isLessThan(deadline);
    }
    Map<String, Long> injected = new TreeMap<>();
    AwsBehaviour.stats().forEach((rule, n) -> injected.put(rule, n - before.getOrDefault(rule, 0L)));
    System.out.printf("Ready after %d passes; injected %s; on the way: %s%n", passes, injected, waits);
    assertThat(injected.get(AwsBehaviour.IAM_PROPAGATION)).as("IAM propagation refusals").isPositive();
    assertThat(injected.get(AwsBehaviour.LAMBDA_PENDING)).as("Pending functions seen by the waiter").isPositive();
    assertThat(passes).isGreaterThan(1);

    deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      List<ComponentResult> deleted = converger.delete(ctx);
      assertThat(deleted).noneSatisfy(r ->
          assertThat(r.state()).as(r.component() + ": " + r.message()).isEqualTo(ComponentResult.State.Failed));
      if (deleted.stream().allMatch(r -> r.state() == ComponentResult.State.Deleted)) {
        break;
      }
      assertThat(System.nanoTime()).as("not deleted after %s: %s", PATIENCE, deleted).isLessThan(deadline);
    }
    assertThat(AwsInventory.ownedBy(aws, fp.getMetadata().getUid())).isEmpty();
  }
}
