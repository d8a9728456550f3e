package dev.finpipe.operator.aws.permission;

import dev.finpipe.operator.aws.function.FunctionPart;
import dev.finpipe.operator.support.Required;

/**
 * Desired resource-based policy statement on a function: {@code lambda:InvokeFunction} for a principal,
 * restricted to a source ARN and (for S3, whose bucket ARNs carry no account) a source account.
 *
 * @param functionArn the function's ARN, never its bare name (a name is ambiguous across accounts/regions)
 * @param sourceAccount null unless the principal is a service whose source ARN has no account (S3)
 */
public record DesiredPermission(String functionArn, String statementId, String principal, String sourceArn,
                                   String sourceAccount) implements FunctionPart {
  public static final String ACTION = "lambda:InvokeFunction";

  public DesiredPermission {
    Required.present("functionArn", functionArn, "statementId", statementId, "principal", principal);
    if (!functionArn.startsWith("arn:")) {
      throw new IllegalArgumentException("functionArn must be an ARN, was " + functionArn);
    }
  }

  /** The permission is a statement of its function's policy. */
  @Override
  public String name() {
    return functionArn + "#" + statementId;
  }
}
