package dev.finpipe.operator.aws.restapi;

import dev.finpipe.operator.aws.Desired;
import dev.finpipe.operator.support.Required;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Desired API Gateway REST API: its routes, one stage with X-Ray tracing and throttling, and tags.
 *
 * @param authorizationType of every method: {@code AWS_IAM} (the default) or {@code NONE} if asked for
 * @param region and {@code accountId} serve to build the execution ARN and the invoke URL
 */
public record DesiredRestApi(String name, String description, String region, String accountId, List<ApiRoute> routes,
                          String authorizationType, String stageName, boolean tracingEnabled,
                          int throttlingBurstLimit, double throttlingRateLimit, Map<String, String> tags)
    implements Desired {
  public static final String AWS_IAM = "AWS_IAM";
  public static final String NONE = "NONE";

  public DesiredRestApi {
    Required.present("name", name, "region", region, "accountId", accountId, "stageName", stageName);
    routes = List.copyOf(routes);
    authorizationType = authorizationType == null ? AWS_IAM : authorizationType;
    if (!Set.of(AWS_IAM, NONE).contains(authorizationType)) {
      throw new IllegalArgumentException("authorizationType must be AWS_IAM or NONE, was " + authorizationType);
    }
    if (routes.stream().map(ApiRoute::key).distinct().count() != routes.size()) {
      throw new IllegalArgumentException("two routes share a method and path: " + routes);
    }
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags == null ? Map.of() : tags));
  }
}
