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

  /**
   * The upload, status and results functions answer API Gateway, which waits at most 29 s for an integration
   * ("Quotas for configuring and running a REST API in API Gateway",
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html):
   * a longer function timeout only lets a function run on after the client got a 504. The default leaves a second
   * for the invocation itself. The processor, invoked by S3, has its own timeout ({@link ProcessorSpec}).
   */
  public static final int API_INTEGRATION_TIMEOUT_SECONDS = 29;

  @Default("28")
  @Min(1)
  @Max(API_INTEGRATION_TIMEOUT_SECONDS)
  @JsonPropertyDescription("Timeout of the upload, status and results functions in seconds (1-29: API Gateway "
      + "waits at most 29 s for them). Default 28.")
  public int timeoutSeconds = 28;

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
