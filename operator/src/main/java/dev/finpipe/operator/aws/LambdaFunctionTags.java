package dev.finpipe.operator.aws;

import dev.finpipe.operator.support.AwsErrors;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Reads a function's tags by its ARN. Permissions and the asynchronous invocation config carry no tags of
 * their own: they belong to whoever owns the function, so their managers report the function's tags.
 */
final class LambdaFunctionTags {
  private LambdaFunctionTags() {
  }

  /** The function's tags; empty when the function does not exist. */
  static Map<String, String> of(LambdaClient lambda, String functionArn) {
    try {
      return Map.copyOf(lambda.listTags(r -> r.resource(functionArn)).tags());
    } catch (ResourceNotFoundException e) {
      return Map.of();
    } catch (SdkException e) {
      throw AwsErrors.classify("ListTags " + functionArn, e);
    }
  }
}
