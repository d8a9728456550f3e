package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.ResourceStatus;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * crds/samples/full.yaml applied to the real API server with the operator running: every AWS resource is read
 * back from the emulator and checked against what the pipeline must be.
 */
class FullPipelineOnClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("full").withOperator("PT2S");
  private static AwsClients aws;
  private static FinancialPipeline ready;

  @BeforeAll
  static void applyFullSample() throws Exception {
    aws = Moto.clients();
    try (InputStream in = Files.newInputStream(TestGround.repoRoot().resolve("crds/samples/full.yaml"))) {
      FinancialPipeline fp = TestGround.kubernetes().resources(FinancialPipeline.class).load(in).item();
      fp.getMetadata().setNamespace(cluster.namespace());
      fp.getSpec().region = Moto.region();
      TestGround.kubernetes().resource(fp).create();
    }
    ready = Pipelines.awaitReady(cluster.namespace(), "ledger");
  }

  private static ResourceStatus resource(String component) {
    return ready.getStatus().resources.stream().filter(r -> r.component.equals(component)).findFirst().orElseThrow();
  }

  private static String arn(String component) {
    return resource(component).arn;
  }

  private static String name(String component) {
    return resource(component).name;
  }

  private static String apiId() {
    return arn("api").substring(arn("api").lastIndexOf(':') + 1);
  }

  @Test
  void statusListsEveryResourceReadyWithItsArnAndTheApiUrl() {
    assertThat(ready.getStatus().resources).hasSize(PipelineConverger.COMPONENTS)
        .allSatisfy(r -> assertThat(r.state).as(r.component).isEqualTo("Ready"))
        .allSatisfy(r -> assertThat(r.arn).as(r.component).startsWith("arn:aws:"));
    assertThat(ready.getStatus().apiEndpointUrl)
        .isEqualTo("https://" + apiId() + ".execute-api." + Moto.region() + ".amazonaws.com/prod");
    assertThat(ready.getStatus().phase.name()).isEqualTo("Ready");
  }

  @Test
  void everyRouteIsAnIamAuthorisedLambdaProxyToTheRightFunction() {
    var resources = aws.apiGateway().getResources(r -> r.restApiId(apiId()).embed("methods").limit(500)).items();
    record Route(String path, String method, String component) {
    }
    for (Route route : List.of(new Route("/upload", "POST", "upload-function"),
        new Route("/status/{jobId}", "GET", "status-function"), new Route("/results/{jobId}", "GET", "results-function"))) {
      String resourceId = resources.stream().filter(r -> route.path().equals(r.path())).findFirst().orElseThrow().id();
      var method = aws.apiGateway().getMethod(m -> m.restApiId(apiId()).resourceId(resourceId)
          .httpMethod(route.method()));
      assertThat(method.authorizationType()).isEqualTo("AWS_IAM");
      var integration = method.methodIntegration();
      assertThat(integration.typeAsString()).isEqualTo("AWS_PROXY");
      assertThat(integration.httpMethod()).isEqualTo("POST");
      assertThat(integration.uri()).isEqualTo("arn:aws:apigateway:" + Moto.region()
          + ":lambda:path/2015-03-31/functions/" + arn(route.component()) + "/invocations");
    }
    var stage = aws.apiGateway().getStage(s -> s.restApiId(apiId()).stageName("prod"));
    assertThat(stage.tracingEnabled()).isTrue();
    assertThat(stage.methodSettings().get("*/*").throttlingBurstLimit()).isEqualTo(100);
    assertThat(stage.methodSettings().get("*/*").throttlingRateLimit()).isEqualTo(50.0);
  }

  @Test
  void invokePermissionsNameTheRouteOrTheBucketAndAccount() throws Exception {
    String execution = "arn:aws:execute-api:" + Moto.region() + ":" + Moto.ACCOUNT_ID + ":" + apiId();
    assertThat(statement("upload-function", "apigateway.amazonaws.com").at("/Condition/ArnLike/AWS:SourceArn")
        .asText()).isEqualTo(execution + "/prod/POST/upload");
    assertThat(statement("status-function", "apigateway.amazonaws.com").at("/Condition/ArnLike/AWS:SourceArn")
        .asText()).isEqualTo(execution + "/prod/GET/status/*");
    JsonNode s3 = statement("processor-function", "s3.amazonaws.com");
    assertThat(s3.at("/Condition/ArnLike/AWS:SourceArn").asText()).isEqualTo("arn:aws:s3:::" + name("bucket"));
    assertThat(s3.at("/Condition/StringEquals/AWS:SourceAccount").asText()).isEqualTo(Moto.ACCOUNT_ID);
    assertThat(s3.get("Action").asText()).isEqualTo("lambda:InvokeFunction");
  }

  private static JsonNode statement(String functionComponent, String principal) throws Exception {
    JsonNode policy = JSON.readTree(aws.lambda().getPolicy(p -> p.functionName(arn(functionComponent))).policy());
    for (JsonNode s : policy.get("Statement")) {
      if (principal.equals(s.at("/Principal/Service").asText())) {
        return s;
      }
    }
    throw new AssertionError("no statement for " + principal + " in " + policy);
  }

  @Test
  void uploadRoleMayOnlyWriteIncomingAndStatusLogToItsGroupAndSendToItsQueue() throws Exception {
    Set<String> grants = grants(name("upload-role"));
    String logGroup = "arn:aws:logs:" + Moto.region() + ":" + Moto.ACCOUNT_ID + ":log-group:" + name("upload-log-group");
    String bucket = "arn:aws:s3:::" + name("bucket");
    assertThat(grants).containsExactlyInAnyOrder(
        "logs:CreateLogStream " + logGroup, "logs:CreateLogStream " + logGroup + ":*",
        "logs:PutLogEvents " + logGroup, "logs:PutLogEvents " + logGroup + ":*",
        "xray:PutTraceSegments *", "xray:PutTelemetryRecords *",
        "s3:PutObject " + bucket + "/incoming/*", "s3:PutObject " + bucket + "/status/*",
        "sqs:SendMessage " + arn("upload-queue"));
  }

  @Test
  void processorRoleReadsIncomingAndWritesOnlyItsOutputs() throws Exception {
    Set<String> grants = grants(name("processor-role"));
    String bucket = "arn:aws:s3:::" + name("bucket");
    assertThat(grants).contains("s3:GetObject " + bucket + "/incoming/*", "s3:DeleteObject " + bucket + "/incoming/*",
        "s3:PutObject " + bucket + "/processed/*", "s3:PutObject " + bucket + "/results/*",
        "s3:PutObject " + bucket + "/status/*", "sqs:SendMessage " + arn("processor-queue"));
    assertThat(grants).noneMatch(g -> g.startsWith("s3:DeleteObject") && !g.endsWith("/incoming/*"))
        .noneMatch(g -> g.contains("*") && g.startsWith("s3:") && g.endsWith(bucket + "/*"))
        .noneMatch(g -> g.split(" ")[0].contains("*"))
        .allMatch(g -> !g.endsWith(" *") || g.startsWith("xray:"));
  }

  /** The role's inline policies as "action resource" pairs. */
  private static Set<String> grants(String role) throws Exception {
    Set<String> grants = new HashSet<>();
    for (String policyName : aws.iam().listRolePolicies(r -> r.roleName(role)).policyNames()) {
      String document = aws.iam().getRolePolicy(p -> p.roleName(role).policyName(policyName)).policyDocument();
      JsonNode doc = JSON.readTree(document.startsWith("{") ? document
          : URLDecoder.decode(document, StandardCharsets.UTF_8));
      for (JsonNode s : doc.get("Statement")) {
        assertThat(s.get("Effect").asText()).isEqualTo("Allow");
        for (JsonNode action : list(s.get("Action"))) {
          for (JsonNode resource : list(s.get("Resource"))) {
            grants.add(action.asText() + " " + resource.asText());
          }
        }
      }
    }
    assertThat(aws.iam().listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies()).isEmpty();
    return grants;
  }

  private static Iterable<JsonNode> list(JsonNode node) {
    return node.isArray() ? node : List.of(node);
  }

  @Test
  void functionsRunTheShippedHandlersTracedWithTwoAsyncRetries() {
    var processor = aws.lambda().getFunction(f -> f.functionName(arn("processor-function"))).configuration();
    assertThat(processor.runtimeAsString()).isEqualTo("java21");
    assertThat(processor.handler()).isEqualTo("dev.finpipe.handlers.ProcessorHandler::handleRequest");
    assertThat(processor.memorySize()).isEqualTo(1024);
    assertThat(processor.timeout()).isEqualTo(300);
    assertThat(processor.tracingConfig().modeAsString()).isEqualTo("Active");
    assertThat(processor.environment().variables()).containsEntry("BUCKET_NAME", name("bucket"))
        .containsEntry("INCOMING_PREFIX", "incoming/");
    assertThat(processor.role()).isEqualTo(arn("processor-role"));
    var upload = aws.lambda().getFunction(f -> f.functionName(arn("upload-function"))).configuration();
    assertThat(upload.memorySize()).isEqualTo(512);
    assertThat(upload.timeout()).isEqualTo(28);
    var async = aws.lambda().getFunctionEventInvokeConfig(c -> c.functionName(arn("upload-function")));
    assertThat(async.maximumRetryAttempts()).isEqualTo(2);
  }

  @Test
  void deadLetterQueuesAreEncryptedAndKeepFailedEventsFourteenDays() {
    String url = aws.sqs().getQueueUrl(q -> q.queueName(name("processor-queue"))).queueUrl();
    var attributes = aws.sqs().getQueueAttributes(a -> a.queueUrl(url).attributeNamesWithStrings("All"))
        .attributesAsStrings();
    assertThat(attributes).containsEntry("SqsManagedSseEnabled", "true").containsEntry("MessageRetentionPeriod",
        "1209600");
  }

  @Test
  void alarmsComputeTheErrorRateInPercentWithValidMetricMath() {
    var alarm = aws.cloudWatch().describeAlarms(a -> a.alarmNames(name("upload-alarm"))).metricAlarms().get(0);
    assertThat(alarm.threshold()).isEqualTo(1.0);
    assertThat(alarm.comparisonOperatorAsString()).isEqualTo("GreaterThanThreshold");
    assertThat(alarm.treatMissingData()).isEqualTo("notBreaching");
    assertThat(alarm.evaluationPeriods()).isEqualTo(2);
    assertThat(alarm.datapointsToAlarm()).isEqualTo(2);
    var byId = new java.util.HashMap<String, software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery>();
    alarm.metrics().forEach(m -> byId.put(m.id(), m));
    assertThat(byId.get("e1").expression()).isEqualTo("IF(m2 > 0, 100 * m1 / m2, 0)");
    assertThat(byId.get("e1").returnData()).isTrue();
    assertThat(byId.get("m1").metricStat().metric().metricName()).isEqualTo("Errors");
    assertThat(byId.get("m2").metricStat().metric().metricName()).isEqualTo("Invocations");
    assertThat(byId.get("m1").metricStat().metric().dimensions().get(0).value()).isEqualTo(name("upload-function"));
    assertThat(byId.get("m1").metricStat().stat()).isEqualTo("Sum");
    assertThat(byId.get("m1").returnData()).isFalse();
  }

  @Test
  void newFilesInIncomingInvokeTheProcessor() {
    var lambdas = aws.s3().getBucketNotificationConfiguration(n -> n.bucket(name("bucket")))
        .lambdaFunctionConfigurations();
    assertThat(lambdas).singleElement().satisfies(c -> {
      assertThat(c.lambdaFunctionArn()).isEqualTo(arn("processor-function"));
      assertThat(c.eventsAsStrings()).containsExactly("s3:ObjectCreated:*");
      assertThat(c.filter().key().filterRules().get(0).value()).isEqualTo("incoming/");
    });
    var lifecycle = aws.s3().getBucketLifecycleConfiguration(b -> b.bucket(name("bucket"))).rules().get(0);
    assertThat(lifecycle.filter().prefix()).isEqualTo("processed/");
    assertThat(lifecycle.expiration().days()).isEqualTo(30);
  }

  static void awaitEvent(String reason, String text) {
    await().atMost(TestGround.timeout()).untilAsserted(() -> assertThat(TestGround.kubernetes().v1().events()
        .inNamespace(cluster.namespace()).list().getItems()).anySatisfy(e -> {
          assertThat(e.getReason()).isEqualTo(reason);
          assertThat(e.getMessage()).contains(text);
        }));
  }
}
