package dev.finpipe.handlers.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

/** Links to other API resources, relative to the stage the request came in on. */
public final class ApiPaths {
  private ApiPaths() {}

  public static String statusPath(APIGatewayProxyRequestEvent request, String jobId) {
    return basePath(request) + "/status/" + jobId;
  }

  public static String resultsPath(APIGatewayProxyRequestEvent request, String jobId) {
    return basePath(request) + "/results/" + jobId;
  }

  /**
   * "/prod" for a request to "/prod/upload". The request context's path holds the stage (or a custom
   * domain's base path) in front of the resource path; without it, fall back to "/" + stage.
   */
  static String basePath(APIGatewayProxyRequestEvent request) {
    APIGatewayProxyRequestEvent.ProxyRequestContext context = request.getRequestContext();
    if (context == null) {
      return "";
    }
    String fullPath = context.getPath();
    String resourcePath = request.getPath();
    if (fullPath != null && resourcePath != null && fullPath.endsWith(resourcePath)) {
      return stripTrailingSlash(fullPath.substring(0, fullPath.length() - resourcePath.length()));
    }
    String stage = context.getStage();
    return stage == null || stage.isBlank() ? "" : "/" + stage;
  }

  private static String stripTrailingSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
