package dev.finpipe.operator.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.reconciler.ComponentResult;
import dev.finpipe.operator.reconciler.PipelineContext;
import dev.finpipe.operator.reconciler.PipelineConverger;
import dev.finpipe.operator.testing.AwsBehaviour;
import dev.finpipe.operator.testing.AwsInventory;
import dev.finpipe.operator.testing.DetachedPipelines;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.Requeue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * At AWS-like timings (a new role usable by Lambda 2 s after it was created, a new function Pending for 1 s, an
 * invoke permission validated by S3 after 1 s) a new pipeline is Ready after ONE converge pass: the refusals of
 * AWS's eventual consistency are waited out inside the pass, not by ending it and reading everything again in
 * the next.
 */
class PropagationInPassTest {
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
  void aNewPipelineIsReadyAfterOnePassThoughIamAndS3RefuseOnTheWay() {
    FinancialPipeline fp = DetachedPipelines.inNewNamespace("propagation");
    PipelineContext ctx = PipelineContext.of(fp, aws, Moto.ACCOUNT_ID);
    Map<String, Long> before = AwsBehaviour.stats();

    List<ComponentResult> results = converger.converge(ctx).results();

    assertThat(AwsBehaviour.injectedSince(before, AwsBehaviour.IAM_PROPAGATION))
        .as("CreateFunction refused while the new roles propagate").isPositive();
    assertThat(results).as("after one pass").allSatisfy(r ->
        assertThat(r.ready()).as(r.component() + ": " + r.reason() + " " + r.message()).isTrue());

    Requeue.deleteUntilGone(converger, ctx, PATIENCE);
    assertThat(AwsInventory.ownedBy(aws, fp.getMetadata().getUid())).isEmpty();
  }
}
