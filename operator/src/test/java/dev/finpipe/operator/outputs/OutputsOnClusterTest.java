package dev.finpipe.operator.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.ApiSpec;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.OutputsSpec;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * spec.outputs on the real API server: applications get the pipeline's outputs from a ConfigMap the pipeline owns,
 * kept equal to its status; a ConfigMap of someone else is never overwritten.
 */
class OutputsOnClusterTest {
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("outputs").withOperator("PT2S");

  @Test
  void theOutputsConfigMapHoldsTheStatusAndFollowsAnApiChange() {
    Pipelines.create(cluster.namespace(), "app", spec -> {
      spec.outputs = new OutputsSpec();
      spec.api = stage("v1");
    });
    FinancialPipeline ready = Pipelines.awaitReady(cluster.namespace(), "app");

    ConfigMap outputs = await().atMost(TestGround.timeout()).until(() -> configMap("app-outputs"),
        cm -> cm != null && ready.getStatus().apiEndpointUrl.equals(cm.getData().get(PipelineOutputs.API_URL)));
    assertThat(outputs.getData()).containsEntry(PipelineOutputs.API_STAGE, "v1")
        .containsEntry(PipelineOutputs.BUCKET_NAME, ready.getStatus().bucketName)
        .containsEntry(PipelineOutputs.REGION, ready.getSpec().region)
        .containsKeys("UPLOAD_FUNCTION_ARN", "PROCESSOR_FUNCTION_ARN", "STATUS_DLQ_URL", "RESULTS_DLQ_URL");
    assertThat(outputs.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
      assertThat(ref.getUid()).isEqualTo(ready.getMetadata().getUid());
      assertThat(ref.getController()).isTrue();
    });
    assertThat(Pipelines.get(cluster.namespace(), "app").getStatus().outputsConfigMap).isEqualTo("app-outputs");

    Pipelines.resource(cluster.namespace(), "app").edit(fp -> {
      fp.getSpec().api.stageName = "v2";
      return fp;
    });
    await().atMost(TestGround.timeout()).untilAsserted(() -> {
      Map<String, String> data = configMap("app-outputs").getData();
      assertThat(data).containsEntry(PipelineOutputs.API_STAGE, "v2");
      assertThat(data.get(PipelineOutputs.API_URL)).endsWith("/v2")
          .isEqualTo(Pipelines.get(cluster.namespace(), "app").getStatus().apiEndpointUrl);
    });
  }

  @Test
  void aRenamedOrRemovedOutputsConfigMapIsDeleted() {
    Pipelines.create(cluster.namespace(), "moving", spec -> spec.outputs = new OutputsSpec());
    Pipelines.awaitReady(cluster.namespace(), "moving");
    await().atMost(TestGround.timeout()).until(() -> configMap("moving-outputs") != null);

    Pipelines.resource(cluster.namespace(), "moving").edit(fp -> {
      fp.getSpec().outputs.configMapName = "moving-endpoints";
      return fp;
    });
    await().atMost(TestGround.timeout())
        .until(() -> configMap("moving-endpoints") != null && configMap("moving-outputs") == null);

    Pipelines.resource(cluster.namespace(), "moving").edit(fp -> {
      fp.getSpec().outputs = null;
      return fp;
    });
    await().atMost(TestGround.timeout()).until(() -> configMap("moving-endpoints") == null);
    assertThat(Pipelines.awaitReady(cluster.namespace(), "moving").getStatus().outputsConfigMap).isNull();
  }

  @Test
  void aConfigMapOfSomeoneElseIsLeftUntouchedAndAnEventSaysSo() {
    TestGround.kubernetes().configMaps().inNamespace(cluster.namespace()).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("taken").endMetadata().addToData("owner", "another app").build()).create();

    Pipelines.create(cluster.namespace(), "taker", spec -> {
      spec.outputs = new OutputsSpec();
      spec.outputs.configMapName = "taken";
    });
    Pipelines.awaitReady(cluster.namespace(), "taker");

    await().atMost(TestGround.timeout()).untilAsserted(() -> assertThat(TestGround.kubernetes().v1().events()
        .inNamespace(cluster.namespace()).list().getItems()).anySatisfy(e -> {
          assertThat(e.getInvolvedObject().getName()).isEqualTo("taker");
          assertThat(e.getReason()).isEqualTo("OutputsNotPublished");
          assertThat(e.getMessage()).contains("taken").contains("not this pipeline's");
        }));
    assertThat(configMap("taken").getData()).containsExactly(Map.entry("owner", "another app"));
    assertThat(Pipelines.get(cluster.namespace(), "taker").getStatus().outputsConfigMap).isNull();
  }

  private static ApiSpec stage(String name) {
    ApiSpec api = new ApiSpec();
    api.stageName = name;
    return api;
  }

  private static ConfigMap configMap(String name) {
    return TestGround.kubernetes().configMaps().inNamespace(cluster.namespace()).withName(name).get();
  }
}
