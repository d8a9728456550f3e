package dev.finpipe.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.finpipe.handlers.support.ApiResponses;
import dev.finpipe.handlers.support.HandlerConfig;
import dev.finpipe.handlers.support.JobStatus;
import dev.finpipe.handlers.support.JobStore;
import dev.finpipe.handlers.support.JsonLog;
import dev.finpipe.handlers.support.S3Clients;

/** {@code GET /status/{jobId}}: the job's stored status (400 bad id, 404 unknown job). */
public class StatusHandler extends JobLookupHandler {

  public StatusHandler() {
    this(HandlerConfig.fromEnvironment());
  }

  public StatusHandler(HandlerConfig config) {
    this(new JobStore(config, S3Clients.client(config)));
  }

  public StatusHandler(JobStore store) {
    super("status", store);
  }

  @Override
  protected APIGatewayProxyResponseEvent respond(String jobId, JobStatus status, JsonLog log) {
    log.info("status served", "status", 200, "state", status.state());
    return ApiResponses.json(200, status.toJson());
  }
}
