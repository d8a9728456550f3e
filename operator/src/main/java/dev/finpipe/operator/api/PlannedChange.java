package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** One AWS resource a plan would change. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public class PlannedChange {
  /**
   * What applying the plan does to the resource. No kind is ever replaced: the fields that name a resource are
   * immutable in the spec, and every other field is updated in place.
   */
  public enum Action {
    Create,
    Update,
    Delete
  }

  @JsonPropertyDescription("Component of the pipeline, e.g. bucket, upload-function, api.")
  public String component;

  @JsonPropertyDescription("AWS resource kind, e.g. S3 bucket, Lambda function.")
  public String kind;

  @JsonPropertyDescription("Name of the AWS resource.")
  public String name;

  @JsonPropertyDescription("Create, Update (the fields below) or Delete (a component the spec no longer wants).")
  public Action action;

  @JsonPropertyDescription("For Update: the drifted fields, e.g. memorySize.")
  public List<String> fields = new ArrayList<>();

  public PlannedChange() {
  }

  public PlannedChange(String component, String kind, String name, Action action, List<String> fields) {
    this.component = component;
    this.kind = kind;
    this.name = name;
    this.action = action;
    this.fields = new ArrayList<>(fields);
  }
}
