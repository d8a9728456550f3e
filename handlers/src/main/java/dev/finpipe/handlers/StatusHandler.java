package dev.finpipe.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.finpipe.handlers.support.ApiResponses;
import dev.finpipe.handlers.support.HandlerConfig;
import dev.finpipe.handlers.support.JobIdParameter;
import dev.finpipe.handlers.support.JobStatus;
import dev.finpipe.handlers.support.JobStore;
import dev.finpipe.handlers.support.JsonLog;
import dev.finpipe.handlers.support.S3Clients;
import java.util.Optional;

/** {@code GET /status/{jobId}}: the job's stored status (400 bad id, 404 unknown job). */
public class StatusHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private final JobStore store;

  public StatusHandler() {
    this(HandlerConfig.fromEnvironment());
  }

  public StatusHandler(HandlerConfig config) {
    this(new JobStore(config, S3Clients.client(config)));
  }

  public StatusHandler(JobStore store) {
    this.store = store;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
    JsonLog log = JsonLog.start(context, "status");
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
      log.info("status served", "status", 200, "state", status.get().state());
      return ApiResponses.json(200, status.get());
    } catch (RuntimeException e) {
      log.error("status lookup failed", e, "status", 500);
      return ApiResponses.error(500, "internal error", log.requestId());
    }
  }
}
