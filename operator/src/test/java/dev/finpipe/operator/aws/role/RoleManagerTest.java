package dev.finpipe.operator.aws.role;

import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ManagerContractTest;
import dev.finpipe.operator.policy.Arns;
import dev.finpipe.operator.policy.IamPolicies;
import dev.finpipe.operator.policy.PipelineFunction;
import dev.finpipe.operator.policy.PolicyDocuments;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.testing.Moto;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;

class RoleManagerTest extends ManagerContractTest<DesiredRole, ObservedRole> {
  private static final String ADMIN = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"*\",\"Resource\":\"*\"}]}";
  private static final String BOUNDARY = "arn:aws:iam::123456789012:policy/finpipe/FinancialPipelineFunctionBoundary";
  private static final String OTHER_BOUNDARY = "arn:aws:iam::123456789012:policy/wide-open";
  private final RoleManager manager = new RoleManager(clients);
  private final IamClient iam = clients.iam();
  private final String suffix = suffix();
  private final String name = "role-test-" + suffix;
  private final DesiredRole spec = spec();

  @Override
  protected RoleManager manager() {
    return manager;
  }

  @Override
  protected DesiredRole desired() {
    return spec;
  }

  private DesiredRole spec() {
    Arns arns = Arns.of(Moto.region(), Moto.ACCOUNT_ID);
    ObjectNode policy = IamPolicies.functionPolicy(new IamPolicies.FunctionAccess(PipelineFunction.STATUS, arns,
        "bucket-" + suffix, "/aws/lambda/fn-" + suffix, arns.queue("dlq-" + suffix), Optional.empty()));
    return DesiredRole.forFunction(name, "status function of ns/pipeline", policy, BOUNDARY, owner.tags());
  }

  private String inlinePolicy() {
    return iam.getRolePolicy(b -> b.roleName(name).policyName(IamPolicies.FUNCTION_POLICY_NAME)).policyDocument();
  }

  private String trustPolicy() {
    return iam.getRole(b -> b.roleName(name)).role().assumeRolePolicyDocument();
  }

  @Override
  protected Optional<Map<String, String>> ownTags(DesiredRole desired) {
    return Optional.of(iam.listRoleTags(b -> b.roleName(name)).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value)));
  }

  @Override
  protected void verifyCreated(DesiredRole desired, Convergence created) {
    assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:role/finpipe/" + name);
    assertThat(iam.getRole(b -> b.roleName(name)).role().permissionsBoundary().permissionsBoundaryArn())
        .isEqualTo(BOUNDARY);
    assertThat(iam.listRolePolicies(b -> b.roleName(name)).policyNames())
        .containsExactly(IamPolicies.FUNCTION_POLICY_NAME);
    assertThat(PolicyDocuments.sameDocument(spec.inlinePolicy(), inlinePolicy())).isTrue();
    assertThat(PolicyDocuments.sameDocument(IamPolicies.lambdaTrustPolicy(), trustPolicy())).isTrue();
  }

  @Override
  protected String driftOneField(DesiredRole desired) {
    iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
        + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
    return "AssumeRolePolicyDocument";
  }

  @Override
  protected void verifyCorrected(DesiredRole desired) {
    assertThat(recorder.mutating()).containsOnlyKeys("Iam:UpdateAssumeRolePolicy");
    assertThat(PolicyDocuments.sameDocument(IamPolicies.lambdaTrustPolicy(), trustPolicy())).isTrue();
  }

  @Override
  protected DesiredRole createForeign(Ownership other) {
    iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(ADMIN)
        .tags(other.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList()));
    return spec;
  }

  @Test
  void aPolicyWidenedWithAnExtraStatementIsNarrowedBack() {
    manager.converge(spec, owner);
    ObjectNode widened = spec.inlinePolicy().deepCopy();
    ((ArrayNode) widened.get("Statement")).addObject()
        .put("Effect", "Allow").put("Action", "s3:*").put("Resource", "*");
    iam.putRolePolicy(b -> b.roleName(name).policyName(IamPolicies.FUNCTION_POLICY_NAME)
        .policyDocument(PolicyDocuments.toJson(widened)));

    recorder.reset();
    Convergence updated = manager.converge(spec, owner);
    assertThat(updated.corrected()).extracting(FieldDrift::field)
        .containsExactly("InlinePolicy/" + IamPolicies.FUNCTION_POLICY_NAME);
    assertThat(recorder.mutating()).containsOnlyKeys("Iam:PutRolePolicy");
    assertThat(PolicyDocuments.sameDocument(spec.inlinePolicy(), inlinePolicy())).isTrue();
  }

  @Test
  void anExtraInlinePolicyAndAnAttachedManagedPolicyAreRemoved() {
    manager.converge(spec, owner);
    String adminArn = iam.createPolicy(b -> b.policyName("AdministratorAccess-" + suffix).policyDocument(ADMIN))
        .policy().arn();
    try {
      iam.attachRolePolicy(b -> b.roleName(name).policyArn(adminArn));
      iam.putRolePolicy(b -> b.roleName(name).policyName("backdoor").policyDocument(ADMIN));

      Convergence updated = manager.converge(spec, owner);
      assertThat(updated.corrected()).extracting(FieldDrift::field)
          .containsExactly("ExtraInlinePolicies", "AttachedManagedPolicies");
      assertThat(iam.listRolePolicies(b -> b.roleName(name)).policyNames())
          .containsExactly(IamPolicies.FUNCTION_POLICY_NAME);
      assertThat(iam.listAttachedRolePolicies(b -> b.roleName(name)).attachedPolicies()).isEmpty();
      assertThat(manager.converge(spec, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
    } finally {
      iam.deletePolicy(b -> b.policyArn(adminArn));
    }
  }

  @Test
  void removeAlsoDeletesInlinePoliciesAddedLater() {
    manager.converge(spec, owner);
    iam.putRolePolicy(b -> b.roleName(name).policyName("added-later").policyDocument(ADMIN));

    assertThat(manager.remove(spec, owner).action()).isEqualTo(Convergence.Action.DELETED);
    assertThatThrownBy(() -> iam.getRole(b -> b.roleName(name))).isInstanceOf(NoSuchEntityException.class);
  }

  @Test
  void aRemovedOrReplacedBoundaryIsPutBack() {
    manager.converge(spec, owner);
    iam.deleteRolePermissionsBoundary(b -> b.roleName(name));

    recorder.reset();
    Convergence removed = manager.converge(spec, owner);
    assertThat(removed.corrected()).extracting(FieldDrift::field).containsExactly("PermissionsBoundary");
    assertThat(recorder.mutating()).containsOnlyKeys("Iam:PutRolePermissionsBoundary");
    assertThat(boundary()).isEqualTo(BOUNDARY);

    iam.putRolePermissionsBoundary(b -> b.roleName(name).permissionsBoundary(OTHER_BOUNDARY));
    assertThat(manager.converge(spec, owner).corrected()).extracting(FieldDrift::field)
        .containsExactly("PermissionsBoundary");
    assertThat(boundary()).isEqualTo(BOUNDARY);
  }

  /**
   * A role an earlier version created at path {@code /} without a boundary keeps its path (IAM cannot move a
   * role, and a role name is unique whatever its path: UpdateRole has no Path, CreateRole refuses the name) and
   * its policy throughout; the next reconcile only adds the boundary, so the function never loses access.
   */
  @Test
  void aRoleFromBeforeBoundariesGetsTheBoundaryInPlaceWithItsPolicyKept() {
    String trust = PolicyDocuments.toJson(IamPolicies.lambdaTrustPolicy());
    String oldArn = iam.createRole(b -> b.roleName(name).path("/").assumeRolePolicyDocument(trust)
        .description(spec.description()).tags(owner.tags().entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())).role().arn();
    iam.putRolePolicy(b -> b.roleName(name).policyName(IamPolicies.FUNCTION_POLICY_NAME)
        .policyDocument(PolicyDocuments.toJson(spec.inlinePolicy())));

    recorder.reset();
    Convergence migrated = manager.converge(spec, owner);

    assertThat(migrated.corrected()).extracting(FieldDrift::field).containsExactly("PermissionsBoundary");
    assertThat(recorder.mutating()).as("nothing removed or recreated").containsOnlyKeys(
        "Iam:PutRolePermissionsBoundary");
    assertThat(migrated.arn()).isEqualTo(oldArn).isEqualTo("arn:aws:iam::123456789012:role/" + name);
    assertThat(boundary()).isEqualTo(BOUNDARY);
    assertThat(PolicyDocuments.sameDocument(spec.inlinePolicy(), inlinePolicy())).isTrue();
  }

  @Test
  void aRoleFromBeforeBoundariesGetsTheBoundaryBeforeItsPoliciesAreRemoved() {
    String trust = PolicyDocuments.toJson(IamPolicies.lambdaTrustPolicy());
    iam.createRole(b -> b.roleName(name).path("/").assumeRolePolicyDocument(trust)
        .tags(owner.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList()));
    iam.putRolePolicy(b -> b.roleName(name).policyName(IamPolicies.FUNCTION_POLICY_NAME)
        .policyDocument(PolicyDocuments.toJson(spec.inlinePolicy())));

    recorder.reset();
    assertThat(manager.remove(spec, owner).action()).isEqualTo(Convergence.Action.DELETED);
    assertThat(recorder.mutating()).containsKey("Iam:PutRolePermissionsBoundary");
    assertThatThrownBy(() -> iam.getRole(b -> b.roleName(name))).isInstanceOf(NoSuchEntityException.class);
  }

  private String boundary() {
    var b = iam.getRole(r -> r.roleName(name)).role().permissionsBoundary();
    return b == null ? null : b.permissionsBoundaryArn();
  }
}
