package dev.finpipe.operator.aws.role;

import dev.finpipe.operator.aws.FieldName;
import dev.finpipe.operator.aws.ManagedField;

/** The fields of a function's IAM role the operator manages, named as IAM names them. */
public enum RoleField implements ManagedField {
  /** First: the operator's IAM policy lets it write a role's policies only once the role carries it. */
  @FieldName("PermissionsBoundary")
  PERMISSIONS_BOUNDARY,
  @FieldName("AssumeRolePolicyDocument")
  TRUST_POLICY,
  @FieldName("Description")
  DESCRIPTION,
  /** Keyed by the policy's name. */
  @FieldName("InlinePolicy")
  INLINE_POLICY,
  @FieldName("ExtraInlinePolicies")
  EXTRA_INLINE_POLICIES,
  @FieldName("AttachedManagedPolicies")
  ATTACHED_POLICIES,
  @FieldName("tags")
  TAGS;
}
