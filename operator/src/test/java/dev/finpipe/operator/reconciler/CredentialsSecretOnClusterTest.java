package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.AwsAccess;
import dev.finpipe.operator.api.CredentialsSecretRef;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.testing.AwsInventory;
import dev.finpipe.operator.testing.HostileEndpoint;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pipeline that names a credentials Secret waits for it, then converges with it; no value leaks. Only Secrets
 * that opt in are read, only values shaped as access key ids are sent, and never to an endpoint the operator's
 * administrator did not allow.
 */
class CredentialsSecretOnClusterTest {
  private static final String SECRET_KEY = "s3cr3t-value-that-must-not-leak";
  /** The example access key id of the AWS documentation. */
  private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("creds").withOperator("PT2S");

  @Test
  void waitsForAMissingSecretThenConvergesWithItWithoutLeakingIt() {
    var fp = Pipelines.create(cluster.namespace(), "with-secret", spec -> {
      spec.aws = new AwsAccess();
      spec.aws.credentialsSecretRef = new CredentialsSecretRef();
      spec.aws.credentialsSecretRef.name = "aws-creds";
    });
    assertThat(notReadyBecause("with-secret", "CredentialsSecretNotFound")).contains("aws-creds")
        .contains("does not exist");
    assertThat(AwsInventory.ownedBy(Moto.clients(), fp.getMetadata().getUid())).isEmpty();

    TestGround.kubernetes().secrets().inNamespace(cluster.namespace()).resource(new SecretBuilder()
        .withNewMetadata().withName("aws-creds").addToLabels(AwsAccessResolver.CREDENTIALS_LABEL, "true").endMetadata()
        .addToStringData("accessKeyId", ACCESS_KEY_ID).addToStringData("secretAccessKey", SECRET_KEY)
        .build()).create();

    var ready = Pipelines.awaitReady(cluster.namespace(), "with-secret");
    assertThat(AwsInventory.ownedBy(Moto.clients(), ready.getMetadata().getUid())).isNotEmpty();
    assertThat(TestGround.kubernetes().resource(ready).get().toString()).doesNotContain(SECRET_KEY);
    assertThat(TestGround.kubernetes().v1().events().inNamespace(cluster.namespace()).list().getItems())
        .noneSatisfy(e -> assertThat(e.getMessage()).contains(SECRET_KEY));
  }

  /**
   * A user who may create pipelines but not read Secrets names a Secret holding someone else's password as the
   * "access key id" and points the pipeline at a server of theirs: refused before the Secret is read, and not one
   * request reaches that server.
   */
  @Test
  void theExfiltrationAttemptIsRefusedAndNothingReachesTheEndpoint() {
    secret("db-password", Map.of("password", SECRET_KEY), true);
    try (HostileEndpoint attacker = new HostileEndpoint()) {
      Pipelines.create(cluster.namespace(), "exfiltrate", spec -> {
        spec.aws = new AwsAccess();
        spec.aws.endpoint = attacker.uri().toString();
        spec.aws.credentialsSecretRef = new CredentialsSecretRef();
        spec.aws.credentialsSecretRef.name = "db-password";
        spec.aws.credentialsSecretRef.accessKeyIdKey = "password";
        spec.aws.credentialsSecretRef.secretAccessKeyKey = "password";
      });
      var refused = Pipelines.awaitStatus(cluster.namespace(), "exfiltrate",
          p -> Pipelines.condition(p, PipelineCondition.INVALID_SPEC).map(PipelineCondition::isTrue).orElse(false));

      assertThat(Pipelines.condition(refused, PipelineCondition.INVALID_SPEC).orElseThrow().message)
          .contains("is not an endpoint the operator's administrator allows");
      assertThat(attacker.requests()).as("requests that reached the user's endpoint").isZero();
      assertThat(TestGround.kubernetes().resource(refused).get().toString()).doesNotContain(SECRET_KEY);
    }
  }

  @Test
  void aSecretThatDidNotOptInIsNotRead() {
    secret("not-opted-in", Map.of("accessKeyId", ACCESS_KEY_ID, "secretAccessKey", SECRET_KEY), false);
    var fp = withSecret("unlabelled", "not-opted-in", "accessKeyId");

    assertThat(notReadyBecause("unlabelled", "CredentialsSecretNotFound"))
        .contains("is not labelled " + AwsAccessResolver.CREDENTIALS_LABEL + "=true");
    assertThat(AwsInventory.ownedBy(Moto.clients(), fp.getMetadata().getUid())).isEmpty();
  }

  @Test
  void aValueThatIsNotAnAccessKeyIdIsNotSent() {
    secret("wrong-value", Map.of("token", SECRET_KEY, "secretAccessKey", SECRET_KEY), true);
    var fp = withSecret("wrong-value", "wrong-value", "token");

    assertThat(notReadyBecause("wrong-value", "CredentialsSecretInvalid"))
        .contains("is not an AWS access key id").doesNotContain(SECRET_KEY);
    assertThat(AwsInventory.ownedBy(Moto.clients(), fp.getMetadata().getUid())).isEmpty();
  }

  /** The message of the pipeline's Ready condition once its reason is {@code reason}. */
  private static String notReadyBecause(String pipeline, String reason) {
    var fp = Pipelines.awaitStatus(cluster.namespace(), pipeline, p -> Pipelines.condition(p, PipelineCondition.READY)
        .filter(c -> reason.equals(c.reason)).isPresent());
    return Pipelines.condition(fp, PipelineCondition.READY).orElseThrow().message;
  }

  private static FinancialPipeline withSecret(String pipeline, String secret, String accessKeyIdKey) {
    return Pipelines.create(cluster.namespace(), pipeline, spec -> {
      spec.aws = new AwsAccess();
      spec.aws.credentialsSecretRef = new CredentialsSecretRef();
      spec.aws.credentialsSecretRef.name = secret;
      spec.aws.credentialsSecretRef.accessKeyIdKey = accessKeyIdKey;
    });
  }

  private static void secret(String name, Map<String, String> data, boolean optedIn) {
    var meta = new SecretBuilder().withNewMetadata().withName(name);
    if (optedIn) {
      meta.addToLabels(AwsAccessResolver.CREDENTIALS_LABEL, "true");
    }
    TestGround.kubernetes().secrets().inNamespace(cluster.namespace()).resource(meta.endMetadata()
        .withStringData(data).build()).create();
  }
}
