package dev.finpipe.operator.aws.role;

import static dev.finpipe.operator.aws.role.RoleField.ATTACHED_POLICIES;
import static dev.finpipe.operator.aws.role.RoleField.DESCRIPTION;
import static dev.finpipe.operator.aws.role.RoleField.EXTRA_INLINE_POLICIES;
import static dev.finpipe.operator.aws.role.RoleField.INLINE_POLICY;
import static dev.finpipe.operator.aws.role.RoleField.PERMISSIONS_BOUNDARY;
import static dev.finpipe.operator.aws.role.RoleField.TAGS;
import static dev.finpipe.operator.aws.role.RoleField.TRUST_POLICY;

import dev.finpipe.operator.aws.AbstractResourceManager;
import dev.finpipe.operator.aws.Drift;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.policy.PolicyDocuments;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * A function's IAM role. Least privilege is enforced on every reconcile, not only at creation: an extra
 * inline policy or an attached managed policy is drift, and is removed; a missing or changed permissions
 * boundary is put back before anything else is written (the operator's IAM policy allows PutRolePolicy,
 * DeleteRolePolicy and DetachRolePolicy only on roles that carry the boundary). Documents are compared parsed
 * (IAM returns them URL-encoded), so re-reading what we wrote never causes a rewrite.
 */
public final class RoleManager extends AbstractResourceManager<DesiredRole, ObservedRole, IamClient> {
  public RoleManager(AwsClients clients) {
    super("IAM role", clients.iam());
  }

  @Override
  public Optional<ObservedRole> observe(DesiredRole desired) {
    String name = desired.name();
    Optional<Role> role = AwsCall.unlessAbsent("GetRole " + name,
        () -> client.getRole(b -> b.roleName(name)).role(), NoSuchEntityException.class::isInstance);
    if (role.isEmpty()) {
      return Optional.empty();
    }
    // GetRole returns the role's tags (a role has at most 50): no ListRoleTags call needed.
    Map<String, String> tags = role.get().tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    List<String> inlineNames = inlinePolicyNames(name);
    Optional<String> inline = inlineNames.contains(desired.inlinePolicyName())
        ? AwsCall.unlessAbsent("GetRolePolicy " + name, () -> client.getRolePolicy(
            b -> b.roleName(name).policyName(desired.inlinePolicyName())).policyDocument(),
            NoSuchEntityException.class::isInstance)
        : Optional.empty();
    return Optional.of(new ObservedRole(role.get(), tags, inlineNames, inline, attachedPolicyArns(name)));
  }

  @Override
  public ObservedRole create(DesiredRole desired) {
    String trust = PolicyDocuments.toJson(desired.trustPolicy());
    Role role = AwsCall.get("CreateRole " + desired.name(), () -> client.createRole(b -> b.roleName(desired.name())
        .path(DesiredRole.PATH).description(desired.description()).assumeRolePolicyDocument(trust)
        .permissionsBoundary(desired.permissionsBoundaryArn()).tags(toTags(desired.tags()))).role());
    String policy = putInlinePolicy(desired);
    return new ObservedRole(role, desired.tags(), List.of(desired.inlinePolicyName()), Optional.of(policy),
        List.of());
  }

  @Override
  public List<FieldDrift> diff(DesiredRole desired, ObservedRole observed) {
    Drift drift = new Drift().compare(PERMISSIONS_BOUNDARY, desired.permissionsBoundaryArn(), boundaryOf(observed));
    String trust = observed.role().assumeRolePolicyDocument();
    if (trust == null || !PolicyDocuments.sameDocument(desired.trustPolicy(), trust)) {
      drift.add(FieldDrift.of(TRUST_POLICY, PolicyDocuments.toJson(desired.trustPolicy()), render(trust)));
    }
    drift.compare(DESCRIPTION, desired.description(), Objects.requireNonNullElse(observed.role().description(), ""));
    Optional<String> inline = observed.inlinePolicy();
    if (inline.isEmpty() || !PolicyDocuments.sameDocument(desired.inlinePolicy(), inline.get())) {
      drift.add(FieldDrift.keyed(INLINE_POLICY, desired.inlinePolicyName(),
          PolicyDocuments.toJson(desired.inlinePolicy()), inline.map(RoleManager::render).orElse(null)));
    }
    return drift.compare(EXTRA_INLINE_POLICIES, List.of(), extraInlinePolicies(desired, observed))
        .compare(ATTACHED_POLICIES, List.of(), observed.attachedPolicyArns())
        .tags(TAGS, desired.tags(), observed.tags())
        .list();
  }

  @Override
  public void update(DesiredRole desired, ObservedRole observed, List<FieldDrift> drift) {
    String name = desired.name();
    Set<RoleField> fields = FieldDrift.fields(drift, RoleField.class);
    if (fields.contains(PERMISSIONS_BOUNDARY)) {
      putBoundary(desired);
    }
    if (fields.contains(TRUST_POLICY)) {
      String trust = PolicyDocuments.toJson(desired.trustPolicy());
      AwsCall.run("UpdateAssumeRolePolicy " + name,
          () -> client.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(trust)));
    }
    if (fields.contains(DESCRIPTION)) {
      AwsCall.run("UpdateRole " + name,
          () -> client.updateRole(b -> b.roleName(name).description(desired.description())));
    }
    if (fields.contains(INLINE_POLICY)) {
      putInlinePolicy(desired);
    }
    if (fields.contains(EXTRA_INLINE_POLICIES)) {
      extraInlinePolicies(desired, observed).forEach(policy -> AwsCall.run("DeleteRolePolicy " + name,
          () -> client.deleteRolePolicy(b -> b.roleName(name).policyName(policy))));
    }
    if (fields.contains(ATTACHED_POLICIES)) {
      observed.attachedPolicyArns().forEach(arn -> detach(name, arn));
    }
    if (fields.contains(TAGS)) {
      AwsCall.run("TagRole " + name, () -> client.tagRole(b -> b.roleName(name).tags(toTags(desired.tags()))));
    }
  }

  @Override
  public String arnOf(DesiredRole desired, ObservedRole observed) {
    return observed.role().arn();
  }

  /** Removes every inline and attached policy (IAM refuses to delete a role that has any), then the role. */
  @Override
  public void delete(DesiredRole desired, ObservedRole observed) {
    String name = desired.name();
    if (!desired.permissionsBoundaryArn().equals(boundaryOf(observed))) {
      putBoundary(desired); // a role from before boundaries: its policies can be removed only once it has one
    }
    inlinePolicyNames(name).forEach(policy -> AwsCall.unlessGone("DeleteRolePolicy " + name,
        () -> client.deleteRolePolicy(b -> b.roleName(name).policyName(policy)),
        NoSuchEntityException.class::isInstance));
    attachedPolicyArns(name).forEach(arn -> detach(name, arn));
    AwsCall.unlessGone("DeleteRole " + name, () -> client.deleteRole(b -> b.roleName(name)),
        NoSuchEntityException.class::isInstance);
  }

  private String putInlinePolicy(DesiredRole desired) {
    String policy = PolicyDocuments.toJson(desired.inlinePolicy());
    AwsCall.run("PutRolePolicy " + desired.name(), () -> client.putRolePolicy(b -> b.roleName(desired.name())
        .policyName(desired.inlinePolicyName()).policyDocument(policy)));
    return policy;
  }

  private void putBoundary(DesiredRole desired) {
    AwsCall.run("PutRolePermissionsBoundary " + desired.name(), () -> client.putRolePermissionsBoundary(
        b -> b.roleName(desired.name()).permissionsBoundary(desired.permissionsBoundaryArn())));
  }

  private static String boundaryOf(ObservedRole observed) {
    var boundary = observed.role().permissionsBoundary();
    return boundary == null ? null : boundary.permissionsBoundaryArn();
  }

  private void detach(String role, String policyArn) {
    AwsCall.unlessGone("DetachRolePolicy " + role, () -> client.detachRolePolicy(b -> b.roleName(role)
        .policyArn(policyArn)), NoSuchEntityException.class::isInstance);
  }

  private List<String> inlinePolicyNames(String role) {
    return AwsCall.get("ListRolePolicies " + role,
        () -> client.listRolePoliciesPaginator(b -> b.roleName(role)).policyNames().stream().toList());
  }

  private List<String> attachedPolicyArns(String role) {
    return AwsCall.get("ListAttachedRolePolicies " + role,
        () -> client.listAttachedRolePoliciesPaginator(b -> b.roleName(role)).attachedPolicies().stream()
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
