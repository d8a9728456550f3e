package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's observability and user-facing parts: it renders with a plain `helm template`, its PrometheusRule
 * passes `promtool check rules`, its Grafana dashboard parses and names only metrics docs/METRICS.md documents
 * (which MetricsOnClusterTest checks against a real scrape), and the opt-in extras render as documented.
 */
class ChartObservabilityE2eTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final Path CHART = E2eEnvironment.chart();
  /** PromQL functions, keywords and label names that look like identifiers in an expression. */
  private static final Set<String> NOT_METRICS = Set.of("sum", "max", "min", "count", "rate", "increase", "by",
      "on", "unless", "and", "or", "absent", "histogram_quantile", "up", "le", "service", "operation", "outcome",
      "error_type", "error_code", "kind", "field", "namespace", "name", "area", "pod", "job", "without");

  @Test
  void helmTemplateRendersWithoutAnyFlag() {
    CommandResult plain = Commands.run(List.of(E2eEnvironment.helm(), "template", "fpo", CHART.toString()), TIMEOUT);
    assertThat(plain.exitCode()).as(plain.output()).isZero();
    assertThat(plain.output()).contains("kind: Deployment");
  }

  @Test
  void prometheusRulePassesPromtool() throws Exception {
    GenericKubernetesResource rule = objects(render(Map.of("prometheusRule.enabled", "true")))
        .filter(o -> o.getKind().equals("PrometheusRule")).map(GenericKubernetesResource.class::cast)
        .findFirst().orElseThrow();
    Path rules = E2eEnvironment.outputDir().resolve("prometheus-rules.yaml");
    Files.writeString(rules, Cluster.admin().getKubernetesSerialization()
        .asYaml(rule.getAdditionalProperties().get("spec")));
    CommandResult check = Commands.run(List.of(promtool().toString(), "check", "rules", rules.toString()), TIMEOUT);
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 4 rules found");
    assertThat(metricsIn(Files.readString(rules))).as("metrics the alerts use").isSubsetOf(documentedMetrics());
  }

  @Test
  void dashboardParsesAndNamesOnlyDocumentedMetrics() throws Exception {
    ConfigMap dashboard = objects(render(Map.of("grafanaDashboard.enabled", "true")))
        .filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast).findFirst().orElseThrow();
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    JsonNode json = new ObjectMapper().readTree(dashboard.getData().get("financial-pipelines.json"));
    List<String> expressions = new ArrayList<>();
    json.get("panels").forEach(p -> p.get("targets").forEach(t -> expressions.add(t.get("expr").asText())));
    assertThat(expressions).hasSizeGreaterThan(10);
    Set<String> used = metricsIn(String.join("\n", expressions));
    assertThat(used).isNotEmpty().isSubsetOf(documentedMetrics());
  }

  @Test
  void userRolesAreAggregatedIntoViewAndEditOnlyWhenAsked() {
    assertThat(objects(render(Map.of())).filter(ClusterRole.class::isInstance)
        .map(o -> o.getMetadata().getLabels()).toList())
        .noneSatisfy(labels -> assertThat(labels).containsKey("rbac.authorization.k8s.io/aggregate-to-view"));
    List<ClusterRole> roles = objects(render(Map.of("rbac.aggregateToUserRoles", "true")))
        .filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
        .filter(r -> r.getMetadata().getLabels().keySet().stream().anyMatch(k -> k.contains("aggregate-to"))).toList();
    assertThat(roles).anySatisfy(r -> {
      assertThat(r.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true");
      assertThat(r.getRules()).allSatisfy(rule -> assertThat(rule.getVerbs()).containsOnly("get", "list", "watch"));
    });
    assertThat(roles).anySatisfy(r -> {
      assertThat(r.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true");
      assertThat(r.getRules().get(0).getResources()).containsExactly("financialpipelines");
      assertThat(r.getRules().get(0).getVerbs()).contains("create", "delete");
    });
  }

  @Test
  void leaderElectionTimingsPipelineEndpointsAndDigestReachTheDeployment() {
    Deployment deployment = objects(render(Map.of("leaderElection.leaseDuration", "PT30S",
        "leaderElection.renewDeadline", "PT20S", "leaderElection.retryPeriod", "PT4S",
        "aws.allowPipelineEndpoints", "true",
        "image.digest", "sha256:" + "a".repeat(64))))
        .filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow();
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs()).contains("--leader-election-lease-duration=PT30S",
        "--leader-election-renew-deadline=PT20S", "--leader-election-retry-period=PT4S",
        "--allow-pipeline-endpoints");
    assertThat(container.getImage()).endsWith("@sha256:" + "a".repeat(64));
    Deployment defaults = objects(render(Map.of())).filter(Deployment.class::isInstance)
        .map(Deployment.class::cast).findFirst().orElseThrow();
    assertThat(defaults.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .doesNotContain("--allow-pipeline-endpoints");
  }

  @Test
  void theLeaseRuleNamesTheOperatorsLeaseExceptForCreate() {
    Role election = objects(render(Map.of())).filter(Role.class::isInstance).map(Role.class::cast)
        .filter(r -> r.getMetadata().getName().endsWith("-leader-election")).findFirst().orElseThrow();
    assertThat(election.getRules()).allSatisfy(rule -> {
      if (!rule.getVerbs().equals(List.of("create"))) {
        assertThat(rule.getResourceNames()).containsExactly("financial-pipeline-operator");
      }
    });
  }

  @Test
  void metricsHaveAPortOfTheirOwnThatTheServiceServiceMonitorAndNetworkPolicyName() {
    List<HasMetadata> rendered = objects(render(Map.of("metrics.serviceMonitor.enabled", "true",
        "metrics.networkPolicy.enabled", "true"))).toList();
    var operator = rendered.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst()
        .orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(operator.getPorts()).extracting(p -> p.getName() + "=" + p.getContainerPort())
        .containsExactlyInAnyOrder("http=8080", "metrics=8081");
    assertThat(operator.getArgs()).contains("--http-port=8080", "--metrics-port=8081",
        "--metrics-bind-address=0.0.0.0");
    assertThat(List.of(operator.getStartupProbe(), operator.getLivenessProbe(), operator.getReadinessProbe()))
        .allSatisfy(probe -> assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http"));

    var service = rendered.stream().filter(io.fabric8.kubernetes.api.model.Service.class::isInstance)
        .map(io.fabric8.kubernetes.api.model.Service.class::cast).findFirst().orElseThrow();
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("metrics");
      assertThat(p.getTargetPort().getStrVal()).isEqualTo("metrics");
    });
    GenericKubernetesResource monitor = rendered.stream().filter(o -> o.getKind().equals("ServiceMonitor"))
        .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
    JsonNode endpoints = new ObjectMapper().valueToTree(monitor.getAdditionalProperties().get("spec"))
        .get("endpoints");
    assertThat(endpoints).singleElement().satisfies(e -> assertThat(e.get("port").asText()).isEqualTo("metrics"));
    NetworkPolicy policy = rendered.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
        .findFirst().orElseThrow();
    assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getPorts())
        .singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("metrics")));
  }

  @Test
  void theMetricsPortAndBindAddressAreValues() {
    var operator = objects(render(Map.of("metrics.port", "9100", "metrics.bindAddress", "127.0.0.1")))
        .filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow()
        .getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(operator.getArgs()).contains("--metrics-port=9100", "--metrics-bind-address=127.0.0.1");
    assertThat(operator.getPorts()).anySatisfy(p -> assertThat(p.getName() + "=" + p.getContainerPort())
        .isEqualTo("metrics=9100"));
  }

  @Test
  void networkPolicyLetsOnlyTheListedScrapersIn() {
    NetworkPolicy policy = objects(render(Map.of("metrics.networkPolicy.enabled", "true",
        "metrics.networkPolicy.allowedNamespaceLabels.kubernetes\\.io/metadata\\.name", "monitoring")))
        .filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast).findFirst().orElseThrow();
    var from = policy.getSpec().getIngress().get(0).getFrom();
    assertThat(from).singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "monitoring"));
    assertThat(objects(render(Map.of())).filter(NetworkPolicy.class::isInstance)).isEmpty();
  }

  @Test
  void everyValueIsDocumentedInTheChartReadme() throws Exception {
    String readme = Files.readString(CHART.resolve("README.md"));
    List<String> keys = ChartReadme.valueKeys(CHART.resolve("values.yaml"));
    assertThat(keys).hasSizeGreaterThan(30);
    assertThat(keys).allSatisfy(key -> assertThat(readme).contains("`" + key + "`"));
    assertThat(ChartReadme.values(CHART.resolve("values.yaml"))).allSatisfy(v ->
        assertThat(v.description()).as("comment above %s in values.yaml", v.key()).isNotBlank());
    assertThat(readme).as("README.md is generated: java ChartReadme (see its header) regenerates it")
        .isEqualTo(ChartReadme.render(CHART.resolve("values.yaml"), readme));
  }

  private static Set<String> documentedMetrics() throws Exception {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\|\\s*`([a-z_:]+)`\\s*\\|\\s*(\\w+)")
        .matcher(Files.readString(E2eEnvironment.repoRoot().resolve("docs/METRICS.md")));
    while (m.find()) {
      names.add(m.group(1));
      if (m.group(2).equals("histogram")) {
        names.addAll(List.of(m.group(1) + "_bucket", m.group(1) + "_count", m.group(1) + "_sum"));
      }
    }
    return names;
  }

  /** Identifiers in PromQL expressions that name metrics (functions, keywords and labels left out). */
  private static Set<String> metricsIn(String promql) {
    Set<String> metrics = new TreeSet<>();
    Matcher m = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\b(?!\\s*=)(?!\")").matcher(
        promql.replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\[[0-9a-z]+\\]", ""));
    while (m.find()) {
      String word = m.group(1);
      if (word.contains("_") && !NOT_METRICS.contains(word)) {
        metrics.add(word);
      }
    }
    return metrics;
  }

  private static Path promtool() throws Exception {
    Process build = new ProcessBuilder(E2eEnvironment.repoRoot().resolve("e2e/testenv/lib/build-promtool.sh")
        .toString(), "promtool").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String bin = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(build.waitFor()).as("build-promtool.sh promtool").isZero();
    return Path.of(bin, "promtool");
  }

  private static String render(Map<String, String> values) {
    List<String> command = new ArrayList<>(List.of(E2eEnvironment.helm(), "template", "fpo", CHART.toString(),
        "--namespace", "finpipe-system"));
    values.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
    return Commands.run(command, TIMEOUT).orFail().output();
  }

  private static Stream<HasMetadata> objects(String manifests) {
    return Cluster.admin().load(new ByteArrayInputStream(manifests.getBytes(StandardCharsets.UTF_8))).items()
        .stream();
  }
}
