package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.policy.PipelineFunction;
import dev.finpipe.operator.policy.PolicyDocuments;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.Requeue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * A pipeline whose roles an earlier version created at path {@code /} without a boundary: the next reconcile
 * adds the boundary to each role in place, the functions keep running as those very roles, and nothing is
 * deleted or recreated.
 */
class RoleMigrationTest {
  @Test
  void rolesFromBeforeBoundariesAreBoundedInPlaceAndTheFunctionsKeepThem() {
    AwsCallRecorder calls = new AwsCallRecorder(new SimpleMeterRegistry());
    AwsClients aws = Moto.clients(calls);
    FinancialPipeline fp = Pipelines.inMemory("migrate");
    DesiredState desired = new DesiredState(PipelineContext.of(fp, aws, Moto.ACCOUNT_ID).identity());
    for (PipelineFunction f : PipelineFunction.values()) {
      var role = desired.role(f);
      aws.iam().createRole(b -> b.roleName(role.name()).path("/").description(role.description())
          .assumeRolePolicyDocument(PolicyDocuments.toJson(role.trustPolicy()))
          .tags(role.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
              .toList()));
      aws.iam().putRolePolicy(b -> b.roleName(role.name()).policyName(role.inlinePolicyName())
          .policyDocument(PolicyDocuments.toJson(role.inlinePolicy())));
    }

    calls.reset(); // what the earlier version did is not counted
    try (PipelineConverger converger = new PipelineConverger(8)) {
      var outcome = Requeue.converge(converger, () -> PipelineContext.of(fp, aws, Moto.ACCOUNT_ID));

      assertThat(outcome.results()).allSatisfy(r -> assertThat(r.ready()).as(r.component() + ": " + r.message())
          .isTrue());
      assertThat(calls.mutating()).doesNotContainKeys("Iam:CreateRole", "Iam:DeleteRole", "Iam:DeleteRolePolicy",
          "Iam:PutRolePolicy");
      assertThat(calls.mutating()).containsEntry("Iam:PutRolePermissionsBoundary", 4L);
      for (PipelineFunction f : PipelineFunction.values()) {
        var role = aws.iam().getRole(b -> b.roleName(desired.role(f).name())).role();
        assertThat(role.path()).as(f + " role path").isEqualTo("/");
        assertThat(role.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(desired.role(f)
            .permissionsBoundaryArn());
        String functionRole = aws.lambda().getFunction(b -> b.functionName(desired.functionArn(f)))
            .configuration().role();
        assertThat(functionRole).as(f + " function runs as the migrated role").isEqualTo(role.arn());
      }
      converger.delete(PipelineContext.of(fp, aws, Moto.ACCOUNT_ID));
    }
  }
}
