package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.AwsAccess;
import dev.finpipe.operator.api.CredentialsSecretRef;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.testing.AwsInventory;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A pipeline that names a credentials Secret waits for it, then converges with it; no value leaks. */
class CredentialsSecretOnClusterTest {
  private static final String SECRET_KEY = "s3cr3t-value-that-must-not-leak";
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("creds").withOperator("PT2S");

  @Test
  void waitsForAMissingSecretThenConvergesWithItWithoutLeakingIt() {
    var fp = Pipelines.create(cluster.namespace(), "with-secret", spec -> {
      spec.aws = new AwsAccess();
      spec.aws.credentialsSecretRef = new CredentialsSecretRef();
      spec.aws.credentialsSecretRef.name = "aws-creds";
    });
    var waiting = Pipelines.awaitStatus(cluster.namespace(), "with-secret",
        p -> Pipelines.condition(p, PipelineCondition.READY)
            .filter(c -> "CredentialsSecretNotFound".equals(c.reason)).isPresent());
    assertThat(Pipelines.condition(waiting, PipelineCondition.READY).orElseThrow().message)
        .contains("aws-creds").contains("does not exist");
    assertThat(AwsInventory.ownedBy(Moto.clients(), fp.getMetadata().getUid())).isEmpty();

    TestGround.kubernetes().secrets().inNamespace(cluster.namespace()).resource(new SecretBuilder()
        .withNewMetadata().withName("aws-creds").endMetadata()
        .addToStringData("accessKeyId", "AKIATESTING").addToStringData("secretAccessKey", SECRET_KEY)
        .build()).create();

    var ready = Pipelines.awaitReady(cluster.namespace(), "with-secret");
    assertThat(AwsInventory.ownedBy(Moto.clients(), ready.getMetadata().getUid())).isNotEmpty();
    assertThat(TestGround.kubernetes().resource(ready).get().toString()).doesNotContain(SECRET_KEY);
    assertThat(TestGround.kubernetes().v1().events().inNamespace(cluster.namespace()).list().getItems())
        .noneSatisfy(e -> assertThat(e.getMessage()).contains(SECRET_KEY));
  }
}
