package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * Where the pipeline's outputs (API URL, bucket, function ARNs, dead-letter queue URLs) are published for
 * applications: a ConfigMap in the pipeline's namespace, owned by the pipeline.
 */
public class OutputsSpec {
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @Size(max = 253)
  @JsonPropertyDescription("Name of the ConfigMap the outputs are written to, in the pipeline's namespace. "
      + "Default: <pipeline name>-outputs. A ConfigMap of that name not owned by this pipeline is never "
      + "overwritten.")
  public String configMapName;
}
