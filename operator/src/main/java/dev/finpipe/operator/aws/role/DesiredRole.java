package dev.finpipe.operator.aws.role;

import dev.finpipe.operator.aws.Desired;
import com.fasterxml.jackson.databind.JsonNode;
import dev.finpipe.operator.policy.IamPolicies;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The desired state of one function's IAM role: trust policy, exactly ONE inline policy, no managed
 * policies, a permissions boundary, description and ownership tags. New roles live at path {@link #PATH}; a role
 * created at {@code /} by an earlier version keeps its path (IAM cannot change a role's path and role names are
 * unique whatever the path), and gets the boundary on the next reconcile. Documents are Jackson trees (see
 * {@link IamPolicies}); they are compared parsed.
 *
 * @param permissionsBoundaryArn the managed policy that caps what any policy of the role can grant
 */
public record DesiredRole(String name, String description, JsonNode trustPolicy, String inlinePolicyName,
                          JsonNode inlinePolicy, String permissionsBoundaryArn, Map<String, String> tags)
    implements Desired {
  /** Where new roles are created; the operator's IAM policy lets it create roles only there. */
  public static final String PATH = "/finpipe/";
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
    if (permissionsBoundaryArn == null || !permissionsBoundaryArn.matches("arn:[a-z-]+:iam::(\\d{12}|aws):policy/.+")) {
      throw new IllegalArgumentException("permissions boundary must be a managed policy ARN: "
          + permissionsBoundaryArn);
    }
    tags = Map.copyOf(tags);
  }

  /** A role Lambda can assume, carrying the function's access policy under the standard inline name. */
  public static DesiredRole forFunction(String name, String description, JsonNode functionPolicy,
                                        String permissionsBoundaryArn, Map<String, String> tags) {
    return new DesiredRole(name, description, IamPolicies.lambdaTrustPolicy(), IamPolicies.FUNCTION_POLICY_NAME,
        functionPolicy, permissionsBoundaryArn, tags);
  }
}
