package dev.finpipe.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finpipe.handlers.support.ApiGatewayJson;
import dev.finpipe.handlers.support.Lazy;
import dev.finpipe.handlers.support.S3Clients;
import dev.finpipe.handlers.support.S3EventRecord;
import dev.finpipe.handlers.testing.Events;
import dev.finpipe.handlers.testing.Pipeline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The entry points Lambda calls: raw event JSON in, response JSON out. Each is checked against the Lambda Java
 * runtime's own event deserializer (what a typed handler would have been given) and end to end on moto.
 */
class StreamEntryPointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CSV =
      "transaction_id,account_id,amount,currency,timestamp\nt-1,ACC-1,12.50,USD,2024-01-31T09:30:00Z\n";

  private final Pipeline pipeline = new Pipeline();

  @ParameterizedTest
  @ValueSource(strings = {"apigw-upload-csv.json", "apigw-upload-base64.json", "apigw-upload-presign.json",
      "apigw-get-status.json", "apigw-get-results.json"})
  void readsAnApiGatewayEventAsTheRuntimeDeserializerDoes(String resource) throws IOException {
    APIGatewayProxyRequestEvent expected = Events.apiGateway(resource);

    APIGatewayProxyRequestEvent read =
        ApiGatewayJson.readRequest(new ByteArrayInputStream(Events.json(resource, json -> {})));

    assertThat(read.getResource()).isEqualTo(expected.getResource());
    assertThat(read.getPath()).isEqualTo(expected.getPath());
    assertThat(read.getHttpMethod()).isEqualTo(expected.getHttpMethod());
    assertThat(read.getHeaders()).isEqualTo(expected.getHeaders());
    assertThat(read.getMultiValueHeaders()).isEqualTo(expected.getMultiValueHeaders());
    assertThat(read.getQueryStringParameters()).isEqualTo(expected.getQueryStringParameters());
    assertThat(read.getMultiValueQueryStringParameters()).isEqualTo(expected.getMultiValueQueryStringParameters());
    assertThat(read.getPathParameters()).isEqualTo(expected.getPathParameters());
    assertThat(read.getStageVariables()).isEqualTo(expected.getStageVariables());
    assertThat(read.getBody()).isEqualTo(expected.getBody());
    assertThat(read.getIsBase64Encoded()).isEqualTo(expected.getIsBase64Encoded());
    assertThat(read.getRequestContext().getPath()).isEqualTo(expected.getRequestContext().getPath());
    assertThat(read.getRequestContext().getStage()).isEqualTo(expected.getRequestContext().getStage());
    assertThat(read.getRequestContext().getRequestId()).isEqualTo(expected.getRequestContext().getRequestId());
    assertThat(read.getRequestContext().getAccountId()).isEqualTo(expected.getRequestContext().getAccountId());
  }

  @Test
  void readsTheS3EventRecordsAsTheRuntimeDeserializerDoes() throws IOException {
    String key = "incoming/a b+c.csv";

    var read = S3EventRecord.read(new ByteArrayInputStream(Events.objectCreatedJson("bkt", key, "e1", 10)));

    assertThat(read).containsExactlyElementsOf(S3EventRecord.of(Events.objectCreated("bkt", key, "e1", 10)));
    assertThat(read).containsExactly(new S3EventRecord("ObjectCreated:Put", "bkt", "incoming/a+b%2Bc.csv", "e1"));
  }

  @Test
  void refusesAnEventThatIsNotJsonOfTheExpectedShape() {
    assertThatThrownBy(() -> S3EventRecord.read(new ByteArrayInputStream(utf8("{\"Records\": 3}"))))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ApiGatewayJson.readRequest(new ByteArrayInputStream(utf8("[1]"))))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> ApiGatewayJson.readRequest(new ByteArrayInputStream(utf8("{\"path\": "))))
        .isInstanceOf(IOException.class);
  }

  @Test
  void theWholeJobRunsThroughTheStreamEntryPoints() throws IOException {
    JsonNode uploaded = call(pipeline.upload, Events.json("apigw-upload-csv.json", json -> json.put("body", CSV)));
    assertThat(uploaded.get("statusCode").asInt()).isEqualTo(202);
    assertThat(uploaded.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
    assertThat(uploaded.get("isBase64Encoded").asBoolean()).isFalse();
    JsonNode accepted = JSON.readTree(uploaded.get("body").asText());
    String jobId = accepted.get("jobId").asText();
    assertThat(accepted.get("statusUrl").asText()).isEqualTo("/prod/status/" + jobId);
    assertThat(accepted.get("status").asText()).isEqualTo("RECEIVED");

    String key = "incoming/" + jobId + ".csv";
    var head = pipeline.s3().headObject(b -> b.bucket(pipeline.bucket).key(key));
    ByteArrayOutputStream processorOutput = new ByteArrayOutputStream();
    pipeline.processor.handleRequest(new ByteArrayInputStream(Events.objectCreatedJson(pipeline.bucket, key,
        head.eTag().replace("\"", ""), head.contentLength())), processorOutput, pipeline.context);
    assertThat(processorOutput.toString(StandardCharsets.UTF_8)).isEqualTo("null");

    JsonNode status = call(pipeline.status, getJob("status", jobId));
    assertThat(status.get("statusCode").asInt()).isEqualTo(200);
    assertThat(JSON.readTree(status.get("body").asText()).get("state").asText()).isEqualTo("COMPLETED");
    JsonNode results = call(pipeline.results, getJob("results", jobId));
    assertThat(results.get("statusCode").asInt()).isEqualTo(200);
    assertThat(JSON.readTree(results.get("body").asText()).get("rows").get("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void aBadRequestThroughTheStreamEntryPointGetsItsErrorResponse() throws IOException {
    JsonNode response = call(pipeline.status, getJob("status", "not-a-uuid"));

    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    assertThat(JSON.readTree(response.get("body").asText()).get("error").asText()).isEqualTo("jobId must be a UUID");
  }

  @Test
  void aPlainUploadNeverBuildsThePresigner() throws IOException {
    AtomicInteger built = new AtomicInteger();
    UploadHandler upload = new UploadHandler(pipeline.store, Lazy.of(() -> {
      built.incrementAndGet();
      return S3Clients.presigner(pipeline.config);
    }));

    assertThat(call(upload, Events.json("apigw-upload-csv.json", json -> json.put("body", CSV)))
        .get("statusCode").asInt()).isEqualTo(202);
    assertThat(built).hasValue(0);

    for (int i = 0; i < 2; i++) {
      byte[] presign = Events.json("apigw-upload-presign.json",
          json -> json.withObjectProperty("queryStringParameters").put("size", "100"));
      assertThat(call(upload, presign).get("statusCode").asInt()).isEqualTo(201);
    }
    assertThat(built).hasValue(1);
  }

  private JsonNode call(ApiGatewayHandler handler, byte[] event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, pipeline.context);
    return JSON.readTree(out.toByteArray());
  }

  private static byte[] getJob(String route, String jobId) {
    return Events.json("apigw-get-" + route + ".json", json -> {
      json.put("path", "/" + route + "/" + jobId);
      json.withObjectProperty("pathParameters").put("jobId", jobId);
      json.withObjectProperty("requestContext").put("path", "/prod/" + route + "/" + jobId);
    });
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
