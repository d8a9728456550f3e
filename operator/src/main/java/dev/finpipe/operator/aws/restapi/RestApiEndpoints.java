package dev.finpipe.operator.aws.restapi;

/**
 * Where a REST API is reached: its id, its execution ARN ({@code arn:aws:execute-api:<region>:<account>:<id>},
 * the base of the invoke permissions' source ARNs) and the stage's invoke URL.
 */
public record RestApiEndpoints(String restApiId, String executionArn, String url) {

  public static RestApiEndpoints of(String region, String accountId, String restApiId, String stageName) {
    return new RestApiEndpoints(restApiId, "arn:aws:execute-api:" + region + ":" + accountId + ":" + restApiId,
        "https://" + restApiId + ".execute-api." + region + ".amazonaws.com/" + stageName);
  }

  /** From the ARN a {@link RestApiManager} convergence reports. */
  public static RestApiEndpoints fromExecutionArn(String executionArn, String stageName) {
    String[] parts = executionArn.split(":");
    if (parts.length != 6 || !"execute-api".equals(parts[2])) {
      throw new IllegalArgumentException("not an execute-api ARN: " + executionArn);
    }
    return of(parts[3], parts[4], parts[5], stageName);
  }

  /** The source ARN that lets API Gateway invoke a function for one route, e.g. {@code <arn>/*}{@code /GET/status/*}. */
  public String sourceArn(String stagePattern, ApiRoute route) {
    return executionArn + "/" + stagePattern + "/" + route.httpMethod() + route.path().replaceAll("\\{[^}/]+}", "*");
  }
}
