package dev.finpipe.operator.aws.role;

import dev.finpipe.operator.aws.Desired;
import com.fasterxml.jackson.databind.JsonNode;
import dev.finpipe.operator.policy.IamPolicies;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The desired state of one function's IAM role: trust policy, exactly ONE inline policy, no managed
 * policies, description and ownership tags. Roles live at path {@code /}, so their ARN follows from the
 * name alone. Documents are Jackson trees (see {@link IamPolicies}); they are compared parsed.
 */
public record DesiredRole(String name, String description, JsonNode trustPolicy, String inlinePolicyName,
                          JsonNode inlinePolicy, Map<String, String> tags) implements Desired {
  public static final String PATH = "/";
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

  public DesiredRole {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("IAM role name must be 1-64 of [A-Za-z0-9+=,.@_-]: " + name);
    }
    if (inlinePolicyName == null || !Pattern.matches("[\\w+=,.@-]{1,128}", inlinePolicyName)) {
      throw new IllegalArgumentException("invalid inline policy name: " + inlinePolicyName);
    }
    Objects.requireNonNull(description, "description");
    if (description.length() > 1000) {
      throw new IllegalArgumentException("IAM role description is limited to 1000 characters");
    }
    Objects.requireNonNull(trustPolicy, "trustPolicy");
    Objects.requireNonNull(inlinePolicy, "inlinePolicy");
    tags = Map.copyOf(tags);
  }

  /** A role Lambda can assume, carrying the function's access policy under the standard inline name. */
  public static DesiredRole forFunction(String name, String description, JsonNode functionPolicy,
                                        Map<String, String> tags) {
    return new DesiredRole(name, description, IamPolicies.lambdaTrustPolicy(), IamPolicies.FUNCTION_POLICY_NAME,
        functionPolicy, tags);
  }
}
