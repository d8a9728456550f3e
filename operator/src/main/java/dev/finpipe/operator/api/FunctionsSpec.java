package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Settings shared by the four Lambda functions, with an override for the processor. */
public class FunctionsSpec {
  @Default("512")
  @Min(128)
  @Max(10240)
  @JsonPropertyDescription("Memory of the upload, status and results functions in MB (128-10240). Default 512.")
  public int memoryMb = 512;

  @Default("30")
  @Min(1)
  @Max(900)
  @JsonPropertyDescription("Timeout of the upload, status and results functions in seconds (1-900). Default 30.")
  public int timeoutSeconds = 30;

  @JsonPropertyDescription("Memory and timeout of the processor function, which parses whole files.")
  public ProcessorSpec processor;

  @Default("2")
  @Min(0)
  @Max(2)
  @JsonPropertyDescription("Retries of a failed asynchronous invocation before the event goes to the "
      + "function's dead-letter queue (0-2). Default 2.")
  public int maximumRetryAttempts = 2;

  @Default("14")
  @ValidationRule(value = "self in [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, "
      + "2192, 2557, 2922, 3288, 3653]", message = "logRetentionDays must be a value CloudWatch Logs accepts: "
      + "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653")
  @JsonPropertyDescription("Retention of each function's log group in days. Default 14.")
  public int logRetentionDays = 14;

  @JsonPropertyDescription("Where the function code comes from. Default: the handlers jar shipped inside the "
      + "operator.")
  public CodeLocation code;

  public ProcessorSpec processorOrDefault() {
    return processor == null ? new ProcessorSpec() : processor;
  }
}
