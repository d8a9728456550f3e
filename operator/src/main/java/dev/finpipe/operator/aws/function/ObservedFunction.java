package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.aws.Observed;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/** A Lambda function as observed: its configuration ({@code GetFunction}) and its tags. */
public record ObservedFunction(FunctionConfiguration configuration, Map<String, String> tags) implements Observed {
  public ObservedFunction {
    tags = Map.copyOf(tags);
  }

  public String functionArn() {
    return configuration.functionArn();
  }
}
