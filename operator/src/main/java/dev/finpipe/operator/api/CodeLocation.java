package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A handlers jar in S3, used instead of the one shipped inside the operator. */
public class CodeLocation {
  @Required
  @Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
  @JsonPropertyDescription("Bucket that holds the handlers jar (same region as the pipeline).")
  public String s3Bucket;

  @Required
  @Pattern("^\\S+$")
  @io.fabric8.generator.annotation.Size(min = 1, max = 1024)
  @JsonPropertyDescription("Key of the handlers jar.")
  public String s3Key;
}
