package dev.finpipe.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.finpipe.e2e.AwsState;
import dev.finpipe.e2e.Cluster;
import dev.finpipe.e2e.CommandResult;
import dev.finpipe.e2e.Commands;
import dev.finpipe.e2e.E2eEnvironment;
import dev.finpipe.e2e.Eventually;
import dev.finpipe.e2e.FinancialPipelines;
import dev.finpipe.e2e.HelmCli;
import dev.finpipe.e2e.InClusterOperator;
import dev.finpipe.e2e.OperatorRelease;
import dev.finpipe.e2e.PipelineSteps;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator as users run it: the chart installed with the image built from the Dockerfile, two replicas
 * as real pods on a node (e2e/testenv/up --node). Their hardening is read from the pod spec and from the
 * process inside; only the Lease holder reconciles; deleting it hands over; helm upgrade rolls the pods;
 * helm uninstall leaves nothing of the operator. Runs with e2e/node/run.sh (tag "node").
 */
@Tag("node")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorPodsOnNodeE2eTest {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final String LEASE = "financial-pipeline-operator";
  private static final long IMAGE_USER = 65532;
  private static final KubernetesClient ADMIN = Cluster.admin();
  private static String releaseNamespace;
  private static String pipelineNamespace;
  private static OperatorRelease release;
  private static InClusterOperator operator;
  private static FinancialPipelines pipelines;
  private static AwsState aws;
  private static String pipeline;

  @BeforeAll
  static void namespaces() {
    if (E2eEnvironment.operatorMode() != E2eEnvironment.OperatorMode.IN_CLUSTER) {
      throw new IllegalStateException("the node suite runs the chart's pods: set FINPIPE_E2E_OPERATOR=in-cluster "
          + "(e2e/node/run.sh does)");
    }
    releaseNamespace = Cluster.createNamespace("fpnode-operator");
    pipelineNamespace = Cluster.createNamespace("fpnode-pipelines");
    pipelines = new FinancialPipelines(ADMIN, pipelineNamespace);
    aws = new AwsState();
  }

  @AfterAll
  static void cleanUp() {
    OperatorRelease.tearDown(operator, release, pipelines, pipelineNamespace, releaseNamespace);
    aws.close();
  }

  @Test
  @Order(1)
  void twoReplicasRunReadyOnTheNode() {
    release = OperatorRelease.install(ADMIN, new HelmCli(E2eEnvironment.chart()), "fpo", releaseNamespace,
        Map.of("replicaCount", "2"));
    operator = new InClusterOperator(ADMIN, releaseNamespace, release.fullname(), 8081); // the chart's metrics.port
    List<Pod> pods = operatorPods();
    assertThat(pods).hasSize(2).allSatisfy(pod -> {
      assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
      assertThat(isReady(pod)).as("Ready condition of %s", name(pod)).isTrue();
      assertThat(pod.getSpec().getNodeName()).isEqualTo(System.getenv("FINPIPE_NODE"));
      assertThat(pod.getStatus().getPodIP()).as("a CNI address").isNotBlank().isNotEqualTo(pod.getStatus()
          .getHostIP());
      assertThat(pod.getSpec().getContainers().get(0).getImage())
          .isEqualTo(E2eEnvironment.imageRepository() + ":" + E2eEnvironment.imageTag());
    });
    String wide = kubectl("get", "pods", "-o", "wide", "-n", releaseNamespace).orFail().output();
    System.out.println("kubectl get pods -o wide -n " + releaseNamespace + "\n" + wide);
    for (Pod pod : pods) {
      assertThat(wide).containsPattern(name(pod) + "\\s+1/1\\s+Running\\s");
    }
  }

  @Test
  @Order(2)
  void podSpecRunsAsTheImageUserReadOnlyWithoutCapabilities() {
    for (Pod pod : operatorPods()) {
      assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(release.serviceAccount());
      assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
      SecurityContext security = operatorContainer(pod).getSecurityContext();
      assertThat(security.getRunAsUser()).isEqualTo(IMAGE_USER);
      assertThat(security.getRunAsNonRoot()).isTrue();
      assertThat(security.getReadOnlyRootFilesystem()).isTrue();
      assertThat(security.getAllowPrivilegeEscalation()).isFalse();
      assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
    }
  }

  @Test
  @Order(3)
  void processInsideRunsAsTheImageUserReadOnlyWithoutCapabilities() {
    for (Pod pod : operatorPods()) {
      ProcessStatus status = ProcessStatus.parse(exec(pod, "cat", "/proc/1/status"));
      assertThat(status.ids("Uid")).as("real, effective, saved, fs uid of %s", name(pod))
          .containsExactly(IMAGE_USER, IMAGE_USER, IMAGE_USER, IMAGE_USER);
      assertThat(status.ids("Gid")).containsExactly(IMAGE_USER, IMAGE_USER, IMAGE_USER, IMAGE_USER);
      for (String set : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")) {
        assertThat(status.capabilities(set)).as("%s of pid 1 in %s", set, name(pod)).isZero();
      }
      assertThat(status.field("NoNewPrivs")).isEqualTo("1");
      assertThat(status.field("Seccomp")).as("2: seccomp filter mode").isEqualTo("2");
      assertThat(exec(pod, "cat", "/proc/1/cmdline").replace('\0', ' ')).contains("-jar /app/operator.jar");

      assertThat(ProcessStatus.rootMountOptions(exec(pod, "cat", "/proc/1/mounts"))).startsWith("ro,");
      CommandResult write = kubectl("exec", "-n", releaseNamespace, name(pod), "-c", "operator", "--",
          "sh", "-c", "echo probe > /probe");
      assertThat(write.exitCode()).as("writing to / must fail").isNotZero();
      assertThat(write.output()).contains("Read-only file system");
      assertThat(exec(pod, "sh", "-c", "echo probe > /tmp/probe && cat /tmp/probe && rm /tmp/probe"))
          .as("/tmp is the writable emptyDir").contains("probe");
    }
  }

  @Test
  @Order(4)
  void onlyTheLeaderReconciles() {
    String leader = awaitLeaseHolder(Set.of());
    pipeline = pipelines.createFrom(E2eEnvironment.repoRoot().resolve("crds/samples/minimal.yaml"));
    Eventually.await("Ready=True on " + pipeline, READY_TIMEOUT, operator, () -> pipelines.isReady(pipeline),
        () -> pipelines.describe(pipeline));
    for (Pod pod : operatorPods()) {
      double calls = PrometheusScrape.sum(operator.metrics(name(pod)), "finpipe_aws_calls_total");
      if (name(pod).equals(leader)) {
        assertThat(calls).as("AWS calls of the leader %s", leader).isPositive();
      } else {
        assertThat(calls).as("AWS calls of the standby %s", name(pod)).isZero();
        assertThat(podLog(pod)).doesNotContain("Started event processing");
      }
    }
  }

  @Test
  @Order(5)
  void deletingTheLeaderPodHandsOverAndAPipelineStillConverges() {
    String oldLeader = awaitLeaseHolder(Set.of());
    ADMIN.pods().inNamespace(releaseNamespace).withName(oldLeader).delete();
    String newLeader = awaitLeaseHolder(Set.of(oldLeader));
    assertThat(operatorPods()).extracting(OperatorPodsOnNodeE2eTest::name).contains(newLeader);

    PipelineSteps.changeExpirationAndConverge(pipelines, aws, operator, pipeline, READY_TIMEOUT);
    assertThat(PrometheusScrape.sum(operator.metrics(newLeader), "finpipe_aws_calls_total"))
        .as("AWS calls of the new leader %s", newLeader).isPositive();
    Eventually.await("two ready replicas again", READY_TIMEOUT, operator, () -> readyReplicas() == 2,
        () -> "ready replicas " + readyReplicas());
  }

  @Test
  @Order(6)
  void helmUpgradeWithAChangedValueRollsTheDeployment() {
    Set<String> before = operatorPods().stream().map(OperatorPodsOnNodeE2eTest::name).collect(Collectors.toSet());
    release.upgradeAndWait(Map.of("logLevel", "DEBUG"));
    Eventually.await("the rollout of the upgrade", READY_TIMEOUT, operator, OperatorPodsOnNodeE2eTest::rolledOut,
        () -> "pods " + operatorPods().stream().map(OperatorPodsOnNodeE2eTest::name).toList());
    assertThat(operatorPods()).hasSize(2).allSatisfy(pod -> {
      assertThat(before).as("pods before the upgrade").doesNotContain(name(pod));
      assertThat(operatorContainer(pod).getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
          .contains(tuple("FINPIPE_LOG_LEVEL", "DEBUG"));
      assertThat(isReady(pod)).as("Ready condition of %s", name(pod)).isTrue();
    });
  }

  @Test
  @Order(7)
  void helmUninstallLeavesNoOperatorObject() {
    PipelineSteps.deleteWithItsData(pipelines, aws, operator, pipeline, READY_TIMEOUT);
    release.uninstall().orFail();
    assertThat(release.remainingObjects()).isEmpty();
    Map<String, String> labels = Map.of("app.kubernetes.io/instance", release.release());
    // The garbage collector (controller-manager) removes the ReplicaSets and pods of the deleted Deployment.
    Awaitility.await("no ReplicaSet and no pod of the release").atMost(READY_TIMEOUT).untilAsserted(() -> {
      assertThat(ADMIN.apps().replicaSets().inNamespace(releaseNamespace).withLabels(labels).list().getItems())
          .isEmpty();
      assertThat(ADMIN.pods().inNamespace(releaseNamespace).withLabels(labels).list().getItems()).isEmpty();
    });
  }

  private static List<Pod> operatorPods() {
    return ADMIN.pods().inNamespace(releaseNamespace)
        .withLabels(Map.of("app.kubernetes.io/instance", release.release())).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }

  private static Container operatorContainer(Pod pod) {
    return pod.getSpec().getContainers().stream().filter(c -> "operator".equals(c.getName())).findFirst()
        .orElseThrow();
  }

  /** Waits for a holder of the operator's Lease that is not in {@code excluded}; its identity is the pod name. */
  private static String awaitLeaseHolder(Set<String> excluded) {
    String[] holder = new String[1];
    Eventually.await("a Lease holder other than " + excluded, READY_TIMEOUT, operator, () -> {
      var lease = ADMIN.leases().inNamespace(releaseNamespace).withName(LEASE).get();
      holder[0] = lease == null ? null : lease.getSpec().getHolderIdentity();
      return holder[0] != null && !holder[0].isEmpty() && !excluded.contains(holder[0]);
    }, () -> "holder " + holder[0]);
    return holder[0];
  }

  private static boolean rolledOut() {
    Deployment d = ADMIN.apps().deployments().inNamespace(releaseNamespace).withName(release.fullname()).get();
    var status = d.getStatus();
    return status.getObservedGeneration() >= d.getMetadata().getGeneration()
        && Integer.valueOf(2).equals(status.getUpdatedReplicas()) && Integer.valueOf(2).equals(status.getReplicas())
        && Integer.valueOf(2).equals(status.getReadyReplicas());
  }

  private static int readyReplicas() {
    Integer ready = ADMIN.apps().deployments().inNamespace(releaseNamespace).withName(release.fullname()).get()
        .getStatus().getReadyReplicas();
    return ready == null ? 0 : ready;
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String podLog(Pod pod) {
    return ADMIN.pods().inNamespace(releaseNamespace).withName(name(pod)).getLog();
  }

  /** Runs a command in the operator container with the real kubectl (through the kubelet's exec). */
  private static String exec(Pod pod, String... command) {
    List<String> args = new ArrayList<>(List.of("exec", "-n", releaseNamespace, name(pod), "-c", "operator", "--"));
    args.addAll(List.of(command));
    return kubectl(args.toArray(String[]::new)).orFail().output();
  }

  private static CommandResult kubectl(String... args) {
    List<String> command = new ArrayList<>(List.of(E2eEnvironment.kubectl()));
    command.addAll(List.of(args));
    return Commands.run(command, Duration.ofMinutes(1));
  }

  private static String name(Pod pod) {
    return pod.getMetadata().getName();
  }
}
