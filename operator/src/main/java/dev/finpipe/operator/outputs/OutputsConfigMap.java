package dev.finpipe.operator.outputs;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.OutputsSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the ConfigMap of {@code spec.outputs} equal to the pipeline's outputs: created once they are all known,
 * updated when one changes, deleted when spec.outputs goes or names another ConfigMap. The pipeline is its
 * controller owner, so Kubernetes deletes it with the pipeline. A ConfigMap of that name that the pipeline does
 * not own is never touched: another application's configuration is not ours to overwrite.
 */
public final class OutputsConfigMap {
  /** Label on every outputs ConfigMap: which pipeline (uid) wrote it. */
  public static final String LABEL = "finpipe.dev/outputs-of";

  private final KubernetesClient kubernetes;

  public OutputsConfigMap(KubernetesClient kubernetes) {
    this.kubernetes = kubernetes;
  }

  /** What publishing did, for status and Events. */
  public sealed interface Result {
  }

  /** The ConfigMap holds the outputs ({@code changed}: it was created or updated now). */
  public record Written(String name, boolean changed) implements Result {
  }

  /** Nothing written yet: spec.outputs absent, or an output not known yet. */
  public record NotWritten() implements Result {
  }

  /** A ConfigMap of that name belongs to someone else; it was left untouched. */
  public record Conflict(String name, String message) implements Result {
  }

  /** The ConfigMap's name for this pipeline: spec.outputs.configMapName, else {@code <name>-outputs}. */
  public static String nameFor(FinancialPipeline fp) {
    OutputsSpec outputs = fp.getSpec().outputs;
    return outputs != null && outputs.configMapName != null ? outputs.configMapName
        : fp.getMetadata().getName() + "-outputs";
  }

  /**
   * Publishes {@code outputs} (empty: not all known) as spec.outputs says; {@code previous} is the name the
   * status recorded last time, deleted when it is no longer the one wanted.
   */
  public Result publish(FinancialPipeline fp, Optional<Map<String, String>> outputs, String previous) {
    String namespace = fp.getMetadata().getNamespace();
    String wanted = fp.getSpec().outputs == null ? null : nameFor(fp);
    if (previous != null && !previous.equals(wanted)) {
      deleteIfOwned(fp, previous);
    }
    if (wanted == null) {
      return new NotWritten();
    }
    ConfigMap existing = kubernetes.configMaps().inNamespace(namespace).withName(wanted).get();
    if (existing != null && !ownedBy(existing, fp)) {
      return new Conflict(wanted, "ConfigMap " + namespace + "/" + wanted + " named by spec.outputs already exists "
          + "and is not this pipeline's; it was left untouched. Name another one in spec.outputs.configMapName.");
    }
    if (outputs.isEmpty()) {
      return existing == null ? new NotWritten() : new Written(wanted, false);
    }
    if (existing != null && Objects.equals(existing.getData(), outputs.get())) {
      return new Written(wanted, false);
    }
    ConfigMap desired = new ConfigMapBuilder()
        .withNewMetadata().withName(wanted).withNamespace(namespace)
        .addToLabels(LABEL, fp.getMetadata().getUid())
        .addToLabels("app.kubernetes.io/managed-by", "financial-pipeline-operator")
        .withOwnerReferences(ownerReference(fp)).endMetadata()
        .withData(outputs.get()).build();
    if (existing == null) {
      kubernetes.configMaps().inNamespace(namespace).resource(desired).create();
    } else {
      // Optimistic: the resourceVersion read above; a concurrent writer makes this fail and the next pass retry.
      desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
      kubernetes.configMaps().inNamespace(namespace).resource(desired).update();
    }
    return new Written(wanted, true);
  }

  private void deleteIfOwned(FinancialPipeline fp, String name) {
    var resource = kubernetes.configMaps().inNamespace(fp.getMetadata().getNamespace()).withName(name);
    ConfigMap old = resource.get();
    if (old != null && ownedBy(old, fp)) {
      resource.delete();
    }
  }

  private static boolean ownedBy(ConfigMap configMap, FinancialPipeline fp) {
    return configMap.getMetadata().getOwnerReferences().stream()
        .anyMatch(ref -> fp.getMetadata().getUid().equals(ref.getUid()));
  }

  private static OwnerReference ownerReference(FinancialPipeline fp) {
    return new OwnerReferenceBuilder().withApiVersion(fp.getApiVersion()).withKind(fp.getKind())
        .withName(fp.getMetadata().getName()).withUid(fp.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(false).build();
  }
}
