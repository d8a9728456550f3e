package dev.finpipe.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.finpipe.handlers.support.JobIds;
import dev.finpipe.handlers.support.JobState;
import dev.finpipe.handlers.support.JobStatus;
import dev.finpipe.handlers.testing.Events;
import dev.finpipe.handlers.testing.Pipeline;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /status/{jobId} and GET /results/{jobId}. */
class JobEndpointsTest {
  private final Pipeline pipeline = new Pipeline();

  @ParameterizedTest
  @ValueSource(strings = {"status", "results"})
  void servesTheSampleEventsJobOnceItExists(String route) {
    String sampleJobId = "3f2c1a9e-8b7d-4c6e-9f1a-2b3c4d5e6f70"; // the id in apigw-get-*.json
    pipeline.store.putStatus(JobStatus.of(sampleJobId, JobState.RECEIVED));

    APIGatewayProxyResponseEvent response = handle(route, Events.apiGateway("apigw-get-" + route + ".json"));

    assertThat(response.getStatusCode()).isEqualTo(route.equals("status") ? 200 : 409);
    assertThat(Pipeline.body(response).get("state").asText()).isEqualTo("RECEIVED");
  }

  @ParameterizedTest
  @ValueSource(strings = {"status", "results"})
  void malformedJobIdIs400(String route) {
    for (String bad : new String[] {"not-a-uuid", "1-1-1-1-1", "3f2c1a9e-8b7d-4c6e-9f1a-2b3c4d5e6f7", "../status/x", ""}) {
      APIGatewayProxyResponseEvent response = get(route, bad);

      assertThat(response.getStatusCode()).as(bad).isEqualTo(400);
      assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
      assertThat(Pipeline.body(response).get("error").asText()).isEqualTo("jobId must be a UUID");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"status", "results"})
  void unknownJobIs404(String route) {
    APIGatewayProxyResponseEvent response = get(route, JobIds.newJobId());

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    assertThat(Pipeline.body(response).get("error").asText()).isEqualTo("no such job");
  }

  @ParameterizedTest
  @EnumSource(value = JobState.class, names = "COMPLETED", mode = EnumSource.Mode.EXCLUDE)
  void resultsAre409UntilTheJobIsComplete(JobState state) {
    String jobId = JobIds.newJobId();
    pipeline.store.putStatus(JobStatus.of(jobId, state));

    APIGatewayProxyResponseEvent response = get("results", jobId);

    assertThat(response.getStatusCode()).isEqualTo(409);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    JsonNode body = Pipeline.body(response);
    assertThat(body.get("error").asText()).isEqualTo("job is not complete");
    assertThat(body.get("state").asText()).isEqualTo(state.name());
  }

  @ParameterizedTest
  @ValueSource(strings = {"status", "results"})
  void completedJobIs200AndAcceptsUpperCaseIds(String route) {
    APIGatewayProxyResponseEvent uploaded =
        pipeline.upload.handleRequest(Events.apiGateway("apigw-upload-csv.json"), pipeline.context);
    String jobId = Pipeline.body(uploaded).get("jobId").asText();
    pipeline.process(pipeline.eventFor("incoming/" + jobId + ".csv"));

    APIGatewayProxyResponseEvent response = get(route, jobId.toUpperCase());

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    JsonNode body = Pipeline.body(response);
    assertThat(body.get("jobId").asText()).isEqualTo(jobId);
    if (route.equals("status")) {
      assertThat(body.get("state").asText()).isEqualTo("COMPLETED");
    } else {
      assertThat(body.get("totalsByCurrency").get(0).get("sum").asText()).isEqualTo("19.75");
    }
  }

  private APIGatewayProxyResponseEvent get(String route, String jobId) {
    return handle(route, Events.getJob(route, jobId));
  }

  private APIGatewayProxyResponseEvent handle(
      String route, com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent request) {
    return route.equals("status")
        ? pipeline.status.handleRequest(request, pipeline.context)
        : pipeline.results.handleRequest(request, pipeline.context);
  }
}
