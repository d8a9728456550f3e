package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The processor function streams whole CSV files, so it gets its own sizing. */
public class ProcessorSpec {
  @Default("1024")
  @Min(128)
  @Max(10240)
  @JsonPropertyDescription("Memory of the processor function in MB (128-10240). Default 1024.")
  public int memoryMb = 1024;

  @Default("300")
  @Min(1)
  @Max(900)
  // Invoked asynchronously by S3, not behind API Gateway: Lambda's own maximum (900 s) applies.
  @JsonPropertyDescription("Timeout of the processor function in seconds (1-900). Default 300.")
  public int timeoutSeconds = 300;
}
