package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The dead-letter queues that receive events a function failed to process after its retries. */
public class QueuesSpec {
  @Default("1209600")
  @Min(60)
  @Max(1209600)
  @JsonPropertyDescription("How long a failed event stays in a dead-letter queue, in seconds (60-1209600). "
      + "Default 1209600 (14 days).")
  public int messageRetentionSeconds = 1209600;
}
