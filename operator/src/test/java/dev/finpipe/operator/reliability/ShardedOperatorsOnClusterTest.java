package dev.finpipe.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.metrics.PipelineMetrics;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two operator processes sharing one namespace's pipelines by label, as the chart's {@code shards: 2} runs them:
 * shard 0 with {@code finpipe.dev/shard notin (1)} (so also the pipelines without the label), shard 1 with
 * {@code finpipe.dev/shard in (1)}, each electing its leader on its own Lease. Each converges its own pipelines
 * and never reconciles the other's (an operator's /metrics carries a gauge per pipeline it reconciled); a pipeline
 * relabelled to the other shard is taken over by it.
 */
class ShardedOperatorsOnClusterTest {
  private static final String SHARD_LABEL = "finpipe.dev/shard";
  private static final Pattern READY_GAUGE = Pattern.compile(
      "^" + PipelineMetrics.READY + "\\{[^}]*name=\"([^\"]+)\"", Pattern.MULTILINE);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("shards");
  private OperatorProcess shard0;
  private OperatorProcess shard1;

  @AfterEach
  void stop() throws InterruptedException {
    if (shard0 != null) {
      shard0.close();
    }
    if (shard1 != null) {
      shard1.close();
    }
  }

  @Test
  void twoOperatorsWithDisjointSelectorsEachConvergeOnlyTheirOwnPipelines() throws Exception {
    shard0 = start("shard-0", "finpipe.dev/shard notin (1)");
    shard1 = start("shard-1", "finpipe.dev/shard in (1)");
    int port0 = shard0.port(Duration.ofSeconds(60));
    int port1 = shard1.port(Duration.ofSeconds(60));
    await().atMost(Duration.ofSeconds(60)).until(() -> holder("shard-0") != null && holder("shard-1") != null);
    assertThat(holder("shard-0")).isEqualTo("operator-shard-0");
    assertThat(holder("shard-1")).isEqualTo("operator-shard-1");

    create("unlabelled", null);
    create("labelled-0", "0");
    create("labelled-1", "1");
    for (String name : List.of("unlabelled", "labelled-0", "labelled-1")) {
      Pipelines.awaitReady(cluster.namespace(), name);
    }

    assertThat(reconciled(port0)).isEqualTo(Set.of("unlabelled", "labelled-0"));
    assertThat(reconciled(port1)).isEqualTo(Set.of("labelled-1"));
    assertThat(shard1.log()).doesNotContain("unlabelled", "labelled-0");
    assertThat(shard0.log()).doesNotContain("labelled-1");

    // Moving a pipeline to another shard is a label change: the new shard takes it over.
    Pipelines.resource(cluster.namespace(), "labelled-0").edit(fp -> {
      fp.getMetadata().getLabels().put(SHARD_LABEL, "1");
      return fp;
    });
    await().atMost(Duration.ofSeconds(60)).until(() -> reconciled(port1).contains("labelled-0"));

    for (String name : List.of("unlabelled", "labelled-0", "labelled-1")) {
      Pipelines.resource(cluster.namespace(), name).delete();
    }
    for (String name : List.of("unlabelled", "labelled-0", "labelled-1")) {
      Pipelines.awaitGone(cluster.namespace(), name);
    }
  }

  private static OperatorProcess start(String shard, String selector) throws IOException {
    return OperatorProcess.start(cluster.namespace(), "operator-" + shard, "--leader-election",
        "--leader-election-namespace=" + cluster.namespace(), "--selector=" + selector,
        "--leader-election-lease-name=financial-pipeline-operator-" + shard);
  }

  /** Created with its label, so that no operator sees it before it is labelled. */
  private static void create(String name, String shard) {
    FinancialPipeline fp = new FinancialPipeline();
    var meta = new ObjectMetaBuilder().withNamespace(cluster.namespace()).withName(name);
    if (shard != null) {
      meta.withLabels(Map.of(SHARD_LABEL, shard));
    }
    fp.setMetadata(meta.build());
    fp.setSpec(new FinancialPipelineSpec());
    fp.getSpec().region = Moto.region();
    fp.getSpec().deletionPolicy = DeletionPolicy.Delete;
    TestGround.kubernetes().resource(fp).create();
  }

  /** The pipelines this operator process reconciled: its per-pipeline Ready gauges. */
  private static Set<String> reconciled(int metricsPort) throws IOException, InterruptedException {
    String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = READY_GAUGE.matcher(metrics);
    return m.results().map(r -> r.group(1)).collect(Collectors.toSet());
  }

  private static String holder(String shard) {
    Lease lease = TestGround.kubernetes().leases().inNamespace(cluster.namespace())
        .withName("financial-pipeline-operator-" + shard).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }
}
