package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The function runner has teeth, without a pipeline: a function created in the AWS emulator with the operator's
 * handlers jar runs through the Lambda runtime when handler string, environment and code are right, and fails to
 * invoke when the handler string is wrong, when an environment variable the handler needs has another name, or
 * when a class is missing from the jar. Each case reads its definition back from the emulator, as the data-path
 * test does.
 */
@Order(6)
class LambdaRuntimeEmulatorTest {
  private static final String STATUS_HANDLER = "dev.finpipe.handlers.StatusHandler::handleRequest";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static LambdaClient lambda;
  private static IamClient iam;
  private static S3Client s3;
  private static String roleArn;
  private static String bucket;
  private static byte[] code;

  @BeforeAll
  static void clients() {
    URI endpoint = URI.create(E2eEnvironment.awsEndpoint());
    Region region = Region.of(E2eEnvironment.awsRegion());
    lambda = LambdaClient.builder().endpointOverride(endpoint).region(region).build();
    iam = IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL).build();
    s3 = S3Client.builder().endpointOverride(endpoint).region(region).forcePathStyle(true).build();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    roleArn = iam.createRole(b -> b.roleName("rie-test-" + suffix).assumeRolePolicyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
            + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
    bucket = "rie-test-" + suffix;
    s3.createBucket(b -> b.bucket(bucket));
    code = LambdaRuntimeEmulator.operatorEmbeddedCode();
  }

  @AfterAll
  static void close() {
    s3.deleteBucket(b -> b.bucket(bucket));
    lambda.close();
    iam.close();
    s3.close();
  }

  @Test
  void theDeployedStatusFunctionAnswersAnUnknownJobWith404() {
    try (LambdaRuntimeEmulator f = deploy(STATUS_HANDLER, Map.of("BUCKET_NAME", bucket), code)) {
      JsonNode response = f.invoke(statusRequest()).result();
      assertThat(response.get("statusCode").asInt()).as(f.log()).isEqualTo(404);
    }
  }

  @Test
  void aWrongHandlerStringFailsToInvoke() {
    try (LambdaRuntimeEmulator f = deploy("dev.finpipe.handlers.StatusHandlr::handleRequest",
        Map.of("BUCKET_NAME", bucket), code)) {
      var invocation = f.invoke(statusRequest());
      assertThat(invocation.errorType()).contains("java.lang.ClassNotFoundException");
      assertThatThrownBy(invocation::result).hasMessageContaining("StatusHandlr");
    }
  }

  @Test
  void aRenamedEnvironmentVariableFailsToInvoke() {
    try (LambdaRuntimeEmulator f = deploy(STATUS_HANDLER, Map.of("BUCKET", bucket), code)) {
      var invocation = f.invoke(statusRequest());
      assertThat(invocation.errorType()).as(f.log()).isPresent();
      assertThat(invocation.payload().toString()).contains("BUCKET_NAME is not set");
    }
  }

  @Test
  void aClassMissingFromTheJarFailsToInvoke() {
    byte[] withoutStore = without(code, "dev/finpipe/handlers/support/JobStore.class");
    try (LambdaRuntimeEmulator f = deploy(STATUS_HANDLER, Map.of("BUCKET_NAME", bucket), withoutStore)) {
      var invocation = f.invoke(statusRequest());
      assertThat(invocation.errorType()).as(f.log()).isPresent();
      assertThat(invocation.payload().toString()).contains("JobStore");
    }
  }

  @Test
  void codeThatIsNotTheDeployedCodeIsRefused() {
    String name = createFunction(STATUS_HANDLER, Map.of("BUCKET_NAME", bucket), code);
    byte[] other = without(code, "dev/finpipe/handlers/support/JobStore.class");
    assertThatThrownBy(() -> LambdaRuntimeEmulator.start(lambda, name, other))
        .hasMessageContaining("is not the code deployed");
  }

  /** Creates the function in the AWS emulator, then runs it from what the emulator reads back. */
  private static LambdaRuntimeEmulator deploy(String handler, Map<String, String> env, byte[] zip) {
    return LambdaRuntimeEmulator.start(lambda, createFunction(handler, env, zip), zip);
  }

  private static String createFunction(String handler, Map<String, String> env, byte[] zip) {
    String name = "rie-test-" + UUID.randomUUID().toString().substring(0, 8);
    lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA21).handler(handler).role(roleArn)
        .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).memorySize(256).timeout(30)
        .environment(e -> e.variables(new LinkedHashMap<>(env))));
    return name;
  }

  /** An API Gateway proxy event of GET /status/{jobId} with an unknown job id (only the fields the handler reads). */
  private static String statusRequest() {
    String jobId = UUID.randomUUID().toString();
    var event = JSON.createObjectNode().put("resource", "/status/{jobId}").put("path", "/status/" + jobId)
        .put("httpMethod", "GET");
    event.putObject("pathParameters").put("jobId", jobId);
    return event.toString();
  }

  private static byte[] without(byte[] zip, String entryName) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean removed = false;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream copy = new ZipOutputStream(out)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(entryName)) {
          removed = true;
          continue;
        }
        copy.putNextEntry(new ZipEntry(e.getName()));
        in.transferTo(copy);
        copy.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(removed).as("%s in the handlers jar", entryName).isTrue();
    return out.toByteArray();
  }
}
