package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.aws.ResourceManager;
import dev.finpipe.operator.support.AwsErrors;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Functions' tags by ARN, for one converge or delete pass. Permissions and the asynchronous invocation config
 * carry no tags of their own: they belong to whoever owns the function, so their managers report the
 * function's tags. The function manager records what {@code GetFunction} returned, so a pass reads each
 * function's tags once instead of once per manager; create, tag and delete refresh the record.
 */
public final class FunctionTags {
  private final LambdaClient lambda;
  private final Map<String, Optional<Map<String, String>>> byArn = new ConcurrentHashMap<>();

  public FunctionTags(LambdaClient lambda) {
    this.lambda = lambda;
  }

  /** The function's tags; empty when the function does not exist. */
  public Map<String, String> of(String functionArn) {
    return find(functionArn).orElse(Map.of());
  }

  /** The function as the parent of a permission or an invocation config; empty when it does not exist. */
  public Optional<ResourceManager.Parent> asParent(String functionArn) {
    return find(functionArn).map(tags -> new ResourceManager.Parent(FunctionManager.KIND, functionArn, tags));
  }

  private Optional<Map<String, String>> find(String functionArn) {
    Optional<Map<String, String>> known = byArn.get(functionArn);
    if (known != null) {
      return known;
    }
    Optional<Map<String, String>> tags;
    try {
      tags = Optional.of(Map.copyOf(lambda.listTags(r -> r.resource(functionArn)).tags()));
    } catch (ResourceNotFoundException e) {
      tags = Optional.empty();
    } catch (SdkException e) {
      throw AwsErrors.classify("ListTags " + functionArn, e);
    }
    byArn.put(functionArn, tags);
    return tags;
  }

  void record(String functionArn, Map<String, String> tags) {
    byArn.put(functionArn, Optional.of(Map.copyOf(tags)));
  }

  void forget(String functionArn) {
    byArn.remove(functionArn);
  }
}
