package dev.finpipe.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One Helm release of the chart and the operator that runs under it: a local process with the release's
 * ServiceAccount token (default), or the release's own pods (FINPIPE_E2E_OPERATOR=in-cluster).
 */
public final class OperatorRelease {
  public static final String CHART_NAME = "financial-pipeline-operator";
  /** The chart's default metrics.port. */
  private static final int METRICS_PORT = 8081;
  private final KubernetesClient admin;
  private final HelmCli helm;
  private final String release;
  private final String namespace;

  private OperatorRelease(KubernetesClient admin, HelmCli helm, String release, String namespace) {
    this.admin = admin;
    this.helm = helm;
    this.release = release;
    this.namespace = namespace;
  }

  /** Installs the chart into {@code namespace} (which must exist) with {@code values} on top of the suite's. */
  public static OperatorRelease install(KubernetesClient admin, HelmCli helm, String release, String namespace,
                                        Map<String, String> values) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("image.repository", E2eEnvironment.imageRepository());
    all.put("image.tag", E2eEnvironment.imageTag());
    all.put("aws.endpoint", E2eEnvironment.operatorAwsEndpoint());
    all.put("aws.region", E2eEnvironment.awsRegion());
    all.put("resyncPeriod", "PT5S");
    all.putAll(values);
    if (E2eEnvironment.operatorMode() == E2eEnvironment.OperatorMode.IN_CLUSTER) {
      // The operator's own IAM user (docs/operator-iam-policy.json), found by the pods' default credential chain.
      AwsIdentities.Keys keys = AwsIdentities.operator();
      all.put("extraEnv[0].name", "AWS_ACCESS_KEY_ID");
      all.put("extraEnv[0].value", keys.accessKeyId());
      all.put("extraEnv[1].name", "AWS_SECRET_ACCESS_KEY");
      all.put("extraEnv[1].value", keys.secretAccessKey());
      helm.installAndWait(release, namespace, all);
    } else {
      // No kubelet on the local ground: the Deployment never gets pods, so only the objects are awaited.
      helm.install(release, namespace, all);
    }
    return new OperatorRelease(admin, helm, release, namespace);
  }

  /** Starts (or, in-cluster, attaches to) the operator; a process watches only {@code watchNamespace}. */
  public RunningOperator startOperator(String watchNamespace) {
    if (E2eEnvironment.operatorMode() == E2eEnvironment.OperatorMode.IN_CLUSTER) {
      return new InClusterOperator(admin, namespace, fullname(), METRICS_PORT);
    }
    Path dir = E2eEnvironment.outputDir();
    Path kubeconfig = ServiceAccountKubeconfig.write(admin, namespace, serviceAccount(),
        dir.resolve(release + "-" + namespace + ".kubeconfig"));
    return OperatorProcess.start(kubeconfig, namespace, watchNamespace,
        dir.resolve("operator-" + release + "-" + namespace + ".log"));
  }

  /** Upgrades the release with {@code values} on top of its current ones and waits until it is available. */
  public CommandResult upgradeAndWait(Map<String, String> values) {
    return helm.upgradeAndWait(release, namespace, values);
  }

  /** Kinds of the chart's objects of this release that still exist (pods and ReplicaSets not included). */
  public List<String> remainingObjects() {
    Map<String, String> labels = Map.of("app.kubernetes.io/instance", release);
    return Stream.of(
        admin.apps().deployments().inNamespace(namespace).withLabels(labels).list().getItems(),
        admin.serviceAccounts().inNamespace(namespace).withLabels(labels).list().getItems(),
        admin.rbac().roles().inNamespace(namespace).withLabels(labels).list().getItems(),
        admin.rbac().roleBindings().inNamespace(namespace).withLabels(labels).list().getItems(),
        admin.services().inNamespace(namespace).withLabels(labels).list().getItems(),
        Optional.ofNullable(admin.rbac().clusterRoles().withName(clusterScopedName()).get()).stream().toList(),
        Optional.ofNullable(admin.rbac().clusterRoleBindings().withName(clusterScopedName()).get()).stream()
            .toList())
        .flatMap(List::stream).map(HasMetadata::getKind).toList();
  }

  public CommandResult uninstall() {
    return helm.uninstall(release, namespace);
  }

  public boolean isInstalled() {
    return helm.isInstalled(release, namespace);
  }

  public String release() {
    return release;
  }

  public String namespace() {
    return namespace;
  }

  /** The chart's name for its namespaced objects (Deployment, ServiceAccount, Roles). */
  public String fullname() {
    return release.contains(CHART_NAME) ? release : release + "-" + CHART_NAME;
  }

  /** The chart's name for its cluster-scoped objects: the namespace is part of it. */
  public String clusterScopedName() {
    return fullname() + "-" + namespace;
  }

  public String serviceAccount() {
    return fullname();
  }

  /**
   * After a class that installed a release and ran its operator: stops the operator, uninstalls the release,
   * clears the finalizers of pipelines left behind and deletes the namespaces. Each part may be missing.
   */
  public static void tearDown(RunningOperator operator, OperatorRelease release, FinancialPipelines pipelines,
                       String... namespaces) {
    if (operator != null) {
      operator.close();
    }
    if (release != null && release.isInstalled()) {
      release.uninstall();
    }
    if (pipelines != null) {
      pipelines.removeFinalizers();
    }
    for (String namespace : namespaces) {
      Cluster.deleteNamespace(namespace);
    }
  }
}
