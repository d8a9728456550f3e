package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chart installed as a user would (watching all namespaces), the operator running under its
 * ServiceAccount, and one pipeline's whole life: Ready, AWS state, metrics, a spec change, deletion; then
 * helm uninstall leaves no operator object behind.
 */
@Order(4)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineLifecycleE2eTest {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Pattern AWS_CALL = Pattern.compile(
      "finpipe_aws_calls_total\\{[^}]*operation=\"([^\"]+)\"[^}]*service=\"([^\"]+)\"");
  private static final KubernetesClient ADMIN = Cluster.admin();
  private static String releaseNamespace;
  private static String pipelineNamespace;
  private static OperatorRelease release;
  private static RunningOperator operator;
  private static FinancialPipelines pipelines;
  private static AwsState aws;
  private static String pipeline;

  @BeforeAll
  static void namespaces() {
    E2eEnvironment.awsEndpoint();
    releaseNamespace = Cluster.createNamespace("fpe2e-operator");
    pipelineNamespace = Cluster.createNamespace("fpe2e-pipelines");
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
  void helmInstallCreatesTheOperatorObjects() {
    release = OperatorRelease.install(ADMIN, new HelmCli(E2eEnvironment.chart()), "fpo", releaseNamespace, Map.of());
    assertThat(release.remainingObjects()).containsExactlyInAnyOrder("Deployment", "ServiceAccount", "Role",
        "RoleBinding", "ClusterRole", "ClusterRoleBinding", "Service");
  }

  @Test
  @Order(2)
  void operatorStartsUnderTheChartServiceAccount() {
    operator = release.startOperator(pipelineNamespace);
    assertThat(operator.log()).contains("operator started");
    Eventually.await("leader election", Duration.ofSeconds(30), operator,
        () -> operator.log().contains("Started event processing"), () -> "no 'Started event processing' line");
    assertThat(operator.log()).doesNotContainIgnoringCase("forbidden");
  }

  @Test
  @Order(3)
  void minimalSampleBecomesReady() {
    pipeline = pipelines.createFrom(E2eEnvironment.repoRoot().resolve("crds/samples/minimal.yaml"));
    Eventually.await("Ready=True on " + pipeline, READY_TIMEOUT, operator, () -> pipelines.isReady(pipeline),
        () -> pipelines.describe(pipeline));
  }

  @Test
  @Order(4)
  void awsResourcesOfTheStatusExist() {
    List<Map<String, Object>> resources = pipelines.statusResources(pipeline);
    assertThat(resources).as("status.resources").anySatisfy(r -> assertThat(r.get("kind")).isEqualTo("S3 bucket"));
    for (Map<String, Object> r : resources) {
      assertThat(r.get("arn")).as("ARN of %s", r).isNotNull();
      String name = String.valueOf(r.get("name"));
      switch (String.valueOf(r.get("kind"))) {
        case "S3 bucket" -> assertThat(aws.bucketExists(name)).as("bucket %s exists", name).isTrue();
        case "Lambda function" -> assertThat(aws.functionExists(String.valueOf(r.get("arn"))))
            .as("function %s exists", name).isTrue();
        default -> { } // other kinds are checked by the operator's own emulator tests
      }
    }
  }

  @Test
  @Order(5)
  void metricsShowReconciliationsAndOnlyDocumentedAwsCalls() {
    String metrics = operator.metrics();
    assertThat(metrics).containsAnyOf("operator_sdk_reconciliations", "reconciliations");
    assertThat(metrics).contains("finpipe_aws_calls");
    Matcher calls = AWS_CALL.matcher(metrics);
    int seen = 0;
    while (calls.find()) {
      seen++;
      String operation = calls.group(1);
      String service = calls.group(2);
      assertThat(OperatorAwsOperations.actionFor(service, operation))
          .as("%s %s was called but is missing from OperatorAwsOperations and docs/operator-iam-policy.json",
              service, operation).isPresent();
    }
    assertThat(seen).as("finpipe_aws_calls_total series").isPositive();
  }

  @Test
  @Order(6)
  void changedExpirationConvergesInS3() {
    PipelineSteps.changeExpirationAndConverge(pipelines, aws, operator, pipeline, READY_TIMEOUT);
  }

  @Test
  @Order(7)
  void deletingWithDeletePolicyRemovesTheBucketAndThePipeline() {
    PipelineSteps.deleteWithItsData(pipelines, aws, operator, pipeline, READY_TIMEOUT);
    assertThat(operator.log()).as("the chart's RBAC sufficed for the whole life of a pipeline")
        .doesNotContainIgnoringCase("forbidden");
  }

  @Test
  @Order(8)
  void helmUninstallLeavesNoOperatorObject() {
    operator.close();
    release.uninstall().orFail();
    assertThat(release.remainingObjects()).isEmpty();
    assertThat(ADMIN.apiextensions().v1().customResourceDefinitions().withName("financialpipelines.finpipe.dev")
        .get()).as("Helm keeps CRDs from crds/ on uninstall, by design").isNotNull();
  }
}
