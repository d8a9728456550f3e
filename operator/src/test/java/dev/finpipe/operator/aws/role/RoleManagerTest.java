package dev.finpipe.operator.aws.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.policy.Arns;
import dev.finpipe.operator.policy.IamPolicies;
import dev.finpipe.operator.policy.PipelineFunction;
import dev.finpipe.operator.policy.PolicyDocuments;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.support.TerminalException;
import dev.finpipe.operator.testing.Moto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

class RoleManagerTest {
  private static final AwsCallRecorder RECORDER = new AwsCallRecorder(new SimpleMeterRegistry());
  private static final AwsClients CLIENTS = Moto.clients(RECORDER);
  private static final String ADMIN = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":\"*\",\"Resource\":\"*\"}]}";
  private final RoleManager manager = new RoleManager(CLIENTS);
  private final IamClient iam = CLIENTS.iam();
  private final Ownership owner = new Ownership("ns", "pipeline", UUID.randomUUID().toString());
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String name = "role-test-" + suffix;

  @AfterAll
  static void closeClients() {
    CLIENTS.close();
  }

  private DesiredRole spec() {
    Arns arns = Arns.of(Moto.region(), Moto.ACCOUNT_ID);
    ObjectNode policy = IamPolicies.functionPolicy(new IamPolicies.FunctionAccess(PipelineFunction.STATUS, arns,
        "bucket-" + suffix, "/aws/lambda/fn-" + suffix, arns.queue("dlq-" + suffix), Optional.empty()));
    return DesiredRole.forFunction(name, "status function of ns/pipeline", policy, owner.tags());
  }

  private String inlinePolicy() {
    return iam.getRolePolicy(b -> b.roleName(name).policyName(IamPolicies.FUNCTION_POLICY_NAME)).policyDocument();
  }

  @Test
  void createdRoleHasTrustAndOneInlinePolicyAndASecondConvergeMakesNoMutatingCall() {
    Convergence created = manager.converge(spec(), owner);
    assertThat(created.action()).isEqualTo(Convergence.Action.CREATED);
    assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:role/" + name);
    assertThat(iam.listRolePolicies(b -> b.roleName(name)).policyNames())
        .containsExactly(IamPolicies.FUNCTION_POLICY_NAME);
    assertThat(PolicyDocuments.sameDocument(spec().inlinePolicy(), inlinePolicy())).isTrue();
    assertThat(PolicyDocuments.sameDocument(IamPolicies.lambdaTrustPolicy(),
        iam.getRole(b -> b.roleName(name)).role().assumeRolePolicyDocument())).isTrue();

    RECORDER.reset();
    assertThat(manager.converge(spec(), owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
    assertThat(RECORDER.mutating()).isEmpty();
  }

  @Test
  void aPolicyWidenedWithAnExtraStatementIsNarrowedBack() {
    manager.converge(spec(), owner);
    ObjectNode widened = spec().inlinePolicy().deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode) widened.get("Statement")).addObject()
        .put("Effect", "Allow").put("Action", "s3:*").put("Resource", "*");
    iam.putRolePolicy(b -> b.roleName(name).policyName(IamPolicies.FUNCTION_POLICY_NAME)
        .policyDocument(PolicyDocuments.toJson(widened)));

    RECORDER.reset();
    Convergence updated = manager.converge(spec(), owner);
    assertThat(updated.corrected()).extracting(FieldDrift::field)
        .containsExactly("InlinePolicy/" + IamPolicies.FUNCTION_POLICY_NAME);
    assertThat(RECORDER.mutating()).containsOnlyKeys("Iam:PutRolePolicy");
    assertThat(PolicyDocuments.sameDocument(spec().inlinePolicy(), inlinePolicy())).isTrue();
  }

  @Test
  void anExtraInlinePolicyAndAnAttachedManagedPolicyAreRemoved() {
    manager.converge(spec(), owner);
    String adminArn = iam.createPolicy(b -> b.policyName("AdministratorAccess-" + suffix).policyDocument(ADMIN))
        .policy().arn();
    try {
      iam.attachRolePolicy(b -> b.roleName(name).policyArn(adminArn));
      iam.putRolePolicy(b -> b.roleName(name).policyName("backdoor").policyDocument(ADMIN));

      Convergence updated = manager.converge(spec(), owner);
      assertThat(updated.corrected()).extracting(FieldDrift::field)
          .containsExactly("ExtraInlinePolicies", "AttachedManagedPolicies");
      assertThat(iam.listRolePolicies(b -> b.roleName(name)).policyNames())
          .containsExactly(IamPolicies.FUNCTION_POLICY_NAME);
      assertThat(iam.listAttachedRolePolicies(b -> b.roleName(name)).attachedPolicies()).isEmpty();
      assertThat(manager.converge(spec(), owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
    } finally {
      iam.deletePolicy(b -> b.policyArn(adminArn));
    }
  }

  @Test
  void aChangedTrustPolicyIsRestoredAlone() {
    manager.converge(spec(), owner);
    iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
        + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));

    RECORDER.reset();
    Convergence updated = manager.converge(spec(), owner);
    assertThat(updated.corrected()).extracting(FieldDrift::field).containsExactly("AssumeRolePolicyDocument");
    assertThat(RECORDER.mutating()).containsOnlyKeys("Iam:UpdateAssumeRolePolicy");
    assertThat(PolicyDocuments.sameDocument(IamPolicies.lambdaTrustPolicy(),
        iam.getRole(b -> b.roleName(name)).role().assumeRolePolicyDocument())).isTrue();
  }

  @Test
  void roleOwnedBySomeoneElseIsRefusedAndLeftUntouched() {
    iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(ADMIN)
        .tags(t -> t.key(Ownership.TAG_UID).value("someone-else")));

    RECORDER.reset();
    assertThatThrownBy(() -> manager.converge(spec(), owner))
        .isInstanceOfSatisfying(TerminalException.class, e -> assertThat(e.reason()).isEqualTo("ForeignResource"));
    assertThat(RECORDER.mutating()).isEmpty();
    assertThat(iam.listRolePolicies(b -> b.roleName(name)).policyNames()).isEmpty();
    iam.deleteRole(b -> b.roleName(name));
  }

  @Test
  void deleteRemovesPoliciesAndTheRole() {
    manager.converge(spec(), owner);
    iam.putRolePolicy(b -> b.roleName(name).policyName("added-later").policyDocument(ADMIN));

    assertThat(manager.remove(spec(), owner).action()).isEqualTo(Convergence.Action.DELETED);
    assertThatThrownBy(() -> iam.getRole(b -> b.roleName(name))).isInstanceOf(NoSuchEntityException.class);
    assertThat(manager.observe(spec())).isEmpty();
  }
}
