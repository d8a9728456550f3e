package dev.finpipe.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.reconciler.ReconcileTriggers;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.PipelineAnnotations;
import dev.finpipe.operator.testing.Pipelines;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a resync far away (10 minutes), drift made out of band is corrected within seconds once the user asks
 * for a pass with the reconcile-now annotation, or when the pipeline sets its own short resync period.
 */
class ReconcileNowOnClusterTest {
  private static final Duration WITHIN_SECONDS = Duration.ofSeconds(20);
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("reconcile-now").withOperator("PT10M");

  @Test
  void theReconcileNowAnnotationStartsAPassAtOnce() {
    String function = readyFunction("now");
    AwsClients aws = Moto.clients();
    aws.lambda().updateFunctionConfiguration(u -> u.functionName(function).memorySize(2048));
    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
        .until(() -> memory(function) == 2048); // nothing starts a pass on its own

    annotate("now", ReconcileTriggers.RECONCILE_REQUESTED_AT, Instant.now().toString());

    await().atMost(WITHIN_SECONDS).pollInterval(Duration.ofMillis(500)).until(() -> memory(function) != 2048);
  }

  @Test
  void aPipelineWithItsOwnResyncPeriodIsResyncedOnIt() {
    String function = readyFunction("own-resync");
    annotate("own-resync", ReconcileTriggers.RESYNC_PERIOD, "PT10S");
    // The annotation change itself starts a pass, which schedules the next one in 10 s.
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
    Moto.clients().lambda().updateFunctionConfiguration(u -> u.functionName(function).memorySize(2048));

    await().atMost(Duration.ofSeconds(10).plus(WITHIN_SECONDS)).pollInterval(Duration.ofMillis(500))
        .until(() -> memory(function) != 2048);
  }

  private static String readyFunction(String name) {
    Pipelines.create(cluster.namespace(), name, spec -> { });
    FinancialPipeline ready = Pipelines.awaitReady(cluster.namespace(), name);
    String function = ready.getStatus().resources.stream().filter(r -> r.component.equals("status-function"))
        .findFirst().orElseThrow().arn;
    assertThat(memory(function)).isNotEqualTo(2048);
    return function;
  }

  private static void annotate(String name, String key, String value) {
    PipelineAnnotations.annotate(cluster.namespace(), name, key, value);
  }

  private static int memory(String function) {
    return Moto.clients().lambda().getFunction(f -> f.functionName(function)).configuration().memorySize();
  }
}
