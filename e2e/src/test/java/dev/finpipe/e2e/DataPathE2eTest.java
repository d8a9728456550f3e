package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetIntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The whole data path through the functions the operator deployed, each executed as Lambda executes it
 * ({@link LambdaRuntimeEmulator}) and wired only from what the AWS emulator reads back: a pipeline becomes Ready;
 * {@code POST /upload} goes, as an API Gateway proxy event, to the function its REST API integration names; the
 * stored object raises the S3 event the bucket's notification configuration sends to the processor;
 * {@code GET /status/{jobId}} says COMPLETED and {@code GET /results/{jobId}} holds the exact aggregates of a known
 * CSV. Each function runs with its execution role's credentials (STS AssumeRole of the role the operator created)
 * through the AWS behaviour layer, which enforces the role's policy: a role too tight fails the data path, and each
 * role is shown to be denied what its function must not do.
 */
@Order(7)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataPathE2eTest {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesClient ADMIN = Cluster.admin();
  /** Known rows: 4 accepted (2 currencies, 3 account/currency pairs), a duplicate id and a bad amount rejected. */
  private static final String CSV = """
      transaction_id,account_id,amount,currency,timestamp
      t1,acc-1,100.10,USD,2024-01-31T09:30:00Z
      t2,acc-1,-20.05,USD,2024-01-31T10:00:00Z
      t3,acc-2,50.00,EUR,2024-02-01T00:00:00Z
      t4,acc-2,0.01,USD,2024-02-01T08:00:00+01:00
      t2,acc-3,5.00,USD,2024-02-01T09:00:00Z
      t5,acc-3,1e3,USD,2024-02-01T09:00:00Z
      """;
  private static String releaseNamespace;
  private static String pipelineNamespace;
  private static OperatorRelease release;
  private static RunningOperator operator;
  private static FinancialPipelines pipelines;
  private static LambdaClient lambda;
  private static S3Client s3;
  private static ApiGatewayClient apiGateway;
  private static final Map<String, LambdaRuntimeEmulator> functions = new HashMap<>();
  private static String pipeline;
  private static String jobId;
  private static String restApiId;

  @BeforeAll
  static void setUp() {
    URI endpoint = URI.create(E2eEnvironment.awsEndpoint());
    Region region = Region.of(E2eEnvironment.awsRegion());
    lambda = LambdaClient.builder().endpointOverride(endpoint).region(region).build();
    s3 = S3Client.builder().endpointOverride(endpoint).region(region).forcePathStyle(true).build();
    apiGateway = ApiGatewayClient.builder().endpointOverride(endpoint).region(region).build();
    LambdaRuntimeEmulator.binary(); // built before the clock of the pipeline starts
    releaseNamespace = Cluster.createNamespace("fpe2e-data-operator");
    pipelineNamespace = Cluster.createNamespace("fpe2e-data");
    pipelines = new FinancialPipelines(ADMIN, pipelineNamespace);
    release = OperatorRelease.install(ADMIN, new HelmCli(E2eEnvironment.chart()), "fpo-data", releaseNamespace,
        Map.of("watchNamespaces", "{" + pipelineNamespace + "}"));
    operator = release.startOperator(pipelineNamespace);
  }

  @AfterAll
  static void cleanUp() {
    functions.values().forEach(LambdaRuntimeEmulator::close);
    OperatorRelease.tearDown(operator, release, pipelines, pipelineNamespace, releaseNamespace);
    lambda.close();
    s3.close();
    apiGateway.close();
  }

  @Test
  @Order(1)
  void aCsvUploadedThroughTheApiIsProcessedAndItsResultsServed() {
    pipeline = pipelines.createFrom(E2eEnvironment.repoRoot().resolve("crds/samples/minimal.yaml"));
    Eventually.await("Ready=True on " + pipeline, READY_TIMEOUT, operator, () -> pipelines.isReady(pipeline),
        () -> pipelines.describe(pipeline));
    // The status reports the REST API by its execution ARN, arn:aws:execute-api:<region>:<account>:<id>.
    String executionArn = resourceName(pipeline, "API Gateway REST API", "arn");
    restApiId = executionArn.substring(executionArn.lastIndexOf(':') + 1);
    String bucket = resourceName(pipeline, "S3 bucket", "name");
    Api api = new Api(restApiId);
    // The bucket policy denies requests without TLS (aws:SecureTransport false). On AWS the functions reach S3
    // over HTTPS, so it never applies to them; moto ignores the condition and denies every object request. So,
    // the pipeline paused (no drift correction), the policy goes for the rest of this test: the second, and last,
    // difference from AWS, both about where AWS is.
    pipelines.patchSpec(pipeline, "{\"paused\":true}");
    Eventually.await("paused observed", READY_TIMEOUT, operator, () -> pipelines.isObserved(pipeline),
        () -> pipelines.describe(pipeline));
    assertThat(s3.getBucketPolicy(b -> b.bucket(bucket)).policy()).contains("aws:SecureTransport");
    s3.deleteBucketPolicy(b -> b.bucket(bucket));

    JsonNode uploaded = api.call("POST", "/upload", Map.of("Content-Type", "text/csv"), CSV);
    assertThat(uploaded.get("statusCode").asInt()).as("upload answer %s", uploaded).isEqualTo(202);
    JsonNode upload = body(uploaded);
    jobId = upload.get("jobId").asText();
    assertThat(upload.get("statusUrl").asText()).isEqualTo("/" + api.stage + "/status/" + jobId);

    // The object the upload stored, and the S3 event its notification configuration sends.
    String key = "incoming/" + jobId + ".csv";
    HeadObjectResponse object = s3.headObject(b -> b.bucket(bucket).key(key));
    LambdaFunctionConfiguration notification = s3.getBucketNotificationConfiguration(b -> b.bucket(bucket))
        .lambdaFunctionConfigurations().stream()
        .filter(c -> c.eventsAsStrings().stream().anyMatch(e -> e.equals("s3:ObjectCreated:*")
            || e.equals("s3:ObjectCreated:Put")))
        .filter(c -> key.startsWith(prefixOf(c)))
        .findFirst().orElseThrow(() -> new AssertionError("no Lambda notification of bucket " + bucket
            + " matches an object created at " + key));
    function(notification.lambdaFunctionArn()).invoke(s3Event(bucket, key, object, notification)).result();
    assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("processed/")).contents())
        .extracting(o -> o.key()).containsExactly("processed/" + jobId + ".csv");

    JsonNode status = api.call("GET", "/status/" + jobId, Map.of(), null);
    assertThat(status.get("statusCode").asInt()).as("status answer %s", status).isEqualTo(200);
    assertThat(body(status).get("state").asText()).isEqualTo("COMPLETED");

    JsonNode resultsAnswer = api.call("GET", "/results/" + jobId, Map.of(), null);
    assertThat(resultsAnswer.get("statusCode").asInt()).as("results answer %s", resultsAnswer).isEqualTo(200);
    JsonNode results = body(resultsAnswer);
    assertThat(results.get("jobId").asText()).isEqualTo(jobId);
    assertThat(results.get("rows").toString()).isEqualTo("{\"total\":6,\"accepted\":4,\"rejected\":2}");
    assertThat(results.get("totalsByCurrency").toString()).isEqualTo("["
        + "{\"currency\":\"EUR\",\"count\":1,\"sum\":\"50.00\",\"min\":\"50.00\",\"max\":\"50.00\"},"
        + "{\"currency\":\"USD\",\"count\":3,\"sum\":\"80.06\",\"min\":\"-20.05\",\"max\":\"100.10\"}]");
    assertThat(results.get("accounts").toString()).isEqualTo("["
        + "{\"accountId\":\"acc-1\",\"currency\":\"USD\",\"count\":2,\"sum\":\"80.05\",\"min\":\"-20.05\","
        + "\"max\":\"100.10\"},"
        + "{\"accountId\":\"acc-2\",\"currency\":\"EUR\",\"count\":1,\"sum\":\"50.00\",\"min\":\"50.00\","
        + "\"max\":\"50.00\"},"
        + "{\"accountId\":\"acc-2\",\"currency\":\"USD\",\"count\":1,\"sum\":\"0.01\",\"min\":\"0.01\","
        + "\"max\":\"0.01\"}]");
    assertThat(results.get("rejects").toString())
        .contains("\"line\":6", "duplicate transaction_id", "\"line\":7", "invalid amount");
  }

  /**
   * What each function's role must not do, tried with that role's credentials through the behaviour layer: IAM
   * answers 403 AccessDenied naming the role's session and the action. One allowed read per function that reads
   * shows the credentials themselves work.
   */
  @Test
  @Order(2)
  void eachFunctionsRoleIsDeniedWhatItsFunctionMustNotDo() {
    assertThat(jobId).as("the data path ran first").isNotNull();
    String bucket = resourceName(pipeline, "S3 bucket", "name");
    Map<String, List<String>> forbidden = Map.of(
        "UploadHandler", List.of("GET results/" + jobId + ".json", "GET incoming/" + jobId + ".csv",
            "DELETE status/" + jobId + ".json"),
        "StatusHandler", List.of("PUT results/" + jobId + ".json", "GET results/" + jobId + ".json",
            "PUT status/" + jobId + ".json"),
        "ResultsHandler", List.of("PUT results/" + jobId + ".json", "DELETE results/" + jobId + ".json",
            "GET processed/" + jobId + ".csv"),
        "ProcessorHandler", List.of("DELETE results/" + jobId + ".json", "PUT incoming/" + jobId + ".csv",
            "GET processed/" + jobId + ".csv"));
    List<Map<String, Object>> deployed = pipelines.statusResources(pipeline).stream()
        .filter(r -> "Lambda function".equals(r.get("kind"))).toList();
    assertThat(deployed).hasSize(forbidden.size());
    for (Map<String, Object> function : deployed) {
      var config = lambda.getFunctionConfiguration(b -> b.functionName(String.valueOf(function.get("arn"))));
      String handlerClass = config.handler().replaceAll("^.*\\.|::.*$", "");
      AwsIdentities.Keys role = AwsIdentities.assumeRole(config.role(), "iam-probe");
      try (S3Client asRole = S3Client.builder().endpointOverride(URI.create(E2eEnvironment.behaviourEndpoint()))
          .region(Region.of(E2eEnvironment.awsRegion())).forcePathStyle(true).credentialsProvider(role.provider())
          .build()) {
        assertThat(forbidden).as("denials known for %s", handlerClass).containsKey(handlerClass);
        for (String attempt : forbidden.get(handlerClass)) {
          String[] methodAndKey = attempt.split(" ", 2);
          S3Exception denied = org.junit.jupiter.api.Assertions.assertThrows(S3Exception.class,
              () -> s3Request(asRole, bucket, methodAndKey[0], methodAndKey[1]),
              handlerClass + "'s role may " + attempt);
          String action = Map.of("GET", "s3:GetObject", "PUT", "s3:PutObject", "DELETE", "s3:DeleteObject")
              .get(methodAndKey[0]);
          assertThat(denied.statusCode()).as("%s: %s", handlerClass, attempt).isEqualTo(403);
          assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
          assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo("User: " + role.principal()
              + " is not authorized to perform: " + action + " on resource: arn:aws:s3:::" + bucket + "/"
              + methodAndKey[1] + " because no identity-based policy allows the " + action + " action");
        }
        if (!handlerClass.equals("UploadHandler")) { // every reader reads status/
          assertThat(asRole.getObjectAsBytes(b -> b.bucket(bucket).key("status/" + jobId + ".json")).asUtf8String())
              .as("%s reads the status record", handlerClass).contains(jobId);
        }
      }
    }
  }

  /**
   * The status function run under the upload function's role (which may not read status/): S3 denies its read, so
   * it answers 500. A role too tight for its function fails the data path.
   */
  @Test
  @Order(3)
  void aFunctionUnderARoleWithoutItsPermissionsFails() {
    assertThat(jobId).as("the data path ran first").isNotNull();
    String uploadRole = pipelines.statusResources(pipeline).stream()
        .filter(r -> "Lambda function".equals(r.get("kind")))
        .map(r -> lambda.getFunctionConfiguration(b -> b.functionName(String.valueOf(r.get("arn")))))
        .filter(c -> c.handler().contains("UploadHandler")).findFirst().orElseThrow().role();
    java.util.concurrent.atomic.AtomicReference<LambdaRuntimeEmulator> started =
        new java.util.concurrent.atomic.AtomicReference<>();
    long deniedBefore = BehaviourLayer.stat("iam-enforcement");
    try {
      JsonNode answer = new Api(restApiId).call("GET", "/status/" + jobId, Map.of(), null, arn -> {
        started.set(LambdaRuntimeEmulator.start(LambdaRuntimeEmulator.Definition.of(
                lambda.getFunctionConfiguration(b -> b.functionName(arn))), LambdaRuntimeEmulator.operatorEmbeddedCode(),
            AwsIdentities.assumeRole(uploadRole, "wrong-role"), E2eEnvironment.behaviourEndpoint()));
        return started.get();
      });
      assertThat(answer.get("statusCode").asInt()).as("status answer under the upload role: %s", answer)
          .isEqualTo(500);
      assertThat(BehaviourLayer.stat("iam-enforcement")).as("denials counted by the layer").isGreaterThan(deniedBefore);
      assertThat(started.get().log()).contains("is not authorized to perform: s3:GetObject");
    } finally {
      if (started.get() != null) {
        started.get().close();
      }
    }
  }

  private static void s3Request(S3Client client, String bucket, String method, String key) {
    switch (method) {
      case "GET" -> client.getObjectAsBytes(b -> b.bucket(bucket).key(key));
      case "PUT" -> client.putObject(b -> b.bucket(bucket).key(key),
          software.amazon.awssdk.core.sync.RequestBody.fromString("{}"));
      case "DELETE" -> client.deleteObject(b -> b.bucket(bucket).key(key));
      default -> throw new IllegalArgumentException(method);
    }
  }

  /** The REST API as its resources, methods and integrations define it (read back), with one stage. */
  private static final class Api {
    private final String restApiId;
    private final String stage;
    private final List<Resource> resources;

    Api(String restApiId) {
      this.restApiId = restApiId;
      var stages = apiGateway.getStages(b -> b.restApiId(restApiId)).item();
      assertThat(stages).as("stages of REST API %s", restApiId).hasSize(1);
      this.stage = stages.get(0).stageName();
      this.resources = apiGateway.getResources(b -> b.restApiId(restApiId).limit(500)).items();
    }

    /**
     * Sends the request API Gateway would send to the method's AWS_PROXY integration: the Lambda proxy
     * integration's input format ("Input format of a Lambda function for proxy integration",
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html).
     * Its answer is the function's output ({statusCode, headers, body}).
     */
    JsonNode call(String method, String path, Map<String, String> headers, String body) {
      return call(method, path, headers, body, DataPathE2eTest::function);
    }

    /** The same, run by the function {@code runner} starts for the integration's function ARN. */
    JsonNode call(String method, String path, Map<String, String> headers, String body,
                  java.util.function.Function<String, LambdaRuntimeEmulator> runner) {
      Map<String, String> pathParameters = new HashMap<>();
      Resource resource = resources.stream().filter(r -> matches(r.path(), path, pathParameters)).findFirst()
          .orElseThrow(() -> new AssertionError("no resource of REST API " + restApiId + " matches " + path));
      assertThat(resource.resourceMethods()).as("methods of %s", resource.path()).containsKey(method);
      GetIntegrationResponse integration = apiGateway.getIntegration(b -> b.restApiId(restApiId)
          .resourceId(resource.id()).httpMethod(method));
      assertThat(integration.type()).as("integration of %s %s", method, resource.path())
          .isEqualTo(IntegrationType.AWS_PROXY);
      // Proxy integrations call Lambda's Invoke with POST, whatever the client's method.
      assertThat(integration.httpMethod()).isEqualTo("POST");
      String functionArn = functionArnOf(integration.uri());

      ObjectNode event = JSON.createObjectNode();
      event.put("resource", resource.path());
      event.put("path", path);
      event.put("httpMethod", method);
      ObjectNode h = event.putObject("headers");
      ObjectNode mh = event.putObject("multiValueHeaders");
      headers.forEach((k, v) -> {
        h.put(k, v);
        mh.putArray(k).add(v);
      });
      event.putNull("queryStringParameters");
      event.putNull("multiValueQueryStringParameters");
      if (pathParameters.isEmpty()) {
        event.putNull("pathParameters");
      } else {
        ObjectNode p = event.putObject("pathParameters");
        pathParameters.forEach(p::put);
      }
      event.putNull("stageVariables");
      ObjectNode context = event.putObject("requestContext");
      context.put("resourceId", resource.id());
      context.put("resourcePath", resource.path());
      context.put("httpMethod", method);
      context.put("path", "/" + stage + path);
      context.put("stage", stage);
      context.put("apiId", restApiId);
      context.put("accountId", functionArn.split(":")[4]);
      context.put("requestId", UUID.randomUUID().toString());
      context.put("protocol", "HTTP/1.1");
      context.put("requestTimeEpoch", Instant.now().toEpochMilli());
      context.putObject("identity").put("sourceIp", "127.0.0.1").put("userAgent", "finpipe-e2e");
      if (body == null) {
        event.putNull("body");
      } else {
        event.put("body", body);
      }
      event.put("isBase64Encoded", false);
      return runner.apply(functionArn).invoke(event.toString()).result();
    }

    /** A path against a resource template such as /status/{jobId}, collecting the path parameters. */
    private static boolean matches(String template, String path, Map<String, String> parameters) {
      String[] t = template.split("/");
      String[] p = path.split("/");
      if (t.length != p.length) {
        return false;
      }
      Map<String, String> found = new HashMap<>();
      for (int i = 0; i < t.length; i++) {
        if (t[i].startsWith("{") && t[i].endsWith("}")) {
          found.put(t[i].substring(1, t[i].length() - 1), p[i]);
        } else if (!t[i].equals(p[i])) {
          return false;
        }
      }
      parameters.putAll(found);
      return true;
    }

    /** arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations */
    private static String functionArnOf(String uri) {
      int start = uri.indexOf("/functions/");
      int end = uri.lastIndexOf("/invocations");
      assertThat(start).as("Lambda integration URI %s", uri).isPositive();
      assertThat(end).as("Lambda integration URI %s", uri).isGreaterThan(start);
      return uri.substring(start + "/functions/".length(), end);
    }
  }

  /**
   * The event S3 sends a Lambda destination for an object created by PUT ("Event message structure",
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html): event name
   * without the "s3:" prefix, the configuration's id, the object key URL-encoded, size and ETag.
   */
  private static String s3Event(String bucket, String key, HeadObjectResponse object,
                                LambdaFunctionConfiguration notification) {
    ObjectNode record = JSON.createObjectNode();
    record.put("eventVersion", "2.1");
    record.put("eventSource", "aws:s3");
    record.put("awsRegion", E2eEnvironment.awsRegion());
    record.put("eventTime", Instant.now().toString());
    record.put("eventName", "ObjectCreated:Put");
    record.putObject("userIdentity").put("principalId", "AWS:E2E");
    record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
    record.putObject("responseElements").put("x-amz-request-id", "E2E").put("x-amz-id-2", "E2E");
    ObjectNode s3Entity = record.putObject("s3");
    s3Entity.put("s3SchemaVersion", "1.0");
    s3Entity.put("configurationId", notification.id());
    s3Entity.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket)
        .putObject("ownerIdentity").put("principalId", "E2E");
    s3Entity.putObject("object")
        .put("key", List.of(key.split("/", -1)).stream().map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8))
            .collect(Collectors.joining("/")))
        .put("size", object.contentLength())
        .put("eTag", object.eTag().replace("\"", ""))
        .put("sequencer", "0055AED6DCD90281E5");
    ObjectNode event = JSON.createObjectNode();
    event.putArray("Records").add(record);
    return event.toString();
  }

  private static String prefixOf(LambdaFunctionConfiguration c) {
    if (c.filter() == null || c.filter().key() == null) {
      return "";
    }
    return c.filter().key().filterRules().stream().filter(r -> "prefix".equalsIgnoreCase(r.nameAsString()))
        .map(r -> r.value()).findFirst().orElse("");
  }

  /**
   * The function of this ARN, running under its execution role through the behaviour layer (started on first use,
   * then reused).
   */
  private static LambdaRuntimeEmulator function(String arn) {
    return functions.computeIfAbsent(arn, a -> LambdaRuntimeEmulator.startUnderItsRole(lambda, a,
        LambdaRuntimeEmulator.operatorEmbeddedCode(), E2eEnvironment.behaviourEndpoint()));
  }

  private static String resourceName(String pipeline, String kind, String field) {
    Optional<Object> value = pipelines.statusResources(pipeline).stream().filter(r -> kind.equals(r.get("kind")))
        .map(r -> r.get(field)).findFirst();
    return String.valueOf(value.orElseThrow(() -> new AssertionError("no " + kind + " in the status of " + pipeline
        + ": " + pipelines.describe(pipeline))));
  }

  private static JsonNode body(JsonNode proxyResponse) {
    try {
      return JSON.readTree(proxyResponse.get("body").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
