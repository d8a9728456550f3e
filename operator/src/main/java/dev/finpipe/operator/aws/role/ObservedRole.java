package dev.finpipe.operator.aws.role;

import dev.finpipe.operator.aws.Observed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * The role as read from IAM. {@code inlinePolicy}: the document of the desired inline policy (as IAM returns
 * it), empty when that policy is missing.
 */
public record ObservedRole(Role role, Map<String, String> tags, List<String> inlinePolicyNames,
                           Optional<String> inlinePolicy, List<String> attachedPolicyArns) implements Observed {
  public ObservedRole {
    tags = Map.copyOf(tags);
    inlinePolicyNames = List.copyOf(inlinePolicyNames);
    attachedPolicyArns = List.copyOf(attachedPolicyArns);
  }
}
