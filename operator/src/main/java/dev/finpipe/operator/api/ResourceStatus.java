package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One AWS resource of the pipeline as last observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public class ResourceStatus {
  @JsonPropertyDescription("Component of the pipeline, e.g. bucket, upload-function, api.")
  public String component;

  @JsonPropertyDescription("AWS resource kind, e.g. S3 bucket, Lambda function.")
  public String kind;

  @JsonPropertyDescription("Name of the AWS resource.")
  public String name;

  @JsonPropertyDescription("ARN of the AWS resource, once known.")
  public String arn;

  @JsonPropertyDescription("Ready, Pending, Failed, Retained or Deleted.")
  public String state;

  @JsonPropertyDescription("Details, e.g. the last error or the fields corrected.")
  public String message;

  public ResourceStatus() {
  }

  public ResourceStatus(String component, String kind, String name, String arn, String state, String message) {
    this.component = component;
    this.kind = kind;
    this.name = name;
    this.arn = arn;
    this.state = state;
    this.message = message;
  }
}
