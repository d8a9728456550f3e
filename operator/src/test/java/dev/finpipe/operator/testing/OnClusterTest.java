package dev.finpipe.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.api.FinancialPipeline;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension itself: what a class gets while it runs, and what is left once it is done (nothing). */
class OnClusterTest {
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("oncluster");

  @Test
  void theClassRunsWithTheCrdInItsOwnActiveNamespace() {
    assertThat(TestGround.kubernetes().namespaces().withName(cluster.namespace()).get().getStatus().getPhase())
        .isEqualTo("Active");
    assertThat(TestGround.kubernetes().apiextensions().v1().customResourceDefinitions()
        .withName(FinancialPipeline.CRD_NAME).get()).isNotNull();
    assertThatThrownBy(cluster::operator).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("withOperator");
  }

  @Test
  void stopDeletesThePipelinesAndTheNamespaces() {
    OnCluster other = OnCluster.inNamespace("oncluster-own");
    other.start();
    String own = other.namespace();
    String extra = other.newNamespace("oncluster-extra");
    Pipelines.create(own, "left-behind", spec -> { });
    TestGround.kubernetes().secrets().inNamespace(extra).resource(new SecretBuilder().withNewMetadata()
        .withName("left-behind").endMetadata().build()).create();

    other.stop();

    assertThat(Pipelines.get(own, "left-behind")).isNull();
    assertThat(TestGround.kubernetes().namespaces().withName(own).get()).isNull();
    assertThat(TestGround.kubernetes().namespaces().withName(extra).get()).isNull();
    assertThatThrownBy(other::namespace).isInstanceOf(IllegalStateException.class);
  }
}
