package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.aws.AwsClients;
import dev.finpipe.operator.testing.InProcessOperator;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Out-of-band changes to a Ready pipeline are reverted within a resync and each correction is reported by a
 * Kubernetes Event naming the resource.
 */
class DriftOnClusterTest {
  private static String namespace;
  private static InProcessOperator operator;
  private static AwsClients aws;
  private static FinancialPipeline fp;

  @BeforeAll
  static void start() {
    TestGround.installCrd();
    namespace = TestGround.newNamespace("drift");
    operator = InProcessOperator.start(namespace, "PT2S");
    aws = Moto.clients();
    Pipelines.create(namespace, "drifty", spec -> { });
    fp = Pipelines.awaitReady(namespace, "drifty");
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  private static String arn(String component) {
    return fp.getStatus().resources.stream().filter(r -> r.component.equals(component)).findFirst().orElseThrow().arn;
  }

  private static String name(String component) {
    return fp.getStatus().resources.stream().filter(r -> r.component.equals(component)).findFirst().orElseThrow()
        .name;
  }

  private static long events(String reason, String text) {
    return TestGround.kubernetes().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason()) && e.getMessage().contains(text)).count();
  }

  /** Applies the drift, then waits until {@code reverted} holds and one more matching Event exists. */
  private static void assertReverted(String reason, String eventText, Runnable drift, Supplier<Boolean> reverted) {
    long before = events(reason, eventText);
    drift.run();
    await().atMost(TestGround.timeout()).ignoreExceptions().until(reverted::get);
    await().atMost(TestGround.timeout()).until(() -> events(reason, eventText) > before);
  }

  @Test
  void functionMemoryChangedIsReverted() {
    String function = arn("upload-function");
    assertReverted("DriftCorrected", name("upload-function"),
        () -> aws.lambda().updateFunctionConfiguration(u -> u.functionName(function).memorySize(256)),
        () -> aws.lambda().getFunction(f -> f.functionName(function)).configuration().memorySize() == 512);
  }

  @Test
  void functionDeletedIsRecreated() {
    String function = arn("results-function");
    assertReverted("Created", name("results-function"),
        () -> aws.lambda().deleteFunction(d -> d.functionName(function)),
        () -> aws.lambda().getFunction(f -> f.functionName(function)).configuration() != null);
  }

  @Test
  void rolePolicyLoosenedIsNarrowedBack() {
    String role = name("status-role");
    String policyName = aws.iam().listRolePolicies(r -> r.roleName(role)).policyNames().get(0);
    String original = aws.iam().getRolePolicy(p -> p.roleName(role).policyName(policyName)).policyDocument();
    String loosened = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
        + "\"Resource\":\"*\"}]}";
    assertReverted("DriftCorrected", role,
        () -> aws.iam().putRolePolicy(p -> p.roleName(role).policyName(policyName).policyDocument(loosened)),
        () -> aws.iam().getRolePolicy(p -> p.roleName(role).policyName(policyName)).policyDocument()
            .equals(original));
  }

  @Test
  void integrationUriChangedIsRestored() {
    String apiArn = arn("api");
    String apiId = apiArn.substring(apiArn.lastIndexOf(':') + 1);
    String resourceId = aws.apiGateway().getResources(r -> r.restApiId(apiId).limit(500)).items().stream()
        .filter(r -> "/upload".equals(r.path())).findFirst().orElseThrow().id();
    String wrong = "arn:aws:apigateway:" + Moto.region() + ":lambda:path/2015-03-31/functions/"
        + arn("results-function") + "/invocations";
    assertReverted("DriftCorrected", name("api"),
        // PutIntegration rather than UpdateIntegration, which the emulator answers with a 500
        () -> aws.apiGateway().putIntegration(p -> p.restApiId(apiId).resourceId(resourceId).httpMethod("POST")
            .type("AWS_PROXY").integrationHttpMethod("POST").uri(wrong)),
        () -> aws.apiGateway().getIntegration(i -> i.restApiId(apiId).resourceId(resourceId).httpMethod("POST"))
            .uri().contains(arn("upload-function")));
  }

  @Test
  void alarmDeletedIsRecreated() {
    String alarm = name("processor-alarm");
    assertReverted("Created", alarm,
        () -> aws.cloudWatch().deleteAlarms(d -> d.alarmNames(alarm)),
        () -> aws.cloudWatch().describeAlarms(a -> a.alarmNames(alarm)).metricAlarms().size() == 1);
  }

  @Test
  void bucketNotificationRemovedIsRestored() {
    String bucket = name("bucket");
    assertReverted("Created", "S3 bucket notification",
        () -> aws.s3().putBucketNotificationConfiguration(n -> n.bucket(bucket).notificationConfiguration(c -> { })),
        () -> aws.s3().getBucketNotificationConfiguration(n -> n.bucket(bucket)).lambdaFunctionConfigurations()
            .size() == 1);
  }

  @Test
  void s3InvokePermissionRemovedIsAddedBack() {
    String processor = arn("processor-function");
    assertReverted("Created", "finpipe-s3-invoke",
        () -> aws.lambda().removePermission(r -> r.functionName(processor).statementId("finpipe-s3-invoke")),
        () -> aws.lambda().getPolicy(p -> p.functionName(processor)).policy().contains("finpipe-s3-invoke"));
  }
}
