package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.AwsAccess;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsRateLimits;
import dev.finpipe.operator.testing.Pipelines;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * Clients per target: a pipeline with a role has its own (its STS session), kept until the pipeline is deleted;
 * pipelines without one share theirs. No AWS request is made: clients are built lazily.
 */
class AwsAccessResolverSessionsTest {
  private static final String ROLE = "arn:aws:iam::222222222222:role/finpipe-deployer";

  @Test
  void eachRolePipelineHasItsOwnClientsUntilDeletedAndOthersShare() {
    try (SdkHttpClient http = ApacheHttpClient.builder().build();
         AwsAccessResolver access = new AwsAccessResolver(null, Optional.of(URI.create("http://127.0.0.1:9")), http,
             new AwsCallRecorder(), new AwsRateLimits(Map.of()))) {
      FinancialPipeline a = withRole(Pipelines.inMemory("a"));
      FinancialPipeline b = withRole(Pipelines.inMemory("b"));
      FinancialPipeline plain = Pipelines.inMemory("c");
      FinancialPipeline otherPlain = Pipelines.inMemory("d");

      var clientsOfA = access.clientsFor(a);
      assertThat(access.clientsFor(a)).isSameAs(clientsOfA);
      assertThat(access.clientsFor(b)).isNotSameAs(clientsOfA);
      assertThat(clientsOfA.target().assumedRole()).hasValue(ROLE);
      var shared = access.clientsFor(plain);
      assertThat(access.clientsFor(otherPlain)).isSameAs(shared);

      access.forget(a);
      access.forget(plain);

      assertThat(access.clientsFor(a)).as("after deletion, a new session").isNotSameAs(clientsOfA);
      assertThat(access.clientsFor(plain)).as("shared clients are kept").isSameAs(shared);
    }
  }

  private static FinancialPipeline withRole(FinancialPipeline fp) {
    fp.getSpec().aws = new AwsAccess();
    fp.getSpec().aws.roleArn = ROLE;
    return fp;
  }
}
