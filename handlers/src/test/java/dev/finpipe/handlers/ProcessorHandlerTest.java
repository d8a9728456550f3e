package dev.finpipe.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finpipe.handlers.support.JobIds;
import dev.finpipe.handlers.support.JobStore;
import dev.finpipe.handlers.testing.Events;
import dev.finpipe.handlers.testing.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The processor against moto's S3, fed the events S3 would send. */
class ProcessorHandlerTest {
  private static final String HEADER = "transaction_id,account_id,amount,currency,timestamp\n";

  private final Pipeline pipeline = new Pipeline();

  @Test
  void uploadThenProcessGivesExactTotalsForAKnownFile() {
    byte[] csv = Pipeline.resource("/csv/known-transactions.csv");
    APIGatewayProxyResponseEvent uploaded = pipeline.upload.handleRequest(
        Events.apiGateway("apigw-upload-csv.json", json -> json.put("body", new String(csv))), pipeline.context);
    String jobId = Pipeline.body(uploaded).get("jobId").asText();
    String key = "incoming/" + jobId + ".csv";
    assertThat(pipeline.results(jobId).getStatusCode()).as("results before processing").isEqualTo(409);

    pipeline.process(pipeline.eventFor(key));

    JsonNode status = pipeline.statusJson(jobId);
    assertThat(status.get("state").asText()).isEqualTo("COMPLETED");
    APIGatewayProxyResponseEvent response = pipeline.results(jobId);
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    JsonNode results = Pipeline.body(response);
    assertThat(results.get("jobId").asText()).isEqualTo(jobId);
    assertThat(results.get("sourceKey").asText()).isEqualTo(key);
    assertThat(results.get("sourceETag").asText()).isEqualTo(status.get("sourceETag").asText()).isNotBlank();
    assertThat(results.get("rows").toString()).isEqualTo("{\"total\":7,\"accepted\":7,\"rejected\":0}");
    assertThat(rows(results.get("accounts"))).containsExactly(
        "ACC-1 EUR count=1 sum=10 min=10 max=10",
        "ACC-1 USD count=3 sum=74.55 min=-25.50 max=100.00",
        "ACC-2 EUR count=2 sum=1250.75 min=250.75 max=1000",
        "ACC-3 JPY count=1 sum=5000 min=5000 max=5000");
    assertThat(rows(results.get("totalsByCurrency"))).containsExactly(
        "EUR count=3 sum=1260.75 min=10 max=1000",
        "JPY count=1 sum=5000 min=5000 max=5000",
        "USD count=3 sum=74.55 min=-25.50 max=100.00");
    assertThat(results.get("rejects")).isEmpty();
    // The file moved from incoming/ to processed/, byte for byte.
    assertThat(pipeline.object(key)).isEmpty();
    assertThat(pipeline.object("processed/" + jobId + ".csv")).contains(new String(csv));
  }

  @Test
  void rejectsBadRowsWithLineAndReasonAndAddsUpTheRest() {
    String jobId = JobIds.newJobId();

    pipeline.process(pipeline.putIncoming("incoming/" + jobId + ".csv", Pipeline.resource("/csv/malformed-rows.csv")));

    assertThat(pipeline.statusJson(jobId).get("state").asText()).isEqualTo("COMPLETED");
    JsonNode results = Pipeline.body(pipeline.results(jobId));
    assertThat(results.get("rows").toString()).isEqualTo("{\"total\":13,\"accepted\":2,\"rejected\":11}");
    List<String> rejects = new ArrayList<>();
    results.get("rejects").forEach(r -> rejects.add(r.get("line").asInt() + " " + r.get("reason").asText()));
    assertThat(rejects).containsExactly(
        "3 invalid amount: not a plain decimal number",
        "4 invalid amount: not a plain decimal number",
        "5 invalid currency: not an ISO-4217 code",
        "6 invalid currency: not an ISO-4217 code",
        "7 invalid timestamp: not ISO-8601 with offset (e.g. 2024-01-31T09:30:00Z)",
        "8 invalid timestamp: not ISO-8601 with offset (e.g. 2024-01-31T09:30:00Z)",
        "9 duplicate transaction_id",
        "10 wrong column count: expected 5, got 4",
        "11 wrong column count: expected 5, got 6",
        "13 invalid amount: not a plain decimal number",
        "14 malformed CSV: text after a closing quote");
    assertThat(results.get("rejectsTruncated").asBoolean()).isFalse();
    assertThat(rows(results.get("accounts"))).containsExactly(
        "ACC-1 USD count=1 sum=10.00 min=10.00 max=10.00",
        "ACC-2 USD count=1 sum=2.50 min=2.50 max=2.50");
  }

  static Stream<Arguments> unusableFiles() {
    return Stream.of(
        Arguments.of("empty file", "", "empty file"),
        Arguments.of("header only", HEADER, "no data rows after the header"),
        Arguments.of("missing header", "t1,A1,1.00,USD,2024-01-31T09:30:00Z\n", "missing or wrong header"),
        Arguments.of("wrong header", "id,account,amount,currency,time\nt1,A1,1,USD,2024-01-31T09:30:00Z\n",
            "missing or wrong header"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableFiles")
  void failsTheJobForAnUnusableFile(String name, String content, String reason) {
    String jobId = JobIds.newJobId();
    String key = "incoming/" + jobId + ".csv";

    pipeline.process(pipeline.putIncoming(key, Pipeline.utf8(content)));

    JsonNode status = pipeline.statusJson(jobId);
    assertThat(status.get("state").asText()).isEqualTo("FAILED");
    assertThat(status.get("reason").asText()).startsWith(reason);
    assertThat(status.get("retryable").asBoolean()).isFalse();
    APIGatewayProxyResponseEvent results = pipeline.results(jobId);
    assertThat(results.getStatusCode()).isEqualTo(409);
    assertThat(Pipeline.body(results).get("state").asText()).isEqualTo("FAILED");
    assertThat(Pipeline.body(results).get("reason").asText()).startsWith(reason);
    assertThat(pipeline.object(key)).isEmpty();
    assertThat(pipeline.object("processed/" + jobId + ".csv")).contains(content);
  }

  @Test
  void aRedeliveredEventChangesNothing() {
    String jobId = JobIds.newJobId();
    S3Event event = pipeline.putIncoming("incoming/" + jobId + ".csv", Pipeline.resource("/csv/known-transactions.csv"));
    pipeline.process(event);
    String resultsBefore = pipeline.object("results/" + jobId + ".json").orElseThrow();
    String statusBefore = pipeline.object("status/" + jobId + ".json").orElseThrow();

    pipeline.process(event); // after the move: the source is gone
    // Before the move (an earlier attempt died after recording): the same version is back in incoming/.
    pipeline.s3().copyObject(b -> b.sourceBucket(pipeline.bucket).sourceKey("processed/" + jobId + ".csv")
        .destinationBucket(pipeline.bucket).destinationKey("incoming/" + jobId + ".csv"));
    pipeline.process(pipeline.eventFor("incoming/" + jobId + ".csv"));

    assertThat(pipeline.object("results/" + jobId + ".json")).contains(resultsBefore);
    assertThat(pipeline.object("status/" + jobId + ".json")).contains(statusBefore);
    assertThat(pipeline.object("incoming/" + jobId + ".csv")).as("the interrupted move is finished").isEmpty();
  }

  @Test
  void aNewVersionOfTheFileIsProcessedAgain() {
    String jobId = JobIds.newJobId();
    String key = "incoming/" + jobId + ".csv";
    S3Event first = pipeline.putIncoming(key, Pipeline.utf8(HEADER + "t1,A1,1.00,USD,2024-01-31T09:30:00Z\n"));
    S3Event second = pipeline.putIncoming(key, Pipeline.utf8(HEADER + "t1,A1,2.00,USD,2024-01-31T09:30:00Z\n"));

    pipeline.process(first); // stale: the object was replaced, its own event follows
    assertThat(pipeline.object("status/" + jobId + ".json")).isEmpty();
    pipeline.process(second);

    JsonNode results = Pipeline.body(pipeline.results(jobId));
    assertThat(rows(results.get("accounts"))).containsExactly("A1 USD count=1 sum=2.00 min=2.00 max=2.00");
  }

  @Test
  void decodesUrlEncodedKeys() {
    Pipeline spaced = new Pipeline("INCOMING_PREFIX", "in coming+files/");
    String jobId = JobIds.newJobId();
    String key = "in coming+files/" + jobId + ".csv";
    S3Event event = spaced.putIncoming(key, Pipeline.utf8(HEADER + "t1,A1,1.00,USD,2024-01-31T09:30:00Z\n"));
    assertThat(event.getRecords().get(0).getS3().getObject().getKey())
        .isEqualTo("in+coming%2Bfiles/" + jobId + ".csv");

    spaced.process(event);

    assertThat(spaced.statusJson(jobId).get("state").asText()).isEqualTo("COMPLETED");
    assertThat(spaced.object(key)).isEmpty();
  }

  @Test
  void aKeyWithABrokenEscapeFailsOnlyItsOwnRecord() {
    String jobId = JobIds.newJobId();
    S3Event good = pipeline.putIncoming("incoming/" + jobId + ".csv",
        Pipeline.utf8(HEADER + "t1,A1,1.00,USD,2024-01-31T09:30:00Z\n"));
    S3Event broken = Events.objectCreatedWithEventKey(pipeline.bucket, "incoming/%zz.csv", "0123", 10);
    S3Event both = new S3Event(List.of(broken.getRecords().get(0), good.getRecords().get(0)));

    pipeline.process(both);

    assertThat(pipeline.statusJson(jobId).get("state").asText()).isEqualTo("COMPLETED");
    assertThat(pipeline.context.logLines()).anyMatch(l -> l.contains("the key is not URL-encoded"));
  }

  @Test
  void ignoresObjectsThatAreNotJobFiles() {
    pipeline.process(pipeline.putIncoming("incoming/notes.txt", Pipeline.utf8("hello")));
    pipeline.process(pipeline.putIncoming("elsewhere/" + JobIds.newJobId() + ".csv", Pipeline.utf8(HEADER)));

    assertThat(pipeline.s3().listObjectsV2(b -> b.bucket(pipeline.bucket)).contents())
        .extracting(o -> o.key().substring(0, o.key().indexOf('/')))
        .containsExactlyInAnyOrder("incoming", "elsewhere");
  }

  @Test
  void recordsAnUnexpectedErrorAndRethrowsItForRetry() {
    JobStore failingStore = new JobStore(pipeline.config, pipeline.s3()) {
      @Override
      public void putResults(String jobId, Object results) {
        throw new IllegalStateException("results bucket unavailable");
      }
    };
    String jobId = JobIds.newJobId();
    S3Event event = pipeline.putIncoming("incoming/" + jobId + ".csv", Pipeline.resource("/csv/known-transactions.csv"));

    assertThatThrownBy(() -> new ProcessorHandler(failingStore).handleRequest(event, pipeline.context))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("results bucket unavailable");

    JsonNode status = pipeline.statusJson(jobId);
    assertThat(status.get("state").asText()).isEqualTo("FAILED");
    assertThat(status.get("retryable").asBoolean()).isTrue();
    assertThat(pipeline.object("incoming/" + jobId + ".csv")).as("kept for the retry").isPresent();
    assertThat(pipeline.context.logLines()).anyMatch(l -> l.contains("\"level\":\"ERROR\""));

    pipeline.process(event); // the retry succeeds once the fault is gone

    assertThat(pipeline.statusJson(jobId).get("state").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void logsNoFileContents() {
    String jobId = JobIds.newJobId();
    pipeline.process(pipeline.putIncoming("incoming/" + jobId + ".csv", Pipeline.resource("/csv/known-transactions.csv")));

    assertThat(pipeline.context.logLines()).isNotEmpty().allSatisfy(line -> assertThat(line)
        .startsWith("{").doesNotContain("ACC-1").doesNotContain("Coffee").doesNotContain("100.00"));
    assertThat(pipeline.context.logLines()).anyMatch(l -> l.contains("\"jobId\":\"" + jobId + "\""));
  }

  private static List<String> rows(JsonNode totals) {
    List<String> rows = new ArrayList<>();
    for (JsonNode t : totals) {
      String account = t.has("accountId") ? t.get("accountId").asText() + " " : "";
      rows.add(account + t.get("currency").asText() + " count=" + t.get("count").asLong()
          + " sum=" + t.get("sum").asText() + " min=" + t.get("min").asText() + " max=" + t.get("max").asText());
    }
    return rows;
  }
}
