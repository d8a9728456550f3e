package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Required;

/**
 * A condition as the Kubernetes API conventions define it (metav1.Condition): type, status, reason and
 * lastTransitionTime required, status one of True/False/Unknown, lastTransitionTime an RFC 3339 date-time.
 */
@SchemaCustomizer(value = SchemaMerge.class, input = """
    {"properties": {"status": {"enum": ["True", "False", "Unknown"]},
                    "lastTransitionTime": {"format": "date-time"}}}""")
@JsonInclude(JsonInclude.Include.NON_NULL)
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public class PipelineCondition {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";
  /** What the running pipeline reports: no error-rate alarm in ALARM, no dead-letter queue holding messages. */
  public static final String HEALTHY = "Healthy";
  public static final String INVALID_SPEC = "InvalidSpec";
  /** kstatus' abnormal-true conditions: work is under way / progress stopped until something changes. */
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";
  public static final String UNKNOWN = "Unknown";

  @Required
  @JsonPropertyDescription("Ready, Healthy, Progressing, Degraded, InvalidSpec, Reconciling or Stalled.")
  public String type;

  @Required
  @JsonPropertyDescription("True, False or Unknown.")
  public String status;

  @Required
  @JsonPropertyDescription("CamelCase reason of the last transition.")
  public String reason;

  @JsonPropertyDescription("Human-readable details.")
  public String message;

  @Required
  @JsonPropertyDescription("When status last changed (RFC 3339).")
  public String lastTransitionTime;

  @JsonPropertyDescription("The metadata.generation the condition was computed for.")
  public Long observedGeneration;

  public PipelineCondition() {
  }

  public PipelineCondition(String type, boolean status, String reason, String message) {
    this.type = type;
    this.status = status ? "True" : "False";
    this.reason = reason;
    this.message = message;
  }

  /** A condition whose status is a string: True, False or Unknown. */
  public static PipelineCondition of(String type, String status, String reason, String message) {
    PipelineCondition c = new PipelineCondition(type, false, reason, message);
    c.status = status;
    return c;
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isTrue() {
    return "True".equals(status);
  }
}
