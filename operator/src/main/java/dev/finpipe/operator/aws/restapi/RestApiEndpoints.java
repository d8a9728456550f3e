package dev.finpipe.operator.aws.restapi;

import dev.finpipe.operator.policy.Arns;

/**
 * Where a REST API is reached: its id, its execution ARN ({@code arn:<partition>:execute-api:<region>:<account>:<id>},
 * the base of the invoke permissions' source ARNs) and the stage's invoke URL (in {@code amazonaws.com.cn} in
 * China). Both built by {@link Arns}, which knows the partition of the region.
 */
public record RestApiEndpoints(String restApiId, String executionArn, String url) {

  public static RestApiEndpoints of(String region, String accountId, String restApiId, String stageName) {
    Arns arns = Arns.of(region, accountId);
    return new RestApiEndpoints(restApiId, arns.executeApi(restApiId), arns.apiUrl(restApiId, stageName));
  }

  /** From the ARN a {@link RestApiManager} convergence reports. */
  public static RestApiEndpoints fromExecutionArn(String executionArn, String stageName) {
    String[] parts = executionArn.split(":");
    if (parts.length != 6 || !"arn".equals(parts[0]) || !"execute-api".equals(parts[2])) {
      throw new IllegalArgumentException("not an execute-api ARN: " + executionArn);
    }
    if (!parts[1].equals(Arns.partitionOf(parts[3]))) {
      throw new IllegalArgumentException("execute-api ARN of partition " + parts[1] + " names region " + parts[3]
          + ": " + executionArn);
    }
    return of(parts[3], parts[4], parts[5], stageName);
  }

  /** The source ARN that lets API Gateway invoke a function for one route, e.g. {@code <arn>/*}{@code /GET/status/*}. */
  public String sourceArn(String stagePattern, ApiRoute route) {
    return executionArn + "/" + stagePattern + "/" + route.httpMethod() + route.path().replaceAll("\\{[^}/]+}", "*");
  }
}
