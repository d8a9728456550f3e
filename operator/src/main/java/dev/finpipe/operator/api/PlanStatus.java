package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The plan of a pipeline whose spec.changePolicy is Manual: what a converge would change, and its approval. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public class PlanStatus {
  /** Where the plan stands. */
  public enum State {
    /** Changes wait for approval. */
    Pending,
    /** The approved plan is being applied (it may take several passes). */
    Applying,
    /** The approved plan was applied; nothing else to do. */
    Applied,
    /** AWS matches the spec; nothing to approve. */
    UpToDate
  }

  @JsonPropertyDescription("Pending (waits for approval), Applying, Applied or UpToDate.")
  public State state;

  @JsonPropertyDescription("SHA-256 of the plan: approve it with the annotation finpipe.dev/approve-plan=<hash>. "
      + "The same plan computed again has the same hash; any other change of the plan changes it.")
  public String hash;

  @JsonPropertyDescription("When this plan was first computed (RFC 3339).")
  public String computedAt;

  @JsonPropertyDescription("The metadata.generation the plan was computed for.")
  public Long observedGeneration;

  @JsonPropertyDescription("The changes, one per AWS resource, in the order they are applied.")
  public List<PlannedChange> changes = new ArrayList<>();

  @JsonPropertyDescription("The hash of the last plan applied in full; an approval of it approves nothing "
      + "later.")
  public String appliedHash;
}
