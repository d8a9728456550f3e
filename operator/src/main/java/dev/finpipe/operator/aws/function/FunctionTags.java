package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.support.AwsErrors;
import java.util.Map;
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
  private final Map<String, Map<String, String>> byArn = new ConcurrentHashMap<>();

  public FunctionTags(LambdaClient lambda) {
    this.lambda = lambda;
  }

  /** The function's tags; empty when the function does not exist. */
  public Map<String, String> of(String functionArn) {
    Map<String, String> known = byArn.get(functionArn);
    if (known != null) {
      return known;
    }
    Map<String, String> tags;
    try {
      tags = Map.copyOf(lambda.listTags(r -> r.resource(functionArn)).tags());
    } catch (ResourceNotFoundException e) {
      tags = Map.of();
    } catch (SdkException e) {
      throw AwsErrors.classify("ListTags " + functionArn, e);
    }
    byArn.put(functionArn, tags);
    return tags;
  }

  void record(String functionArn, Map<String, String> tags) {
    byArn.put(functionArn, Map.copyOf(tags));
  }

  void forget(String functionArn) {
    byArn.remove(functionArn);
  }
}
