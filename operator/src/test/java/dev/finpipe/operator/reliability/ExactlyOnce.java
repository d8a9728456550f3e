package dev.finpipe.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.ResourceStatus;
import dev.finpipe.operator.aws.client.AwsClients;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a converged pipeline's AWS resources exist exactly once, even where AWS (or the emulator)
 * would happily create a second one when a call is retried: REST APIs (ids are server-generated), permission
 * statements, async invoke configs, API routes, bucket notifications.
 */
final class ExactlyOnce {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FUNCTIONS = List.of("upload", "status", "results", "processor");

  private ExactlyOnce() {
  }

  /** Checks them all and reports every duplicate at once (soft assertions), not only the first. */
  static void assertSingleInstances(AwsClients aws, FinancialPipeline fp) {
    org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
    check(soft, aws, fp);
    soft.assertAll();
  }

  static void check(org.assertj.core.api.SoftAssertions soft, AwsClients aws, FinancialPipeline fp) {
    String who = fp.getMetadata().getName() + ": ";
    String apiName = resource(fp, "api").name;
    var apis = aws.apiGateway().getRestApis(r -> r.limit(500)).items().stream()
        .filter(a -> a.name().equals(apiName)).toList();
    soft.assertThat(apis).as(who + "REST APIs named " + apiName).hasSize(1);
    if (apis.isEmpty()) {
      return;
    }
    String apiId = apis.get(0).id();
    var paths = aws.apiGateway().getResources(r -> r.restApiId(apiId).limit(500)).items().stream()
        .map(r -> r.path()).toList();
    soft.assertThat(paths).as(who + "API resource paths").doesNotHaveDuplicates();
    soft.assertThat(aws.apiGateway().getStages(s -> s.restApiId(apiId)).item()).as(who + "stages").hasSize(1);

    for (String f : FUNCTIONS) {
      String function = resource(fp, f + "-function").name;
      soft.assertThat(eventInvokeConfigs(function)).as(who + "async configs of " + function).isEqualTo(1);
      List<String> sids = new ArrayList<>();
      List<String> principals = new ArrayList<>();
      for (JsonNode s : statements(aws, function)) {
        sids.add(s.get("Sid").asText());
        principals.add(s.at("/Principal/Service").asText());
      }
      soft.assertThat(sids).as(who + "permission Sids of " + function).doesNotHaveDuplicates();
      soft.assertThat(principals).as(who + "invoke permissions of " + function).hasSize(1);
    }
    String bucket = resource(fp, "bucket").name;
    soft.assertThat(aws.s3().getBucketNotificationConfiguration(n -> n.bucket(bucket)).lambdaFunctionConfigurations())
        .as(who + "bucket notifications").hasSize(1);
    soft.assertThat(aws.cloudWatch().describeAlarms(a -> a.alarmNamePrefix(prefixOf(resource(fp, "upload-alarm").name)))
        .metricAlarms()).as(who + "alarms").hasSize(4);
  }

  /** No REST API of the namespace survives (a duplicate left by a retried create would). */
  static void assertNoRestApiNamed(AwsClients aws, String namespace) {
    assertThat(aws.apiGateway().getRestApis(r -> r.limit(500)).items().stream()
        .filter(a -> a.name().contains("_" + namespace + "_")).map(a -> a.name() + " " + a.id()).toList())
        .as("REST APIs left in " + namespace).isEmpty();
  }

  /**
   * Read without the SDK: moto's timestamps in this listing do not parse in SDK 2.40.2, and moto appends a
   * config on every put (so a repeated put shows here). moto does not check signatures.
   */
  private static int eventInvokeConfigs(String function) {
    try {
      var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          dev.finpipe.operator.testing.Moto.endpoint().resolve("/2019-09-25/functions/" + function
              + "/event-invoke-config/list"))
          // moto routes by the credential scope of Authorization; it does not check the signature.
          .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/lambda/aws4_request, "
              + "SignedHeaders=host, Signature=0").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body()).get("FunctionEventInvokeConfigs").size();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String prefixOf(String uploadAlarm) {
    return uploadAlarm.substring(0, uploadAlarm.lastIndexOf("_upload_"));
  }

  private static Iterable<JsonNode> statements(AwsClients aws, String function) {
    try {
      return JSON.readTree(aws.lambda().getPolicy(p -> p.functionName(function)).policy()).get("Statement");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ResourceStatus resource(FinancialPipeline fp, String component) {
    return fp.getStatus().resources.stream().filter(r -> r.component.equals(component)).findFirst()
        .orElseThrow(() -> new AssertionError("no status entry " + component + " in " + fp.getMetadata().getName()));
  }
}
