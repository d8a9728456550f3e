package dev.finpipe.operator.aws;

import java.util.Map;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/** A Lambda function as observed: its configuration ({@code GetFunction}) and its tags. */
public record LambdaFunctionState(FunctionConfiguration configuration, Map<String, String> tags) {
  public LambdaFunctionState {
    tags = Map.copyOf(tags);
  }

  public String functionArn() {
    return configuration.functionArn();
  }
}
