package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.AwsAccess;
import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.policy.AdministratorAllowances;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** spec.aws.roleArn / externalId: refused before any AWS request unless well formed and allowed. */
class SpecValidatorRoleTest {
  private static final AdministratorAllowances ALLOWING = AdministratorAllowances.DEFAULTS
      .withAllowedAssumeRoles(List.of("arn:aws:iam::222222222222:role/finpipe-*",
          "arn:aws-cn:iam::333333333333:role/finpipe-*"));

  @ParameterizedTest(name = "{0} role={1} externalId={2} -> {3}")
  @CsvSource(nullValues = "-", value = {
      "us-east-1,  -,                                               -,        -",
      "us-east-1,  arn:aws:iam::222222222222:role/finpipe-deployer, -,        -",
      "us-east-1,  arn:aws:iam::222222222222:role/finpipe-deployer, ext-42:x, -",
      "us-east-1,  arn:aws:iam::222222222222:role/admin,            -,        is not among the roles",
      "us-east-1,  arn:aws:iam::444444444444:role/finpipe-deployer, -,        is not among the roles",
      "cn-north-1, arn:aws-cn:iam::333333333333:role/finpipe-x,     -,        -",
      "cn-north-1, arn:aws:iam::222222222222:role/finpipe-deployer, -,        is in partition aws but",
      "us-east-1,  arn:aws:iam::22222222222:role/finpipe-deployer,  -,        is not an IAM role ARN",
      "us-east-1,  arn:aws:iam::222222222222:user/finpipe-deployer, -,        is not an IAM role ARN",
      "us-east-1,  arn:aws:iam::222222222222:role/finpipe-deployer, a,        must be 2-1224 characters",
      "us-east-1,  arn:aws:iam::222222222222:role/finpipe-deployer, has space, must be 2-1224 characters",
      "us-east-1,  -,                                               ext-42,   is sent only with spec.aws.roleArn"})
  void roleProblems(String region, String roleArn, String externalId, String problem) {
    var spec = new FinancialPipelineSpec();
    spec.region = region;
    spec.aws = new AwsAccess();
    spec.aws.roleArn = roleArn;
    spec.aws.externalId = externalId;

    List<String> problems = SpecValidator.administratorProblems(spec, ALLOWING);

    if (problem == null) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).singleElement().asString().contains(problem);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"arn:aws:iam::222222222222:role/finpipe-deployer"})
  void withoutTheFlagEveryRoleIsRefused(String roleArn) {
    var spec = new FinancialPipelineSpec();
    spec.region = "us-east-1";
    spec.aws = new AwsAccess();
    spec.aws.roleArn = roleArn;
    assertThat(SpecValidator.administratorProblems(spec, AdministratorAllowances.DEFAULTS)).singleElement()
        .asString().startsWith("spec.aws.roleArn " + roleArn).contains("--allowed-assume-roles");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "arn:aws:iam::222222222222:role/finpipe-deployer,                  true",
      "arn:aws-us-gov:iam::222222222222:role/a/b/finpipe_deployer+=.@-,  true",
      "arn:aws-iso-b:iam::222222222222:role/x,                           true",
      "arn:aws:iam::222222222222:role/,                                  false",
      "arn:aws:iam::222222222222:role/a b,                               false",
      "arn:aws:sts::222222222222:assumed-role/x/y,                        false",
      "arn:aws:iam::222222222222:role/12345678901234567890123456789012345678901234567890123456789012345, false"})
  void roleArnPattern(String roleArn, boolean valid) {
    assertThat(roleArn.matches(AwsAccess.ROLE_ARN)).isEqualTo(valid);
  }
}
