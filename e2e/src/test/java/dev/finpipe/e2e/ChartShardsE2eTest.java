package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The chart with {@code shards: 2}: two Deployments with disjoint pods, selectors that split every pipeline between
 * them (shard 0 also takes those without the label), a Lease each, one Service for all. The selectors are judged by
 * the real API server, on objects with each kind of label.
 */
@Order(3)
class ChartShardsE2eTest {
  private static final HelmCli HELM = new HelmCli(E2eEnvironment.chart());
  private static String namespace;

  @BeforeAll
  static void namespaces() {
    namespace = Cluster.createNamespace("fpe2e-shards");
  }

  @AfterAll
  static void cleanUp() {
    Cluster.deleteNamespace(namespace);
  }

  @Test
  void oneShardRendersTheSingleDeploymentWithoutSelectorOrLeaseName() {
    List<Deployment> deployments = deployments(render(Map.of()));
    assertThat(deployments).singleElement().satisfies(d -> {
      assertThat(d.getMetadata().getName()).isEqualTo("fpo-financial-pipeline-operator");
      assertThat(args(d)).noneMatch(a -> a.startsWith("--selector") || a.startsWith("--leader-election-lease-name"));
    });
  }

  @Test
  void lintStrictPassesWithShardsASelectorAndAllowedRolesAndTheSchemaRefusesZeroShards() {
    assertThat(HELM.lintStrict(Map.of("shards", "3", "selector", "team=payments",
        "aws.allowedAssumeRoles", "{arn:aws:iam::*:role/finpipe-*}")).orFail().output())
        .contains("0 chart(s) failed");
    assertThat(HELM.lintStrict(Map.of("shards", "0")).output()).contains("shards");
    assertThat(HELM.lintStrict(Map.of("aws.allowedAssumeRoles", "{arn:aws:iam::1:user/x}")).output())
        .contains("allowedAssumeRoles");
  }

  @Test
  void twoShardsRenderTwoDeploymentsWithDisjointPodsLeasesAndOneServiceForAll() {
    String manifests = render(Map.of("shards", "2"));
    List<Deployment> deployments = deployments(manifests);

    assertThat(deployments).extracting(d -> d.getMetadata().getName())
        .containsExactly("fpo-financial-pipeline-operator-shard-0", "fpo-financial-pipeline-operator-shard-1");
    assertThat(deployments).extracting(ChartShardsE2eTest::selectorArg)
        .containsExactly("finpipe.dev/shard notin (1)", "finpipe.dev/shard in (1)");
    List<String> leases = deployments.stream().map(d -> arg(d, "--leader-election-lease-name=")).toList();
    assertThat(leases).containsExactly("financial-pipeline-operator-shard-0", "financial-pipeline-operator-shard-1");
    Role leaderElection = objects(manifests).filter(Role.class::isInstance).map(Role.class::cast)
        .filter(r -> r.getMetadata().getName().endsWith("-leader-election")).findFirst().orElseThrow();
    assertThat(leaderElection.getRules()).anySatisfy(rule -> assertThat(rule.getResourceNames())
        .containsExactlyInAnyOrderElementsOf(leases));

    // Each Deployment owns only its pods; the Service (metrics, ServiceMonitor) selects both.
    Map<String, String> pods0 = deployments.get(0).getSpec().getTemplate().getMetadata().getLabels();
    Map<String, String> pods1 = deployments.get(1).getSpec().getTemplate().getMetadata().getLabels();
    assertThat(matches(deployments.get(0).getSpec().getSelector().getMatchLabels(), pods1)).isFalse();
    assertThat(matches(deployments.get(1).getSpec().getSelector().getMatchLabels(), pods0)).isFalse();
    Service service = objects(manifests).filter(Service.class::isInstance).map(Service.class::cast).findFirst()
        .orElseThrow();
    assertThat(matches(service.getSpec().getSelector(), pods0)).isTrue();
    assertThat(matches(service.getSpec().getSelector(), pods1)).isTrue();

    assertThat(new KubectlCli().applyServerDryRun(manifests).orFail().output())
        .contains("fpo-financial-pipeline-operator-shard-0", "fpo-financial-pipeline-operator-shard-1");
  }

  /** The API server lists with each shard's selector: every object lands in exactly one shard. */
  @Test
  void theApiServerSplitsEveryLabelBetweenTheShardsExactlyOnce() {
    Map<String, Integer> expectedShard = Map.of("no-label", 0, "shard-0", 0, "shard-1", 1, "shard-2", 2,
        "shard-7", 0, "shard-text", 0);
    for (String name : expectedShard.keySet()) {
      var labels = new HashMap<String, String>(Map.of("finpipe.dev/test", "shards"));
      if (name.startsWith("shard-")) {
        labels.put("finpipe.dev/shard", name.substring("shard-".length()));
      }
      Cluster.admin().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata()
          .withName(name).withLabels(labels).endMetadata().build()).create();
    }
    List<String> selectors = deployments(render(Map.of("shards", "3", "selector", "finpipe.dev/test=shards")))
        .stream().map(ChartShardsE2eTest::selectorArg).toList();

    Map<String, Integer> foundShard = new HashMap<>();
    for (int shard = 0; shard < selectors.size(); shard++) {
      for (var cm : Cluster.admin().configMaps().inNamespace(namespace).withLabelSelector(selectors.get(shard)).list()
          .getItems()) {
        assertThat(foundShard.put(cm.getMetadata().getName(), shard)).as(cm.getMetadata().getName()
            + " in two shards").isNull();
      }
    }
    assertThat(foundShard).isEqualTo(expectedShard);
  }

  private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  private static String selectorArg(Deployment deployment) {
    return arg(deployment, "--selector=");
  }

  private static String arg(Deployment deployment, String prefix) {
    return args(deployment).stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length()))
        .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in " + args(deployment)));
  }

  private static List<String> args(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
  }

  private static List<Deployment> deployments(String manifests) {
    return objects(manifests).filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
  }

  private static String render(Map<String, String> values) {
    return HELM.template("fpo", namespace, Cluster.serverVersion(), values);
  }

  private static Stream<HasMetadata> objects(String manifests) {
    return Cluster.admin().load(new ByteArrayInputStream(manifests.getBytes(StandardCharsets.UTF_8))).items()
        .stream();
  }
}
