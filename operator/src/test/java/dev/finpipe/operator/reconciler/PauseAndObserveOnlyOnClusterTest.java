package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.Phase;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.testing.AwsInventory;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** spec.paused stops every AWS call; spec.observeOnly reports drift without correcting it. */
class PauseAndObserveOnlyOnClusterTest {
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("switches").withOperator("PT2S");
  private static AwsClients aws;

  @BeforeAll
  static void start() {
    aws = Moto.clients();
  }

  @Test
  void aPausedPipelineMakesNoAwsCall() throws InterruptedException {
    var fp = Pipelines.create(cluster.namespace(), "paused", spec -> spec.paused = true);
    Pipelines.awaitStatus(cluster.namespace(), "paused", p -> p.getStatus().phase == Phase.Paused);
    Thread.sleep(Duration.ofSeconds(5).toMillis()); // two resync periods
    assertThat(AwsInventory.ownedBy(aws, fp.getMetadata().getUid())).isEmpty();

    Pipelines.resource(cluster.namespace(), "paused").edit(p -> {
      p.getSpec().paused = false;
      return p;
    });
    Pipelines.awaitReady(cluster.namespace(), "paused");
    assertThat(AwsInventory.ownedBy(aws, fp.getMetadata().getUid())).isNotEmpty();
  }

  @Test
  void observeOnlyReportsDriftWithoutCorrectingIt() {
    Pipelines.create(cluster.namespace(), "watched", spec -> { });
    FinancialPipeline ready = Pipelines.awaitReady(cluster.namespace(), "watched");
    String function = ready.getStatus().resources.stream().filter(r -> r.component.equals("status-function"))
        .findFirst().orElseThrow().arn;
    Pipelines.resource(cluster.namespace(), "watched").edit(p -> {
      p.getSpec().observeOnly = true;
      return p;
    });
    Pipelines.awaitStatus(cluster.namespace(), "watched", p -> p.getSpec().observeOnly);

    aws.lambda().updateFunctionConfiguration(u -> u.functionName(function).memorySize(2048));

    FinancialPipeline drifted = Pipelines.awaitStatus(cluster.namespace(), "watched",
        p -> p.getStatus().resources.stream()
            .anyMatch(r -> r.component.equals("status-function") && "Drifted".equals(r.state)));
    assertThat(drifted.getStatus().resources.stream().filter(r -> r.component.equals("status-function")).findFirst()
        .orElseThrow().message).contains("memorySize").contains("not corrected");
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() ->
        aws.lambda().getFunction(f -> f.functionName(function)).configuration().memorySize() == 2048);
  }
}
