package dev.finpipe.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.finpipe.handlers.support.ApiResponses;
import dev.finpipe.handlers.support.JobIdParameter;
import dev.finpipe.handlers.support.JobStatus;
import dev.finpipe.handlers.support.JobStore;
import dev.finpipe.handlers.support.JsonLog;
import java.util.Optional;

/**
 * A {@code GET /<what>/{jobId}} endpoint: 400 for a malformed id, 404 for an unknown job, a logged 500 for an
 * unexpected error; what a known job gets is the subclass's answer.
 */
abstract class JobLookupHandler extends ApiGatewayHandler {
  protected final JobStore store;
  private final String name;

  JobLookupHandler(String name, JobStore store) {
    this.name = name;
    this.store = store;
  }

  /** The answer for a known job. */
  protected abstract APIGatewayProxyResponseEvent respond(String jobId, JobStatus status, JsonLog log);

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
    JsonLog log = JsonLog.start(context, name);
    store.expectOwnerOf(context);
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
      return respond(jobId.get(), status.get(), log);
    } catch (RuntimeException e) {
      log.error(name + " lookup failed", e, "status", 500);
      return ApiResponses.error(500, "internal error", log.requestId());
    }
  }
}
