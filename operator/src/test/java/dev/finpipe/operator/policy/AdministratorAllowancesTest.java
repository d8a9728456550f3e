package dev.finpipe.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the operator's administrator allows: table tests of the pure decisions. */
class AdministratorAllowancesTest {
  private static final Arns US = Arns.of("us-east-1", "123456789012");
  private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final AdministratorAllowances ALLOWING = new AdministratorAllowances("arn:aws:iam::123456789012"
      + ":policy/custom", false, List.of(URI.create("https://vpce-1.s3.us-east-1.vpce.amazonaws.com"),
      URI.create("http://emulator:4566")), Set.of(KEY, "5678abcd-12ab-34cd-56ef-1234567890ab"), false);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "https://vpce-1.s3.us-east-1.vpce.amazonaws.com,          true",
      "https://VPCE-1.s3.us-east-1.vpce.amazonaws.com:443/path, true",
      "http://vpce-1.s3.us-east-1.vpce.amazonaws.com,           false",
      "http://emulator:4566,                                    true",
      "http://emulator:4567,                                    false",
      "http://emulator,                                         false",
      "https://attacker.example,                                false"})
  void onlyAllowedEndpointsPass(String endpoint, boolean allowed) {
    assertThat(ALLOWING.endpointAllowed(URI.create(endpoint))).isEqualTo(allowed);
    assertThat(AdministratorAllowances.DEFAULTS.endpointAllowed(URI.create(endpoint))).as("by default").isFalse();
    assertThat(AdministratorAllowances.DEFAULTS.withAnyEndpoint().endpointAllowed(URI.create(endpoint))).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab, true",
      "arn:aws:kms:us-east-1:123456789012:key/5678abcd-12ab-34cd-56ef-1234567890ab, true",
      "arn:aws:kms:us-east-1:123456789012:key/9999abcd-12ab-34cd-56ef-1234567890ab, false"})
  void onlyAllowedKmsKeysPass(String key, boolean allowed) {
    assertThat(ALLOWING.kmsKeyProblem(key).isEmpty()).isEqualTo(allowed);
    assertThat(AdministratorAllowances.DEFAULTS.kmsKeyProblem(key)).as("by default")
        .hasValueSatisfying(m -> assertThat(m).contains("--allowed-kms-keys"));
  }

  @ParameterizedTest(name = "topic of {0}, cross-account allowed {1} -> {2}")
  @CsvSource({
      "123456789012, false, true",
      "210987654321, false, false",
      "210987654321, true,  true"})
  void alarmTopicsOfOtherAccountsOnlyWhenAllowed(String account, boolean crossAccount, boolean allowed) {
    var allowances = new AdministratorAllowances("b", false, List.of(), Set.of(), crossAccount);
    assertThat(allowances.alarmTopicProblem("arn:aws:sns:us-east-1:" + account + ":t", account, "123456789012")
        .isEmpty()).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "finpipe/FinancialPipelineFunctionBoundary, arn:aws:iam::123456789012:policy/finpipe/FinancialPipelineFunctionBoundary",
      "/team/boundary,                            arn:aws:iam::123456789012:policy/team/boundary",
      "arn:aws:iam::210987654321:policy/org,      arn:aws:iam::210987654321:policy/org"})
  void theBoundaryIsAPolicyOfThePipelinesAccountUnlessAnArnIsGiven(String flag, String arn) {
    assertThat(new AdministratorAllowances(flag, false, List.of(), Set.of(), false).permissionsBoundaryArn(US))
        .isEqualTo(arn);
  }
}
