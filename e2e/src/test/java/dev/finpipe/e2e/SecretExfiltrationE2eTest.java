package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The exfiltration attempt of a namespace user who may create FinancialPipelines but not read Secrets: they
 * name a Secret of their namespace (one that even opted in as AWS credentials) and an endpoint of theirs. The
 * operator, installed with credentials Secrets enabled, refuses the pipeline with a clear condition and sends
 * not one request to that endpoint (a local listener counts them).
 */
@Order(5)
class SecretExfiltrationE2eTest {
  private static final KubernetesClient ADMIN = Cluster.admin();
  private static final String SECRET_VALUE = "AKIAIOSFODNN7EXAMPLE";
  private static String releaseNamespace;
  private static String tenantNamespace;
  private static OperatorRelease release;
  private static RunningOperator operator;
  private static FinancialPipelines pipelines;
  private static HttpServer listener;
  private static final AtomicInteger REQUESTS = new AtomicInteger();

  @BeforeAll
  static void install() throws IOException {
    releaseNamespace = Cluster.createNamespace("fpe2e-exfil-operator");
    tenantNamespace = Cluster.createNamespace("fpe2e-exfil-tenant");
    pipelines = new FinancialPipelines(ADMIN, tenantNamespace);
    release = OperatorRelease.install(ADMIN, new HelmCli(E2eEnvironment.chart()), "fpo-exfil", releaseNamespace,
        Map.of("watchNamespaces", "{" + tenantNamespace + "}", "rbac.readCredentialsSecrets", "true"));
    operator = release.startOperator(tenantNamespace);
    listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    listener.createContext("/", exchange -> {
      REQUESTS.incrementAndGet();
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    listener.start();
  }

  @AfterAll
  static void cleanUp() {
    if (listener != null) {
      listener.stop(0);
    }
    OperatorRelease.tearDown(operator, release, pipelines, tenantNamespace, releaseNamespace);
  }

  @Test
  void aNamespaceUserCannotMakeTheOperatorSendASecretToTheirEndpoint() throws IOException {
    ADMIN.secrets().inNamespace(tenantNamespace).resource(new SecretBuilder().withNewMetadata()
        .withName("payments-db").addToLabels("finpipe.dev/aws-credentials", "true").endMetadata()
        .addToStringData("accessKeyId", SECRET_VALUE).addToStringData("secretAccessKey", "s3cr3t").build()).create();
    try (KubernetesClient tenant = tenantClient()) {
      assertThatThrownBy(() -> tenant.secrets().inNamespace(tenantNamespace).withName("payments-db").get())
          .as("the tenant may not read Secrets").isInstanceOfSatisfying(KubernetesClientException.class,
              e -> assertThat(e.getCode()).isEqualTo(403));

      tenant.resource(ADMIN.getKubernetesSerialization().unmarshal("""
          apiVersion: finpipe.dev/v1alpha1
          kind: FinancialPipeline
          metadata: {name: exfiltrate, namespace: %s}
          spec:
            region: us-east-1
            aws:
              endpoint: http://127.0.0.1:%d
              credentialsSecretRef: {name: payments-db}
          """.formatted(tenantNamespace, listener.getAddress().getPort()),
          io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)).create();
    }

    Eventually.await("InvalidSpec naming the endpoint", Duration.ofSeconds(60), operator,
        () -> pipelines.trueConditionMessage("exfiltrate", "InvalidSpec").isPresent(),
        () -> pipelines.describe("exfiltrate"));
    assertThat(pipelines.trueConditionMessage("exfiltrate", "InvalidSpec").orElseThrow())
        .contains("is not an endpoint the operator's administrator allows");
    assertThat(REQUESTS.get()).as("requests that reached the tenant's endpoint").isZero();
    assertThat(pipelines.describe("exfiltrate")).doesNotContain(SECRET_VALUE);
  }

  /** A service account of the tenant namespace that may create and read FinancialPipelines, nothing else. */
  private static KubernetesClient tenantClient() throws IOException {
    ADMIN.serviceAccounts().inNamespace(tenantNamespace).resource(new ServiceAccountBuilder().withNewMetadata()
        .withName("tenant").endMetadata().build()).create();
    ADMIN.rbac().roles().inNamespace(tenantNamespace).resource(new RoleBuilder().withNewMetadata()
        .withName("pipeline-author").endMetadata().addNewRule().withApiGroups("finpipe.dev")
        .withResources("financialpipelines").withVerbs("create", "get", "list", "watch").endRule().build())
        .create();
    ADMIN.rbac().roleBindings().inNamespace(tenantNamespace).resource(new RoleBindingBuilder().withNewMetadata()
        .withName("pipeline-author").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
        .withKind("Role").withName("pipeline-author").endRoleRef().addNewSubject().withKind("ServiceAccount")
        .withName("tenant").withNamespace(tenantNamespace).endSubject().build()).create();
    Path kubeconfig = ServiceAccountKubeconfig.write(ADMIN, tenantNamespace, "tenant",
        E2eEnvironment.outputDir().resolve("tenant-" + tenantNamespace + ".kubeconfig"));
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
  }
}
