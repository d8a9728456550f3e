package dev.finpipe.operator.aws.role;

import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ResourceManager;
import dev.finpipe.operator.aws.TagDiff;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.policy.PolicyDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * A function's IAM role. Least privilege is enforced on every reconcile, not only at creation: an extra
 * inline policy or an attached managed policy is drift, and is removed. Documents are compared parsed
 * (IAM returns them URL-encoded), so re-reading what we wrote never causes a rewrite.
 */
public final class RoleManager implements ResourceManager<DesiredRole, RoleManager.ObservedRole> {
  static final String TRUST_POLICY = "AssumeRolePolicyDocument";
  static final String DESCRIPTION = "Description";
  static final String INLINE_POLICY = "InlinePolicy";
  static final String EXTRA_INLINE_POLICIES = "ExtraInlinePolicies";
  static final String ATTACHED_POLICIES = "AttachedManagedPolicies";
  static final String TAGS = "tags";

  /**
   * The role as read from IAM. {@code inlinePolicy}: the document of the desired inline policy (as IAM
   * returns it), empty when that policy is missing.
   */
  public record ObservedRole(Role role, Map<String, String> tags, List<String> inlinePolicyNames,
                             Optional<String> inlinePolicy, List<String> attachedPolicyArns) {
  }

  private final IamClient iam;

  public RoleManager(AwsClients clients) {
    this.iam = clients.iam();
  }

  @Override
  public Optional<ObservedRole> observe(DesiredRole desired) {
    String name = desired.name();
    Optional<Role> role = AwsCall.unlessAbsent("GetRole " + name,
        () -> iam.getRole(b -> b.roleName(name)).role(), NoSuchEntityException.class::isInstance);
    if (role.isEmpty()) {
      return Optional.empty();
    }
    // GetRole returns the role's tags (a role has at most 50): no ListRoleTags call needed.
    Map<String, String> tags = role.get().tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    List<String> inlineNames = inlinePolicyNames(name);
    Optional<String> inline = inlineNames.contains(desired.inlinePolicyName())
        ? AwsCall.unlessAbsent("GetRolePolicy " + name, () -> iam.getRolePolicy(
            b -> b.roleName(name).policyName(desired.inlinePolicyName())).policyDocument(),
            NoSuchEntityException.class::isInstance)
        : Optional.empty();
    return Optional.of(new ObservedRole(role.get(), tags, inlineNames, inline, attachedPolicyArns(name)));
  }

  @Override
  public Map<String, String> tagsOf(ObservedRole observed) {
    return observed.tags();
  }

  @Override
  public ObservedRole create(DesiredRole desired) {
    String trust = PolicyDocuments.toJson(desired.trustPolicy());
    Role role = AwsCall.get("CreateRole " + desired.name(), () -> iam.createRole(b -> b.roleName(desired.name())
        .path(DesiredRole.PATH).description(desired.description()).assumeRolePolicyDocument(trust)
        .tags(toTags(desired.tags()))).role());
    String policy = putInlinePolicy(desired);
    return new ObservedRole(role, desired.tags(), List.of(desired.inlinePolicyName()), Optional.of(policy),
        List.of());
  }

  @Override
  public List<FieldDrift> diff(DesiredRole desired, ObservedRole observed) {
    List<FieldDrift> drift = new ArrayList<>();
    String trust = observed.role().assumeRolePolicyDocument();
    if (trust == null || !PolicyDocuments.sameDocument(desired.trustPolicy(), trust)) {
      drift.add(FieldDrift.of(TRUST_POLICY, PolicyDocuments.toJson(desired.trustPolicy()), render(trust)));
    }
    String description = Objects.requireNonNullElse(observed.role().description(), "");
    if (!desired.description().equals(description)) {
      drift.add(FieldDrift.of(DESCRIPTION, desired.description(), description));
    }
    Optional<String> inline = observed.inlinePolicy();
    if (inline.isEmpty() || !PolicyDocuments.sameDocument(desired.inlinePolicy(), inline.get())) {
      drift.add(FieldDrift.of(INLINE_POLICY + "/" + desired.inlinePolicyName(),
          PolicyDocuments.toJson(desired.inlinePolicy()), inline.map(RoleManager::render).orElse("<absent>")));
    }
    List<String> extra = extraInlinePolicies(desired, observed);
    if (!extra.isEmpty()) {
      drift.add(FieldDrift.of(EXTRA_INLINE_POLICIES, "[]", extra));
    }
    if (!observed.attachedPolicyArns().isEmpty()) {
      drift.add(FieldDrift.of(ATTACHED_POLICIES, "[]", observed.attachedPolicyArns()));
    }
    Map<String, String> missingTags = TagDiff.missing(desired.tags(), observed.tags());
    if (!missingTags.isEmpty()) {
      drift.add(FieldDrift.of(TAGS, missingTags, observed.tags()));
    }
    return drift;
  }

  @Override
  public void update(DesiredRole desired, ObservedRole observed, List<FieldDrift> drift) {
    String name = desired.name();
    for (FieldDrift d : drift) {
      String field = d.field();
      if (field.equals(TRUST_POLICY)) {
        String trust = PolicyDocuments.toJson(desired.trustPolicy());
        AwsCall.run("UpdateAssumeRolePolicy " + name,
            () -> iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(trust)));
      } else if (field.equals(DESCRIPTION)) {
        AwsCall.run("UpdateRole " + name, () -> iam.updateRole(b -> b.roleName(name)
            .description(desired.description())));
      } else if (field.startsWith(INLINE_POLICY + "/")) {
        putInlinePolicy(desired);
      } else if (field.equals(EXTRA_INLINE_POLICIES)) {
        extraInlinePolicies(desired, observed).forEach(policy -> AwsCall.run("DeleteRolePolicy " + name,
            () -> iam.deleteRolePolicy(b -> b.roleName(name).policyName(policy))));
      } else if (field.equals(ATTACHED_POLICIES)) {
        observed.attachedPolicyArns().forEach(arn -> detach(name, arn));
      } else if (field.equals(TAGS)) {
        AwsCall.run("TagRole " + name, () -> iam.tagRole(b -> b.roleName(name).tags(toTags(desired.tags()))));
      }
    }
  }

  @Override
  public String nameOf(DesiredRole desired) {
    return desired.name();
  }

  @Override
  public String arnOf(DesiredRole desired, ObservedRole observed) {
    return observed.role().arn();
  }

  @Override
  public String kind() {
    return "IAM role";
  }

  /** Removes every inline and attached policy (IAM refuses to delete a role that has any), then the role. */
  @Override
  public void delete(DesiredRole desired, ObservedRole observed) {
    String name = desired.name();
    inlinePolicyNames(name).forEach(policy -> AwsCall.unlessAbsent("DeleteRolePolicy " + name,
        () -> iam.deleteRolePolicy(b -> b.roleName(name).policyName(policy)), NoSuchEntityException.class::isInstance));
    attachedPolicyArns(name).forEach(arn -> detach(name, arn));
    AwsCall.unlessAbsent("DeleteRole " + name, () -> iam.deleteRole(b -> b.roleName(name)),
        NoSuchEntityException.class::isInstance);
  }

  private String putInlinePolicy(DesiredRole desired) {
    String policy = PolicyDocuments.toJson(desired.inlinePolicy());
    AwsCall.run("PutRolePolicy " + desired.name(), () -> iam.putRolePolicy(b -> b.roleName(desired.name())
        .policyName(desired.inlinePolicyName()).policyDocument(policy)));
    return policy;
  }

  private void detach(String role, String policyArn) {
    AwsCall.unlessAbsent("DetachRolePolicy " + role, () -> iam.detachRolePolicy(b -> b.roleName(role)
        .policyArn(policyArn)), NoSuchEntityException.class::isInstance);
  }

  private List<String> inlinePolicyNames(String role) {
    return AwsCall.get("ListRolePolicies " + role,
        () -> iam.listRolePoliciesPaginator(b -> b.roleName(role)).policyNames().stream().toList());
  }

  private List<String> attachedPolicyArns(String role) {
    return AwsCall.get("ListAttachedRolePolicies " + role,
        () -> iam.listAttachedRolePoliciesPaginator(b -> b.roleName(role)).attachedPolicies().stream()
            .map(AttachedPolicy::policyArn).toList());
  }

  private static List<String> extraInlinePolicies(DesiredRole desired, ObservedRole observed) {
    return observed.inlinePolicyNames().stream().filter(n -> !n.equals(desired.inlinePolicyName())).toList();
  }

  private static List<Tag> toTags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  /** A document as IAM returned it, decoded for messages. */
  private static String render(String document) {
    if (document == null) {
      return "<absent>";
    }
    try {
      return PolicyDocuments.toJson(PolicyDocuments.parse(document));
    } catch (IllegalArgumentException e) {
      return document;
    }
  }
}
