package dev.finpipe.operator.outputs;

import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.api.FinancialPipelineStatus;
import dev.finpipe.operator.aws.queue.QueueUrls;
import dev.finpipe.operator.policy.PipelineFunction;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What applications need of a pipeline, as environment-variable-style keys (for {@code envFrom}): computed purely
 * from the spec and the status the operator just wrote. Complete or nothing: an application started from half of
 * them would fail later and less clearly than one that waits for the ConfigMap.
 */
public final class PipelineOutputs {
  public static final String API_URL = "API_URL";
  public static final String API_STAGE = "API_STAGE";
  public static final String REGION = "REGION";
  public static final String BUCKET_NAME = "BUCKET_NAME";
  public static final String BUCKET_ARN = "BUCKET_ARN";

  private PipelineOutputs() {
  }

  /** {@code UPLOAD_FUNCTION_ARN} and so on. */
  public static String functionArnKey(PipelineFunction f) {
    return f.shortName().toUpperCase(Locale.ROOT) + "_FUNCTION_ARN";
  }

  /** {@code UPLOAD_DLQ_URL} and so on. */
  public static String deadLetterQueueUrlKey(PipelineFunction f) {
    return f.shortName().toUpperCase(Locale.ROOT) + "_DLQ_URL";
  }

  /**
   * Every output, in a stable order; empty while one is not known yet (no API URL, or a resource without ARN).
   *
   * @param endpoint the AWS endpoint override the pipeline's calls go to (an emulator), which then also serves
   *     its queue URLs; empty for AWS itself
   */
  public static Optional<Map<String, String>> of(FinancialPipelineSpec spec, FinancialPipelineStatus status,
                                                 Optional<URI> endpoint) {
    if (status == null || status.apiEndpointUrl == null) {
      return Optional.empty();
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put(API_URL, status.apiEndpointUrl);
    outputs.put(API_STAGE, spec.apiOrDefault().stageName);
    outputs.put(REGION, spec.region);
    Optional<String> bucketArn = arnOf(status, "bucket");
    if (status.bucketName == null || bucketArn.isEmpty()) {
      return Optional.empty();
    }
    outputs.put(BUCKET_NAME, status.bucketName);
    outputs.put(BUCKET_ARN, bucketArn.get());
    for (PipelineFunction f : PipelineFunction.values()) {
      Optional<String> function = arnOf(status, f.shortName() + "-function");
      Optional<String> queue = arnOf(status, f.shortName() + "-queue");
      if (function.isEmpty() || queue.isEmpty()) {
        return Optional.empty();
      }
      outputs.put(functionArnKey(f), function.get());
      outputs.put(deadLetterQueueUrlKey(f), QueueUrls.fromArn(queue.get(), endpoint));
    }
    return Optional.of(outputs);
  }

  private static Optional<String> arnOf(FinancialPipelineStatus status, String component) {
    return status.resources.stream().filter(r -> component.equals(r.component)).map(r -> r.arn)
        .filter(arn -> arn != null).findFirst();
  }
}
