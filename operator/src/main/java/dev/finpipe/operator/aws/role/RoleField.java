package dev.finpipe.operator.aws.role;

import dev.finpipe.operator.aws.ManagedField;

/** The fields of a function's IAM role the operator manages, named as IAM names them. */
public enum RoleField implements ManagedField {
  TRUST_POLICY("AssumeRolePolicyDocument"),
  DESCRIPTION("Description"),
  /** Keyed by the policy's name. */
  INLINE_POLICY("InlinePolicy"),
  EXTRA_INLINE_POLICIES("ExtraInlinePolicies"),
  ATTACHED_POLICIES("AttachedManagedPolicies"),
  TAGS("tags");

  private final String name;

  RoleField(String name) {
    this.name = name;
  }

  @Override
  public String fieldName() {
    return name;
  }
}
