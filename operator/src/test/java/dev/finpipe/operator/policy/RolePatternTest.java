package dev.finpipe.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Role ARN patterns of --allowed-assume-roles: a wildcard stays within one part of the ARN. */
class RolePatternTest {
  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource({
      "arn:aws:iam::123456789012:role/finpipe-*, arn:aws:iam::123456789012:role/finpipe-prod,  true",
      "arn:aws:iam::123456789012:role/finpipe-*, arn:aws:iam::123456789012:role/finpipe-,      true",
      "arn:aws:iam::123456789012:role/finpipe-*, arn:aws:iam::123456789012:role/admin,         false",
      "arn:aws:iam::123456789012:role/finpipe-*, arn:aws:iam::210987654321:role/finpipe-prod,  false",
      "arn:aws:iam::123456789012:role/finpipe-*, arn:aws:iam::123456789012:role/team/finpipe-x, false",
      "arn:aws:iam::*:role/finpipe-deployer,     arn:aws:iam::222222222222:role/finpipe-deployer, true",
      "arn:aws:iam::*:role/finpipe-deployer,     arn:aws:iam::222222222222:role/finpipe-deployer2, false",
      // a wildcard in the account part cannot swallow the colon before the resource
      "arn:aws:iam::*,                           arn:aws:iam::222222222222:role/x,               false",
      "arn:aws:iam::222222222222:role/*,         arn:aws:iam::222222222222:role/path/x,          true",
      "arn:aws:iam::222222222222:role/*,         arn:aws-cn:iam::222222222222:role/x,            false",
      // regular-expression characters are literal
      "arn:aws:iam::222222222222:role/a.b,       arn:aws:iam::222222222222:role/axb,             false",
      "arn:aws:iam::222222222222:role/a+b,       arn:aws:iam::222222222222:role/a+b,             true",
      "' arn:aws:iam::222222222222:role/x ',     arn:aws:iam::222222222222:role/x,               true"})
  void matches(String pattern, String roleArn, boolean expected) {
    assertThat(RolePattern.matches(pattern, roleArn)).isEqualTo(expected);
    assertThat(AdministratorAllowances.DEFAULTS.withAllowedAssumeRoles(List.of(pattern)).assumeRoleProblem(roleArn)
        .isEmpty()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"arn:aws:iam::222222222222:role/x", "arn:aws:iam::123456789012:role/finpipe-prod"})
  void byDefaultNoRoleIsAllowedAndTheMessageSaysWhichFlag(String roleArn) {
    assertThat(AdministratorAllowances.DEFAULTS.assumeRoleProblem(roleArn)).hasValueSatisfying(m -> assertThat(m)
        .contains(roleArn).contains("--allowed-assume-roles").contains("no role may be assumed"));
  }
}
