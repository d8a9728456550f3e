package dev.finpipe.operator.aws.restapi;

import dev.finpipe.operator.aws.Observed;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.Resource;

/**
 * A REST API as observed: id, tags, its resource tree by path (methods and integrations embedded) and its
 * stage with the fingerprint of the routes its deployment was made from.
 */
public record ObservedRestApi(String id, String name, Map<String, String> tags, Map<String, Resource> resourcesByPath,
                           ObservedStage stage) implements Observed {
  public ObservedRestApi {
    tags = Map.copyOf(tags == null ? Map.of() : tags);
    resourcesByPath = Map.copyOf(resourcesByPath);
  }
}
