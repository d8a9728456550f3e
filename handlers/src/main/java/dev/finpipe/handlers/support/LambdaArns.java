package dev.finpipe.handlers.support;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Lambda function ARNs: {@code arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]}. */
public final class LambdaArns {
  private static final Pattern FUNCTION_ARN = Pattern.compile("arn:[a-z-]+:lambda:[a-z0-9-]+:(\\d{12}):function:.+");

  private LambdaArns() {}

  /** The account id of a function ARN, or empty when the text is not one. */
  public static Optional<String> accountOf(String functionArn) {
    if (functionArn == null) {
      return Optional.empty();
    }
    Matcher m = FUNCTION_ARN.matcher(functionArn);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
