package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What `kubectl get` shows of FinancialPipelines on the real API server with the committed CRD: the columns
 * Ready, Phase, Age (and with -o wide the API URL and the failing component), the short name and the
 * categories. The status is written here the way the operator writes it, so no operator is needed.
 */
class KubectlColumnsE2eTest {
  private static final ResourceDefinitionContext FP = new ResourceDefinitionContext.Builder()
      .withGroup("finpipe.dev").withVersion("v1alpha1").withPlural("financialpipelines").withKind("FinancialPipeline")
      .withNamespaced(true).build();
  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static String namespace;

  @BeforeAll
  static void pipelineWithStatus() {
    Commands.run(List.of(E2eEnvironment.kubectl(), "apply", "--server-side", "--force-conflicts", "-f",
        E2eEnvironment.repoRoot().resolve("crds/financialpipelines.finpipe.dev-v1.yml").toString()), TIMEOUT).orFail();
    Commands.run(List.of(E2eEnvironment.kubectl(), "wait", "--for=condition=Established", "--timeout=60s",
        "crd/financialpipelines.finpipe.dev"), TIMEOUT).orFail();
    namespace = Cluster.createNamespace("fpe2e-kubectl");
    var pipelines = Cluster.admin().genericKubernetesResources(FP).inNamespace(namespace);
    GenericKubernetesResource fp = new GenericKubernetesResource();
    fp.setApiVersion("finpipe.dev/v1alpha1");
    fp.setKind("FinancialPipeline");
    fp.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("payments")
        .withNamespace(namespace).build());
    fp.setAdditionalProperty("spec", Map.of("region", "us-east-1"));
    pipelines.resource(fp).create();
    GenericKubernetesResource withStatus = pipelines.withName("payments").get();
    withStatus.setAdditionalProperty("status", Map.of("observedGeneration", 1, "phase", "Degraded",
        "apiEndpointUrl", "https://abc123.execute-api.us-east-1.amazonaws.com/prod",
        "failingComponent", "processor-function",
        "conditions", List.of(Map.of("type", "Ready", "status", "False", "reason", "AccessDenied",
            "message", "processor-function: not authorized", "lastTransitionTime", "2026-01-01T00:00:00Z"))));
    pipelines.resource(withStatus).updateStatus();
  }

  @AfterAll
  static void cleanUp() {
    Cluster.deleteNamespace(namespace);
  }

  @Test
  void getShowsReadyPhaseAgeInThatOrder() {
    List<String> lines = kubectl("get", "fp");
    assertThat(columns(lines.get(0))).containsExactly("NAME", "READY", "PHASE", "AGE");
    assertThat(columns(lines.get(1))).startsWith("payments", "False", "Degraded");
  }

  @Test
  void wideAddsTheApiUrlAndTheFailingComponent() {
    List<String> lines = kubectl("get", "fp", "-o", "wide");
    assertThat(columns(lines.get(0))).containsExactly("NAME", "READY", "PHASE", "AGE", "API URL", "FAILING");
    assertThat(lines.get(1)).contains("https://abc123.execute-api.us-east-1.amazonaws.com/prod")
        .endsWith("processor-function");
  }

  @Test
  void theCategoriesListThePipelines() {
    for (String category : List.of("finpipe", "aws")) {
      List<String> lines = kubectl("get", category);
      assertThat(columns(lines.get(0))).as("kubectl get %s", category).startsWith("NAME", "READY", "PHASE");
      assertThat(lines).as("kubectl get %s", category).anySatisfy(l -> assertThat(l).contains("payments"));
    }
  }

  private static List<String> kubectl(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(E2eEnvironment.kubectl(), "-n", namespace));
    command.addAll(List.of(args));
    return Commands.run(command, TIMEOUT).orFail().output().lines().filter(l -> !l.isBlank()).toList();
  }

  /** Columns of kubectl's table: separated by two or more spaces (a header such as "API URL" has one). */
  private static List<String> columns(String line) {
    return List.of(line.trim().split("\\s{2,}"));
  }
}
