package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Out-of-band changes to a Ready pipeline are reverted within a resync and each correction is reported by a
 * Kubernetes Event naming the resource.
 */
class DriftOnClusterTest {
  private static final String RESYNC = "PT2S";
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("drift").withOperator(RESYNC);
  private static AwsClients aws;
  private static FinancialPipeline fp;

  @BeforeAll
  static void start() {
    aws = Moto.clients();
    Pipelines.create(cluster.namespace(), "drifty", spec -> { });
    fp = Pipelines.awaitReady(cluster.namespace(), "drifty");
  }

  private static String arn(String component) {
    return fp.getStatus().resources.stream().filter(r -> r.component.equals(component)).findFirst().orElseThrow().arn;
  }

  private static String name(String component) {
    return fp.getStatus().resources.stream().filter(r -> r.component.equals(component)).findFirst().orElseThrow()
        .name;
  }

  /** Occurrences, not Event objects: a repeat of the same reason and message counts up one Event. */
  private static long events(String reason, String text, String field) {
    return TestGround.kubernetes().v1().events().inNamespace(cluster.namespace()).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason()) && e.getMessage().contains(text)
            && (field == null || e.getMessage().contains(field)))
        .mapToLong(e -> e.getCount() == null ? 1 : e.getCount()).sum();
  }

  /**
   * Applies the drift, then waits until {@code reverted} holds and one more occurrence of an Event with the reason
   * exists that names the resource and, for a correction, the field.
   */
  private static void assertReverted(String reason, String resource, String field, Runnable drift,
                                     Supplier<Boolean> reverted) {
    String text = field == null ? resource + " created" : resource + " corrected: ";
    long before = events(reason, text, field);
    long start = System.nanoTime();
    drift.run();
    await().atMost(TestGround.timeout()).ignoreExceptions().until(reverted::get);
    double seconds = (System.nanoTime() - start) / 1e9;
    await().atMost(TestGround.timeout()).until(() -> events(reason, text, field) > before);
    System.out.printf("DRIFT: %s %s reverted %.1f s after the change (resync period %s)%n", resource,
        field == null ? "(deleted)" : field, seconds, RESYNC);
  }

  @Test
  void functionMemoryChangedIsReverted() {
    String function = arn("upload-function");
    assertReverted("DriftCorrected", name("upload-function"), "memorySize",
        () -> aws.lambda().updateFunctionConfiguration(u -> u.functionName(function).memorySize(256)),
        () -> aws.lambda().getFunction(f -> f.functionName(function)).configuration().memorySize() == 512);
  }

  @Test
  void functionDeletedIsRecreated() {
    String function = arn("results-function");
    assertReverted("Created", name("results-function"), null,
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
    assertReverted("DriftCorrected", role, "InlinePolicy/" + policyName,
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
    assertReverted("DriftCorrected", name("api"), "route[POST /upload].integration.uri",
        // PutIntegration rather than UpdateIntegration, which the emulator answers with a 500
        () -> aws.apiGateway().putIntegration(p -> p.restApiId(apiId).resourceId(resourceId).httpMethod("POST")
            .type("AWS_PROXY").integrationHttpMethod("POST").uri(wrong)),
        () -> aws.apiGateway().getIntegration(i -> i.restApiId(apiId).resourceId(resourceId).httpMethod("POST"))
            .uri().contains(arn("upload-function")));
  }

  @Test
  void alarmDeletedIsRecreated() {
    String alarm = name("processor-alarm");
    assertReverted("Created", alarm, null,
        () -> aws.cloudWatch().deleteAlarms(d -> d.alarmNames(alarm)),
        () -> aws.cloudWatch().describeAlarms(a -> a.alarmNames(alarm)).metricAlarms().size() == 1);
  }

  @Test
  void bucketNotificationRemovedIsRestored() {
    String bucket = name("bucket");
    assertReverted("Created", name("bucket-notification"), null,
        () -> aws.s3().putBucketNotificationConfiguration(n -> n.bucket(bucket).notificationConfiguration(c -> { })),
        () -> aws.s3().getBucketNotificationConfiguration(n -> n.bucket(bucket)).lambdaFunctionConfigurations()
            .size() == 1);
  }

  @Test
  void s3InvokePermissionRemovedIsAddedBack() {
    String processor = arn("processor-function");
    assertReverted("Created", "finpipe-s3-invoke", null,
        () -> aws.lambda().removePermission(r -> r.functionName(processor).statementId("finpipe-s3-invoke")),
        () -> aws.lambda().getPolicy(p -> p.functionName(processor)).policy().contains("finpipe-s3-invoke"));
  }

  @Test
  void logRetentionShortenedIsRestored() {
    String group = name("status-log-group");
    Integer retention = aws.logs().describeLogGroups(d -> d.logGroupNamePrefix(group)).logGroups().get(0)
        .retentionInDays();
    assertReverted("DriftCorrected", group, "retentionInDays",
        () -> aws.logs().putRetentionPolicy(p -> p.logGroupName(group).retentionInDays(1)),
        () -> retention.equals(aws.logs().describeLogGroups(d -> d.logGroupNamePrefix(group)).logGroups().get(0)
            .retentionInDays()));
  }

  @Test
  void deadLetterQueueRetentionShortenedIsRestored() {
    String queueUrl = aws.sqs().getQueueUrl(q -> q.queueName(name("upload-queue"))).queueUrl();
    String retention = aws.sqs().getQueueAttributes(a -> a.queueUrl(queueUrl)
        .attributeNames(QueueAttributeName.MESSAGE_RETENTION_PERIOD)).attributes()
        .get(QueueAttributeName.MESSAGE_RETENTION_PERIOD);
    assertReverted("DriftCorrected", name("upload-queue"), "MessageRetentionPeriod",
        () -> aws.sqs().setQueueAttributes(a -> a.queueUrl(queueUrl)
            .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "60"))),
        () -> retention.equals(aws.sqs().getQueueAttributes(a -> a.queueUrl(queueUrl)
            .attributeNames(QueueAttributeName.MESSAGE_RETENTION_PERIOD)).attributes()
            .get(QueueAttributeName.MESSAGE_RETENTION_PERIOD)));
  }

  @Test
  void publicAccessBlockRemovedIsRestored() {
    String bucket = name("bucket");
    assertReverted("DriftCorrected", bucket, "publicAccessBlock",
        () -> aws.s3().deletePublicAccessBlock(d -> d.bucket(bucket)),
        () -> Boolean.TRUE.equals(aws.s3().getPublicAccessBlock(g -> g.bucket(bucket))
            .publicAccessBlockConfiguration().restrictPublicBuckets()));
  }
}
