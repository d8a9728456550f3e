package dev.finpipe.operator.outputs;

import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.api.FinancialPipelineStatus;
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
      outputs.put(deadLetterQueueUrlKey(f), queueUrl(queue.get(), endpoint));
    }
    return Optional.of(outputs);
  }

  /**
   * A queue's URL from its ARN ({@code arn:<partition>:sqs:<region>:<account>:<name>}):
   * {@code https://sqs.<region>.<domain>/<account>/<name>}, or under the endpoint override, as emulators serve it.
   * Source: "Amazon SQS queue and message identifiers" (queue URL https://sqs.us-east-2.amazonaws.com/123456789012/MyQueue),
   * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-message-identifiers.html;
   * China: https://docs.amazonaws.cn/en_us/general/latest/gr/cnnorth_region.html (amazonaws.com.cn).
   */
  static String queueUrl(String queueArn, Optional<URI> endpoint) {
    String[] parts = queueArn.split(":", 6);
    if (parts.length != 6 || !"sqs".equals(parts[2])) {
      throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
    }
    String base = endpoint.map(URI::toString).map(e -> e.endsWith("/") ? e.substring(0, e.length() - 1) : e)
        .orElseGet(() -> "https://sqs." + parts[3] + "." + ("aws-cn".equals(parts[1]) ? "amazonaws.com.cn"
            : "amazonaws.com"));
    return base + "/" + parts[4] + "/" + parts[5];
  }

  private static Optional<String> arnOf(FinancialPipelineStatus status, String component) {
    return status.resources.stream().filter(r -> component.equals(r.component)).map(r -> r.arn)
        .filter(arn -> arn != null).findFirst();
  }
}
