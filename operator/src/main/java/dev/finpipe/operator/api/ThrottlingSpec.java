package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** API Gateway stage throttling. */
public class ThrottlingSpec {
  @Default("100")
  @Min(0)
  @Max(5000)
  @JsonPropertyDescription("Maximum burst of requests (0-5000). Default 100.")
  public int burstLimit = 100;

  @Default("50")
  @Min(0)
  @Max(10000)
  @JsonPropertyDescription("Steady-state requests per second (0-10000). Default 50.")
  public double rateLimit = 50;
}
