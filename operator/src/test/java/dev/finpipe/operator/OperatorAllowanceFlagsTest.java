package dev.finpipe.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.policy.AdministratorAllowances;
import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The flags that say what pipelines may use become the operator's {@link AdministratorAllowances}. */
class OperatorAllowanceFlagsTest {
  private static AdministratorAllowances parse(String... args) {
    OperatorOptions options = new OperatorOptions();
    new CommandLine(options).parseArgs(args);
    return options.allowances();
  }

  @Test
  void withoutFlagsNothingBeyondTheDefaultsIsAllowed() {
    AdministratorAllowances none = parse();
    assertThat(none.permissionsBoundary()).isEqualTo(AdministratorAllowances.DEFAULT_PERMISSIONS_BOUNDARY);
    assertThat(none.anyEndpoint()).isFalse();
    assertThat(none.allowedEndpoints()).isEmpty();
    assertThat(none.allowedKmsKeys()).isEmpty();
    assertThat(none.crossAccountAlarmTopics()).isFalse();
    assertThat(none.defaultTags()).isEmpty();
    assertThat(none.allowedAssumeRoles()).isEmpty();
  }

  @Test
  void defaultTagsFlagReachesTheAllowancesInOrder() {
    assertThat(parse("--default-tags=cost-center=fin42, owner=data team").defaultTags())
        .containsExactly(java.util.Map.entry("cost-center", "fin42"), java.util.Map.entry("owner", "data team"));
  }

  /** Checked when the operator starts (OperatorRuntime asks for the allowances), not at the first pipeline. */
  @Test
  void aDefaultTagAwsRefusesStopsTheOperatorAtStart() {
    assertThatThrownBy(() -> parse("--default-tags=finpipe.dev/uid=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--default-tags tag 'finpipe.dev/uid': the prefix finpipe.dev/ is reserved");
  }

  @Test
  void allowedAssumeRolesAreTrimmedAndEmptiesDropped() {
    assertThat(parse("--allowed-assume-roles=arn:aws:iam::*:role/finpipe-*, ,arn:aws:iam::222222222222:role/x")
        .allowedAssumeRoles()).containsExactly("arn:aws:iam::*:role/finpipe-*", "arn:aws:iam::222222222222:role/x");
  }

  @Test
  void selectorAndLeaseNameDefaultToAllPipelinesAndTheSingleOperatorsLease() {
    OperatorOptions none = new OperatorOptions();
    new CommandLine(none).parseArgs();
    assertThat(none.labelSelector()).isEmpty();
    assertThat(none.leaseName).isEqualTo(OperatorRuntime.LEASE_NAME);

    OperatorOptions shard = new OperatorOptions();
    new CommandLine(shard).parseArgs("--selector= finpipe.dev/shard in (1) ",
        "--leader-election-lease-name=financial-pipeline-operator-shard-1");
    assertThat(shard.labelSelector()).hasValue("finpipe.dev/shard in (1)");
    assertThat(shard.leaseName).isEqualTo("financial-pipeline-operator-shard-1");
  }

  @Test
  void everyFlagReachesTheAllowances() {
    AdministratorAllowances all = parse("--function-permissions-boundary=arn:aws:iam::123456789012:policy/b",
        "--allowed-pipeline-endpoints=https://a.example,http://b.example:4566",
        "--allowed-kms-keys=k1, k2", "--allow-cross-account-alarm-topics", "--allow-pipeline-endpoints");
    assertThat(all.permissionsBoundary()).isEqualTo("arn:aws:iam::123456789012:policy/b");
    assertThat(all.allowedEndpoints()).containsExactly(URI.create("https://a.example"),
        URI.create("http://b.example:4566"));
    assertThat(all.allowedKmsKeys()).containsExactlyInAnyOrder("k1", "k2");
    assertThat(all.crossAccountAlarmTopics()).isTrue();
    assertThat(all.anyEndpoint()).isTrue();
  }
}
