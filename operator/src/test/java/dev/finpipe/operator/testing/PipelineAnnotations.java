package dev.finpipe.operator.testing;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;

/** Sets an annotation with a merge patch: no resourceVersion, so no conflict with the operator's status writes. */
public final class PipelineAnnotations {
  private PipelineAnnotations() {
  }

  public static void annotate(String namespace, String name, String key, String value) {
    String patch = TestGround.kubernetes().getKubernetesSerialization().asJson(
        Map.of("metadata", Map.of("annotations", Map.of(key, value))));
    Pipelines.resource(namespace, name).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }
}
