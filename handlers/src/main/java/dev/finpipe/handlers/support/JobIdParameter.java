package dev.finpipe.handlers.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.Map;
import java.util.Optional;

/** The {jobId} path parameter of the status and results routes. */
public final class JobIdParameter {
  private JobIdParameter() {}

  /** The normalised job id, or empty when it is missing or not a UUID. */
  public static Optional<String> of(APIGatewayProxyRequestEvent request) {
    Map<String, String> path = request.getPathParameters();
    return JobIds.normalize(path == null ? null : path.get("jobId"));
  }
}
