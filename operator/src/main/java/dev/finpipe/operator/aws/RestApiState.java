package dev.finpipe.operator.aws;

import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.Resource;

/**
 * A REST API as observed: id, tags, its resource tree by path (methods and integrations embedded) and its
 * stage with the fingerprint of the routes its deployment was made from.
 */
public record RestApiState(String id, String name, Map<String, String> tags, Map<String, Resource> resourcesByPath,
                           RestApiStageState stage) {
  public RestApiState {
    tags = Map.copyOf(tags == null ? Map.of() : tags);
    resourcesByPath = Map.copyOf(resourcesByPath);
  }
}
