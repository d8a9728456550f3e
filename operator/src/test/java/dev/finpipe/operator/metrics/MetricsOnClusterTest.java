package dev.finpipe.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.MetricsServer;
import dev.finpipe.operator.OperatorOptions;
import dev.finpipe.operator.OperatorRuntime;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.reconciler.ReconcileTriggers;
import dev.finpipe.operator.reliability.FaultProxy;
import dev.finpipe.operator.testing.InProcessOperator;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.PipelineAnnotations;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * Scrapes the operator's real /metrics endpoint after a pipeline reached Ready, had a field drift corrected and
 * met AWS throttling (injected by {@link FaultProxy}: the emulator never throttles), and checks that every
 * metric family docs/METRICS.md documents is there with the labels it documents.
 */
class MetricsOnClusterTest {
  /** Longer than TestGround.timeout(): one operator process does the whole first provisioning here. */
  private static final Duration WAIT = Duration.ofMinutes(5);
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("metrics");
  private static FaultProxy aws;
  private static OperatorRuntime runtime;
  private static MetricsServer http;
  private static PrometheusMeterRegistry registry;

  @BeforeAll
  static void startOperator() throws IOException {
    aws = new FaultProxy(Moto.endpoint(), 0, 0, 7L);
    OperatorOptions options = new OperatorOptions();
    new CommandLine(options).parseArgs("--namespaces=" + cluster.namespace(), "--resync-period=PT10M",
        "--aws-endpoint=" + aws.endpoint(), "--http-port=0",
        "--aws-rate-limits=" + InProcessOperator.EMULATOR_RATE_LIMITS);
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmAndProcessMetrics.bindTo(registry);
    runtime = new OperatorRuntime(options, TestGround.kubernetes(), registry);
    http = new MetricsServer("127.0.0.1", 0, registry);
    runtime.start();
  }

  @AfterAll
  static void stopOperator() {
    http.close();
    runtime.close();
    aws.close();
  }

  @Test
  void everyDocumentedMetricFamilyIsExposedWithItsLabels() throws Exception {
    Pipelines.create(cluster.namespace(), "scraped", spec -> { });
    FinancialPipeline ready = await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
        .until(() -> Pipelines.get(cluster.namespace(), "scraped"), fp -> Pipelines.condition(fp,
            dev.finpipe.operator.api.PipelineCondition.READY).map(c -> c.isTrue()).orElse(false));
    String function = ready.getStatus().resources.stream().filter(r -> r.component.equals("status-function"))
        .findFirst().orElseThrow().arn;
    Moto.clients().lambda().updateFunctionConfiguration(u -> u.functionName(function).memorySize(2048));
    requestPass();
    await().atMost(WAIT).until(() -> scrape().contains("finpipe_drift_corrections_total{"));

    aws.setFaultShare(1.0);
    requestPass();
    await().atMost(WAIT).until(() -> scrape().contains("error_type=\"Throttling\""));
    aws.setFaultShare(0);
    System.gc(); // the GC pause metric appears with the first collection

    String scraped = scrape();
    List<MetricsDoc.Family> documented = MetricsDoc.families(TestGround.repoRoot().resolve("docs/METRICS.md"));
    assertThat(documented).as("families documented in docs/METRICS.md").hasSizeGreaterThan(15);
    for (MetricsDoc.Family family : documented) {
      List<String> samples = MetricsDoc.samples(scraped, family.name());
      assertThat(samples).as("samples of %s in:%n%s", family.name(), scraped).isNotEmpty();
      for (String label : family.labels()) {
        assertThat(samples).as("label %s of %s", label, family.name())
            .anySatisfy(s -> assertThat(s).contains(label + "=\""));
      }
    }
    assertThat(MetricsDoc.samples(scraped, "finpipe_pipeline_ready"))
        .anySatisfy(s -> assertThat(s).contains("name=\"scraped\"").endsWith(" 1.0"));
    assertThat(MetricsDoc.samples(scraped, "finpipe_drift_corrections_total"))
        .anySatisfy(s -> assertThat(s).contains("kind=\"Lambda function\"").contains("field=\"memorySize\""));
  }

  private static void requestPass() {
    PipelineAnnotations.annotate(cluster.namespace(), "scraped", ReconcileTriggers.RECONCILE_REQUESTED_AT,
        Instant.now().toString());
  }

  private static String scrape() throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + http.address().getPort() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
