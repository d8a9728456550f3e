package dev.finpipe.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FinancialPipelines read as plain YAML/JSON (the suite is a black box: no operator classes), and the few
 * status facts the suite checks.
 */
public final class FinancialPipelines {
  public static final String API_VERSION = "finpipe.dev/v1alpha1";
  public static final String KIND = "FinancialPipeline";
  private final KubernetesClient admin;
  private final String namespace;

  public FinancialPipelines(KubernetesClient admin, String namespace) {
    this.admin = admin;
    this.namespace = namespace;
  }

  /** Creates the pipeline of a sample file (e.g. crds/samples/minimal.yaml) in this namespace; its name. */
  public String createFrom(Path sample) {
    try (InputStream in = Files.newInputStream(sample)) {
      GenericKubernetesResource pipeline = Serialization.unmarshal(in, GenericKubernetesResource.class);
      pipeline.getMetadata().setNamespace(namespace);
      return admin.genericKubernetesResources(API_VERSION, KIND).inNamespace(namespace).resource(pipeline).create()
          .getMetadata().getName();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + sample, e);
    }
  }

  public Optional<GenericKubernetesResource> get(String name) {
    return Optional.ofNullable(resource(name).get());
  }

  /** JSON merge patch of the spec, e.g. {@code {"deletionPolicy":"Delete"}}. */
  public void patchSpec(String name, String specJson) {
    resource(name).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + specJson + "}");
  }

  public void delete(String name) {
    resource(name).delete();
  }

  /** Lets a pipeline go without its operator (cleanup after a failed run): AWS resources stay. */
  public void removeFinalizers() {
    admin.genericKubernetesResources(API_VERSION, KIND).inNamespace(namespace).list().getItems().forEach(p ->
        resource(p.getMetadata().getName()).edit(r -> {
          r.getMetadata().setFinalizers(List.of());
          return r;
        }));
  }

  /** The Ready condition's status ("True", "False", "Unknown"), or empty when it is not set. */
  public Optional<String> readyStatus(String name) {
    return get(name).flatMap(p -> conditions(p).stream()
        .filter(c -> "Ready".equals(c.get("type"))).findFirst()).map(c -> String.valueOf(c.get("status")));
  }

  /** The message of the condition {@code type} when its status is "True", or empty. */
  public Optional<String> trueConditionMessage(String name, String type) {
    return get(name).flatMap(p -> conditions(p).stream()
        .filter(c -> type.equals(c.get("type")) && "True".equals(c.get("status"))).findFirst())
        .map(c -> String.valueOf(c.get("message")));
  }

  /** True once the operator has written status for the current spec (observedGeneration == generation). */
  public boolean isObserved(String name) {
    return get(name).filter(p -> p.getMetadata().getGeneration() != null && String.valueOf(p.getMetadata()
        .getGeneration()).equals(String.valueOf(status(p).get("observedGeneration")))).isPresent();
  }

  /** A one-line summary of the status for failure messages. */
  public String describe(String name) {
    return get(name).map(p -> "generation " + p.getMetadata().getGeneration() + ", status " + status(p))
        .orElse("<no such pipeline>");
  }

  public boolean isReady(String name) {
    return readyStatus(name).filter("True"::equals).isPresent();
  }

  /** status.resources[]: one map per AWS resource ({component, kind, name, arn, state, message}). */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> statusResources(String name) {
    Map<String, Object> status = status(get(name).orElseThrow());
    Object resources = status.get("resources");
    return resources instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> conditions(GenericKubernetesResource pipeline) {
    Object conditions = status(pipeline).get("conditions");
    return conditions instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(GenericKubernetesResource pipeline) {
    Object status = pipeline.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private Resource<GenericKubernetesResource> resource(String name) {
    return admin.genericKubernetesResources(API_VERSION, KIND).inNamespace(namespace).withName(name);
  }
}
