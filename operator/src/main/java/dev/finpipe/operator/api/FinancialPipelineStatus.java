package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator built and how healthy it is. Written only by the operator. The conditions are a map list
 * keyed by type, so the API server refuses two conditions of one type and server-side apply merges by type.
 */
@io.fabric8.crdv2.generator.v1.SchemaCustomizer(
    value = SchemaMerge.class, input = """
    {"properties": {"conditions": {"x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"]}}}""")
@JsonInclude(JsonInclude.Include.NON_NULL)
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public class FinancialPipelineStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Summary: Pending, Provisioning, Ready, Degraded, Failed, Paused or Deleting.")
  public Phase phase;

  @JsonPropertyDescription("Ready (in every phase), Healthy, Progressing, Degraded, InvalidSpec, PlanPending "
      + "(spec.changePolicy Manual), and kstatus' Reconciling and Stalled.")
  public List<PipelineCondition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Invoke URL of the REST API stage.")
  public String apiEndpointUrl;

  @JsonPropertyDescription("Name of the S3 bucket.")
  public String bucketName;

  @JsonPropertyDescription("One entry per AWS resource of the pipeline.")
  public List<ResourceStatus> resources = new ArrayList<>();

  @JsonPropertyDescription("The first component that is not ready, when the pipeline is not Ready.")
  public String failingComponent;

  @JsonPropertyDescription("Name of the ConfigMap holding the pipeline's outputs (spec.outputs), once written.")
  public String outputsConfigMap;
  @JsonPropertyDescription("spec.changePolicy Manual: the plan waiting for approval, being applied, or last "
      + "applied.")
  public PlanStatus plan;
  @JsonPropertyDescription("The figures of the Healthy condition: each function's error-rate alarm and "
      + "dead-letter queue, and when they were read.")
  public PipelineHealth health;
}
