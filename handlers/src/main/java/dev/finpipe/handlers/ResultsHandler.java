package dev.finpipe.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.finpipe.handlers.support.ApiResponses;
import dev.finpipe.handlers.support.HandlerConfig;
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
public class ResultsHandler extends JobLookupHandler {

  public ResultsHandler() {
    this(HandlerConfig.fromEnvironment());
  }

  public ResultsHandler(HandlerConfig config) {
    this(new JobStore(config, S3Clients.client(config)));
  }

  public ResultsHandler(JobStore store) {
    super("results", store);
  }

  @Override
  protected APIGatewayProxyResponseEvent respond(String jobId, JobStatus status, JsonLog log) {
    if (status.state() != JobState.COMPLETED) {
      log.info("results not ready", "status", 409, "state", status.state());
      return ApiResponses.error(409, "job is not complete", log.requestId(), notReadyDetails(status));
    }
    Optional<byte[]> results = store.resultsJson(jobId);
    if (results.isEmpty()) {
      // Results are written before the COMPLETED status, so this means someone removed them.
      log.warn("results missing for a completed job", "status", 500);
      return ApiResponses.error(500, "results of this job are missing", log.requestId());
    }
    log.info("results served", "status", 200, "bytes", results.get().length);
    return ApiResponses.storedJson(200, results.get());
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
