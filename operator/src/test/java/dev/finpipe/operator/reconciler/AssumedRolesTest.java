package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.aws.client.AwsTarget;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/** Session names and cache keys of assumed roles (pure), and one provider per distinct target. */
class AssumedRolesTest {
  private static final String ROLE = "arn:aws:iam::222222222222:role/finpipe-deployer";

  @ParameterizedTest(name = "uid {0} -> {1}")
  @CsvSource({
      "3f1c2a4e-9b7d-4c1e-8f00-0123456789ab, finpipe-3f1c2a4e-9b7d-4c1e-8f00-0123456789ab",
      "a b/c,                                finpipe-a-b-c",
      "0123456789012345678901234567890123456789012345678901234567890123, "
          + "finpipe-01234567890123456789012345678901234567890123456789012345"})
  void sessionNameIsFromTheUidWithinStsRules(String uid, String expected) {
    var fp = new FinancialPipeline();
    fp.setMetadata(new ObjectMetaBuilder().withName("p").withUid(uid).build());
    String name = AssumedRoles.sessionName(fp);
    assertThat(name).isEqualTo(expected).matches("[\\w+=,.@-]{2,64}");
  }

  @Test
  void theCacheKeySeparatesBaseRoleExternalIdAndSessionAndHoldsNoExternalId() {
    String plain = AssumedRoles.credentialsKey("default-chain", ROLE, null, "s");
    assertThat(AssumedRoles.credentialsKey("default-chain", ROLE, "secret-ext", "s")).isNotEqualTo(plain)
        .doesNotContain("secret-ext")
        .isNotEqualTo(AssumedRoles.credentialsKey("default-chain", ROLE, "other-ext", "s"));
    assertThat(AssumedRoles.credentialsKey("secret:ns/aws@1", ROLE, null, "s")).isNotEqualTo(plain);
    assertThat(AssumedRoles.credentialsKey("default-chain", ROLE + "2", null, "s")).isNotEqualTo(plain);
    assertThat(AssumedRoles.credentialsKey("default-chain", ROLE, null, "t")).isNotEqualTo(plain);
  }

  /** What the provider sends: the role, the ExternalId, the session name, and no DurationSeconds (STS default). */
  @Test
  void assumeRoleCarriesTheRoleTheExternalIdAndTheSessionName() {
    AtomicReference<AssumeRoleRequest> sent = new AtomicReference<>();
    ExecutionInterceptor capture = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        sent.set((AssumeRoleRequest) context.request());
        throw new IllegalStateException("captured; not sent");
      }
    };
    try (StsClient sts = StsClient.builder().region(Region.US_EAST_1)
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .overrideConfiguration(o -> o.addExecutionInterceptor(capture)).build();
         AssumedRoles roles = new AssumedRoles(base -> sts)) {
      var base = new AwsTarget("us-east-1", Optional.empty(), "default-chain", AnonymousCredentialsProvider.create());
      AwsTarget assumed = roles.target(base, ROLE, "team-a", "finpipe-uid");

      assertThatThrownBy(() -> assumed.credentials().resolveCredentials()).hasMessageContaining("captured");
      assertThat(sent.get().roleArn()).isEqualTo(ROLE);
      assertThat(sent.get().externalId()).isEqualTo("team-a");
      assertThat(sent.get().roleSessionName()).isEqualTo("finpipe-uid");
      assertThat(sent.get().durationSeconds()).isNull();
      assertThat(assumed.assumedRole()).hasValue(ROLE);
    }
  }

  @Test
  void oneProviderPerTargetAndTheAssumedTargetKeepsTheBasesRegionAndEndpoint() {
    AtomicInteger stsClients = new AtomicInteger();
    try (StsClient sts = StsClient.builder().region(Region.US_EAST_1)
        .credentialsProvider(AnonymousCredentialsProvider.create()).build();
         AssumedRoles roles = new AssumedRoles(base -> {
           stsClients.incrementAndGet();
           return sts;
         })) {
      var base = new AwsTarget("eu-west-1", Optional.of(URI.create("http://moto:5000")), "default-chain",
          AnonymousCredentialsProvider.create());
      AwsTarget first = roles.target(base, ROLE, null, "finpipe-a");
      AwsTarget again = roles.target(base, ROLE, null, "finpipe-a");
      AwsTarget other = roles.target(base, ROLE, "ext", "finpipe-a");

      assertThat(again.credentials()).isSameAs(first.credentials());
      assertThat(other.credentials()).isNotSameAs(first.credentials());
      assertThat(other.cacheKey()).isNotEqualTo(first.cacheKey()).isNotEqualTo(base.cacheKey());
      assertThat(first.region()).isEqualTo("eu-west-1");
      assertThat(first.endpoint()).isEqualTo(base.endpoint());
      assertThat(stsClients).hasValue(2);
    }
  }
}
