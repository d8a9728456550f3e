package dev.finpipe.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.finpipe.handlers.support.ApiResponses;
import dev.finpipe.handlers.support.HandlerConfig;
import dev.finpipe.handlers.support.JobIdParameter;
import dev.finpipe.handlers.support.JobState;
import dev.finpipe.handlers.support.JobStatus;
import dev.finpipe.handlers.support.JobStore;
import dev.finpipe.handlers.support.JsonLog;
import dev.finpipe.handlers.support.S3Clients;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /results/{jobId}}: the results document of a completed job; 409 while the job is not
 * complete (or failed), 404 for an unknown job, 400 for a bad id.
 */
public class ResultsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private final JobStore store;

  public ResultsHandler() {
    this(HandlerConfig.fromEnvironment());
  }

  public ResultsHandler(HandlerConfig config) {
    this(new JobStore(config, S3Clients.client(config)));
  }

  public ResultsHandler(JobStore store) {
    this.store = store;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
    JsonLog log = JsonLog.start(context, "results");
    try {
      Optional<String> jobId = JobIdParameter.of(request);
      if (jobId.isEmpty()) {
        log.warn("malformed job id", "status", 400);
        return ApiResponses.error(400, "jobId must be a UUID", log.requestId());
      }
      log.jobId(jobId.get());
      Optional<JobStatus> status = store.status(jobId.get());
      if (status.isEmpty()) {
        log.info("unknown job", "status", 404);
        return ApiResponses.error(404, "no such job", log.requestId());
      }
      if (status.get().state() != JobState.COMPLETED) {
        log.info("results not ready", "status", 409, "state", status.get().state());
        return ApiResponses.error(409, "job is not complete", log.requestId(), notReadyDetails(status.get()));
      }
      Optional<byte[]> results = store.resultsJson(jobId.get());
      if (results.isEmpty()) {
        // Results are written before the COMPLETED status, so this means someone removed them.
        log.warn("results missing for a completed job", "status", 500);
        return ApiResponses.error(500, "results of this job are missing", log.requestId());
      }
      log.info("results served", "status", 200, "bytes", results.get().length);
      return ApiResponses.storedJson(200, results.get());
    } catch (RuntimeException e) {
      log.error("results lookup failed", e, "status", 500);
      return ApiResponses.error(500, "internal error", log.requestId());
    }
  }

  private static Map<String, Object> notReadyDetails(JobStatus status) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("state", status.state());
    if (status.reason() != null) {
      details.put("reason", status.reason());
    }
    return details;
  }
}
