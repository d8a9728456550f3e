package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The chart on its own: lint, schema, and rendered manifests that the real API server accepts. */
@Order(3)
class ChartE2eTest {
  private static final Map<String, String> EVERY_OPTION = Map.of("watchNamespaces", "{team-a,team-b}",
      "rbac.readCredentialsSecrets", "true", "metrics.serviceMonitor.enabled", "true",
      "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn", "arn:aws:iam::123456789012:role/fpo",
      "aws.region", "eu-west-1", "aws.endpoint", "http://moto.finpipe-system:5000",
      "aws.rateLimits", "Lambda=20\\,ApiGateway:CreateRestApi=0.5");
  private static final HelmCli HELM = new HelmCli(E2eEnvironment.chart());
  private static String namespace;
  private static String watched;

  @BeforeAll
  static void namespaces() {
    namespace = Cluster.createNamespace("fpe2e-chart");
    watched = Cluster.createNamespace("fpe2e-chart-watched");
  }

  @AfterAll
  static void cleanUp() {
    Cluster.deleteNamespace(namespace);
    Cluster.deleteNamespace(watched);
  }

  @Test
  void lintStrictPassesWithDefaultsAndWithEveryOption() {
    assertThat(HELM.lintStrict(Map.of()).orFail().output()).contains("0 chart(s) failed");
    assertThat(HELM.lintStrict(EVERY_OPTION).orFail().output()).contains("0 chart(s) failed");
  }

  @Test
  void schemaRejectsAnUnknownValue() {
    CommandResult result = HELM.lintStrict(Map.of("watchNamespace", "typo"));
    assertThat(result.succeeded()).as("lint with an unknown value:\n%s", result.output()).isFalse();
    assertThat(result.output()).contains("watchNamespace");
  }

  /** Every form the operator's --aws-rate-limits parses; {@code \,} keeps helm's --set from splitting. */
  @ParameterizedTest
  @ValueSource(strings = {"Lambda=20", "ApiGateway:CreateRestApi=0.5", "Lambda=20\\,ApiGateway:CreateRestApi=.5",
      " Iam = 2 \\, S3=10 "})
  void rateLimitsInEveryFormTheOperatorAcceptsReachItsArgs(String rateLimits) {
    assertThat(HELM.lintStrict(Map.of("aws.rateLimits", rateLimits)).orFail().output()).contains("0 chart(s) failed");
    Deployment deployment = objects(render(Map.of("aws.rateLimits", rateLimits)))
        .filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow();
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains("--aws-rate-limits=" + rateLimits.replace("\\,", ","));
  }

  /** defaultTags become the operator's --default-tags, key=value pairs in helm's (sorted) key order. */
  @Test
  void defaultTagsReachTheOperatorsArgs() {
    Map<String, String> values = Map.of("defaultTags.team", "data eng", "defaultTags.cost-center", "fin42");
    assertThat(HELM.lintStrict(values).orFail().output()).contains("0 chart(s) failed");
    Deployment deployment = objects(render(values)).filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .findFirst().orElseThrow();
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains("--default-tags=cost-center=fin42,team=data eng");
  }

  /** Tags the operator would refuse at start (ResourceTags) are refused by the chart already. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      aws:cost             | x    | invalid propertyName 'aws:cost'
      AWS:cost             | x    | invalid propertyName 'AWS:cost'
      finpipe\\.dev/uid     | x    | invalid propertyName 'finpipe.dev/uid'
      team                 | a;b  | at '/defaultTags/team': 'a;b' does not match pattern
      """)
  void schemaRejectsADefaultTagTheOperatorRefuses(String key, String value, String message) {
    CommandResult result = HELM.lintStrict(Map.of("defaultTags." + key, value));
    assertThat(result.succeeded()).as("lint with %s=%s:\n%s", key, value, result.output()).isFalse();
    assertThat(result.output()).contains(message);
  }

  /** Values the operator would refuse at start are refused by the chart already. */
  @ParameterizedTest
  @ValueSource(strings = {"ApiGateway=fast", "Lambda=0", "ApiGateway:CreateRestApi:Extra=1", "Lambda=10\\,",
      "Lambda=1e3", "api-gateway=5"})
  void schemaRejectsARateLimitTheOperatorRefuses(String rateLimits) {
    CommandResult result = HELM.lintStrict(Map.of("aws.rateLimits", rateLimits));
    assertThat(result.succeeded()).as("lint with aws.rateLimits=%s:\n%s", rateLimits, result.output()).isFalse();
    assertThat(result.output()).contains("rateLimits");
  }

  @Test
  void manifestsWatchingAllNamespacesAreAcceptedByTheApiServer() {
    String manifests = render(Map.of());
    assertThat(kinds(manifests)).contains("CustomResourceDefinition", "ServiceAccount", "ClusterRole",
        "ClusterRoleBinding", "Role", "RoleBinding", "Service", "Deployment");
    CommandResult applied = new KubectlCli().applyServerDryRun(manifests).orFail();
    assertThat(applied.output()).contains("deployment.apps/", "(server dry run)");
  }

  @Test
  void manifestsWatchingOneNamespaceAreAcceptedByTheApiServer() {
    String manifests = render(Map.of("watchNamespaces", "{" + watched + "}"));
    assertThat(kinds(manifests)).doesNotContain("ClusterRole", "ClusterRoleBinding");
    assertThat(objects(manifests).filter(Role.class::isInstance).map(o -> o.getMetadata().getNamespace()))
        .containsExactlyInAnyOrder(watched, namespace);
    new KubectlCli().applyServerDryRun(manifests).orFail();
  }

  @Test
  void rbacHasNoWildcardAndReadsSecretsOnlyWhenAsked() {
    assertThat(rules(render(Map.of()))).allSatisfy(rule -> {
      assertThat(rule.getVerbs()).doesNotContain("*");
      assertThat(rule.getResources()).doesNotContain("*", "secrets");
      assertThat(rule.getApiGroups()).doesNotContain("*");
    });
    assertThat(rules(render(Map.of("rbac.readCredentialsSecrets", "true", "watchNamespaces", "{team-a}"))))
        .anySatisfy(rule -> {
          assertThat(rule.getResources()).containsExactly("secrets");
          assertThat(rule.getVerbs()).containsExactly("get");
        });
  }

  /** With a ClusterRole the operator could read every Secret of the cluster: the chart refuses that. */
  @Test
  void secretsAreNeverReadableClusterWide() {
    assertThatThrownBy(() -> render(Map.of("rbac.readCredentialsSecrets", "true")))
        .hasMessageContaining("rbac.readCredentialsSecrets needs watchNamespaces");
  }

  @Test
  void deploymentIsHardenedAndElectsALeaderInTheReleaseNamespace() {
    Deployment deployment = objects(render(Map.of())).filter(Deployment.class::isInstance)
        .map(Deployment.class::cast).findFirst().orElseThrow();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container operator = pod.getContainers().get(0);
    assertThat(operator.getArgs()).contains("--leader-election", "--leader-election-namespace=" + namespace);
    assertThat(operator.getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo("http"));
    assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    var container = operator.getSecurityContext();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(operator.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(operator.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(operator.getResources().getLimits()).containsKey("memory");
    assertThat(operator.getEnv()).anySatisfy(e -> {
      assertThat(e.getName()).isEqualTo("JAVA_TOOL_OPTIONS");
      assertThat(e.getValue()).containsPattern("-XX:MaxRAMPercentage=\\d+ ");
    });
  }

  @Test
  void serviceMonitorIsRenderedOnlyWhenEnabled() {
    assertThat(kinds(render(Map.of()))).doesNotContain("ServiceMonitor");
    assertThat(kinds(render(Map.of("metrics.serviceMonitor.enabled", "true")))).contains("ServiceMonitor");
  }

  private static String render(Map<String, String> values) {
    String manifests = HELM.template("fpo", namespace, Cluster.serverVersion(), values);
    try {
      Files.writeString(E2eEnvironment.outputDir().resolve("rendered-" + values.hashCode() + ".yaml"), manifests);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return manifests;
  }

  private static Stream<HasMetadata> objects(String manifests) {
    return Cluster.admin().load(new ByteArrayInputStream(manifests.getBytes(StandardCharsets.UTF_8))).items()
        .stream();
  }

  private static List<String> kinds(String manifests) {
    return objects(manifests).map(HasMetadata::getKind).toList();
  }

  private static List<PolicyRule> rules(String manifests) {
    return objects(manifests).flatMap(o -> o instanceof ClusterRole c ? c.getRules().stream()
        : o instanceof Role r ? r.getRules().stream() : Stream.empty()).toList();
  }
}
