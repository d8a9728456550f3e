package dev.finpipe.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.finpipe.handlers.testing.Events;
import dev.finpipe.handlers.testing.Pipeline;
import dev.finpipe.handlers.testing.PresignedUrls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UploadHandlerTest {
  private static final String SMALL_CSV =
      "transaction_id,account_id,amount,currency,timestamp\nt-1,ACC-1,12.50,USD,2024-01-31T09:30:00Z\n";

  private final Pipeline pipeline = new Pipeline("MAX_UPLOAD_BYTES", "1000");

  @Test
  void storesAPlainCsvBodyAsANewJob() {
    APIGatewayProxyRequestEvent request = Events.apiGateway("apigw-upload-csv.json");

    APIGatewayProxyResponseEvent response = pipeline.upload.handleRequest(request, pipeline.context);

    assertThat(response.getStatusCode()).isEqualTo(202);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    JsonNode body = Pipeline.body(response);
    String jobId = body.get("jobId").asText();
    assertThat(jobId).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(body.get("statusUrl").asText()).isEqualTo("/prod/status/" + jobId);
    assertThat(body.get("resultsUrl").asText()).isEqualTo("/prod/results/" + jobId);
    assertThat(pipeline.object("incoming/" + jobId + ".csv")).contains(request.getBody());
    assertThat(pipeline.statusJson(jobId).get("state").asText()).isEqualTo("RECEIVED");
  }

  @Test
  void decodesABase64Body() {
    APIGatewayProxyRequestEvent request = Events.apiGateway("apigw-upload-base64.json");

    APIGatewayProxyResponseEvent response = pipeline.upload.handleRequest(request, pipeline.context);

    assertThat(response.getStatusCode()).isEqualTo(202);
    String jobId = Pipeline.body(response).get("jobId").asText();
    assertThat(pipeline.object("incoming/" + jobId + ".csv"))
        .contains("transaction_id,account_id,amount,currency,timestamp,description\n"
            + "b-1,ACC-9,19.99,GBP,2024-05-01T12:00:00+01:00,\"Tea, Earl Grey\"\n"
            + "b-2,ACC-9,0.01,GBP,2024-05-01T12:05:00+01:00,Café\n");
  }

  @Test
  void rejectsAnEmptyBody() {
    assertRejected(Events.apiGateway("apigw-upload-csv.json", json -> json.put("body", "")), 400, "empty");
    assertRejected(Events.apiGateway("apigw-upload-csv.json", json -> json.putNull("body")), 400, "empty");
    assertRejected(Events.apiGateway("apigw-upload-csv.json", json -> json.put("body", " \n ")), 400, "empty");
  }

  @Test
  void rejectsAnOversizedBodyWith413() {
    String big = SMALL_CSV + "x".repeat(1001);
    assertRejected(Events.apiGateway("apigw-upload-csv.json", json -> json.put("body", big)), 413, "mode=presign");

    String bigEncoded = Base64.getEncoder().encodeToString(Pipeline.utf8(big));
    assertRejected(
        Events.apiGateway("apigw-upload-base64.json", json -> json.put("body", bigEncoded)), 413, "larger than 1000");
  }

  @Test
  void acceptsABodyOfExactlyTheLimit() {
    String exact = SMALL_CSV + "x".repeat(1000 - SMALL_CSV.length());
    APIGatewayProxyRequestEvent request = Events.apiGateway("apigw-upload-csv.json", json -> json.put("body", exact));

    assertThat(pipeline.upload.handleRequest(request, pipeline.context).getStatusCode()).isEqualTo(202);
  }

  @Test
  void rejectsBodiesThatAreNotCsv() {
    assertRejected(Events.apiGateway("apigw-upload-csv.json",
        json -> json.withObjectProperty("headers").put("content-type", "application/json")), 400, "not CSV");
    String png = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xff});
    assertRejected(Events.apiGateway("apigw-upload-base64.json", json -> json.put("body", png)), 400, "not");
    assertRejected(Events.apiGateway("apigw-upload-base64.json", json -> json.put("body", "%%%not base64")),
        400, "not valid base64");
    assertRejected(Events.apiGateway("apigw-upload-csv.json", json -> json.put("body", "a,b\u0000c\n")), 400, "binary");
  }

  @Test
  void rejectsAnUnknownMode() {
    assertRejected(Events.apiGateway("apigw-upload-csv.json",
        json -> json.putObject("queryStringParameters").put("mode", "zip")), 400, "unknown mode");
  }

  @Test
  void handsOutAPresignedUrlThatAcceptsTheFile() throws Exception {
    APIGatewayProxyResponseEvent response = presign(String.valueOf(SMALL_CSV.getBytes(StandardCharsets.UTF_8).length));

    assertThat(response.getStatusCode()).isEqualTo(201);
    JsonNode body = Pipeline.body(response);
    String jobId = body.get("jobId").asText();
    assertThat(body.get("statusUrl").asText()).isEqualTo("/prod/status/" + jobId);
    assertThat(body.get("resultsUrl").asText()).isEqualTo("/prod/results/" + jobId);
    Instant expiresAt = Instant.parse(body.get("expiresAt").asText());
    assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofSeconds(890), Duration.ofSeconds(900));
    assertThat(pipeline.statusJson(jobId).get("state").asText()).isEqualTo("AWAITING_UPLOAD");

    // A client larger than the API limit uploads straight to S3 with the URL it got.
    HttpResponse<String> put = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(body.get("uploadUrl").asText()))
            .PUT(HttpRequest.BodyPublishers.ofString(SMALL_CSV)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    String key = "incoming/" + jobId + ".csv";
    assertThat(pipeline.object(key)).contains(SMALL_CSV);

    pipeline.process(pipeline.eventFor(key));

    assertThat(pipeline.statusJson(jobId).get("state").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void aPresignedUrlAcceptsOnlyTheDeclaredSize() {
    int size = SMALL_CSV.getBytes(StandardCharsets.UTF_8).length;
    JsonNode body = Pipeline.body(presign(String.valueOf(size)));
    URI url = URI.create(body.get("uploadUrl").asText());
    String secret = System.getenv().getOrDefault("AWS_SECRET_ACCESS_KEY", "testing");

    assertThat(body.get("uploadBytes").asLong()).isEqualTo(size);
    assertThat(PresignedUrls.query(url).get("X-Amz-SignedHeaders").split(";")).contains("content-length");
    assertThat(PresignedUrls.accepts(url, "PUT", Map.of("content-length", String.valueOf(size)), secret))
        .as("the declared size").isTrue();
    assertThat(PresignedUrls.accepts(url, "PUT", Map.of("content-length", String.valueOf(size + 1)), secret))
        .as("one byte more").isFalse();
    assertThat(PresignedUrls.accepts(url, "PUT", Map.of("content-length", "104857600"), secret))
        .as("a large file").isFalse();
  }

  @Test
  void presignNeedsTheSizeAndRefusesTooLargeFiles() {
    Pipeline limited = new Pipeline("MAX_PRESIGNED_UPLOAD_BYTES", "5000");

    for (String bad : new String[] {null, "", "0", "-1", "12a", "1e3", "99999999999999999999"}) {
      APIGatewayProxyResponseEvent response = presign(limited, bad);
      assertThat(response.getStatusCode()).as("size=%s", bad).isEqualTo(400);
      assertThat(Pipeline.body(response).get("error").asText()).contains("size");
    }
    APIGatewayProxyResponseEvent tooLarge = presign(limited, "5001");
    assertThat(tooLarge.getStatusCode()).isEqualTo(413);
    assertThat(Pipeline.body(tooLarge).get("error").asText()).contains("5000 bytes");
    assertThat(presign(limited, "5000").getStatusCode()).isEqualTo(201);
  }

  private APIGatewayProxyResponseEvent presign(String size) {
    return presign(pipeline, size);
  }

  private static APIGatewayProxyResponseEvent presign(Pipeline target, String size) {
    return target.upload.handleRequest(Events.apiGateway("apigw-upload-presign.json", json -> {
      if (size != null) {
        json.withObjectProperty("queryStringParameters").put("size", size);
      }
    }), target.context);
  }

  @Test
  void logsJsonLinesWithoutTheFileContents() throws Exception {
    pipeline.upload.handleRequest(Events.apiGateway("apigw-upload-csv.json"), pipeline.context);
    pipeline.upload.handleRequest(Events.apiGateway("apigw-upload-csv.json", json -> json.put("body", "")),
        pipeline.context);

    assertThat(pipeline.context.logLines()).hasSizeGreaterThanOrEqualTo(2);
    for (String line : pipeline.context.logLines()) {
      assertThat(line).endsWith("\n").doesNotContain("ACC-1").doesNotContain("12.50");
      JsonNode json = Pipeline.body(new APIGatewayProxyResponseEvent().withBody(line));
      assertThat(json.get("level").asText()).isIn("INFO", "WARN");
      assertThat(json.get("requestId").asText()).isEqualTo(pipeline.context.getAwsRequestId());
      assertThat(json.has("jobId")).isTrue();
      assertThat(json.get("durationMs").isNumber()).isTrue();
      assertThat(json.get("message").asText()).isNotBlank();
    }
  }

  private void assertRejected(APIGatewayProxyRequestEvent request, int statusCode, String messagePart) {
    APIGatewayProxyResponseEvent response = pipeline.upload.handleRequest(request, pipeline.context);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(statusCode);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    JsonNode body = Pipeline.body(response);
    assertThat(body.get("error").asText()).contains(messagePart);
    assertThat(body.get("requestId").asText()).isEqualTo(pipeline.context.getAwsRequestId());
    assertThat(pipeline.s3().listObjectsV2(b -> b.bucket(pipeline.bucket).prefix("incoming/")).contents())
        .as("nothing stored").isEmpty();
  }
}
