package dev.finpipe.operator.aws;

import java.util.Map;
import java.util.Optional;

/**
 * The bucket as it must be. {@code processorFunctionArn} is empty until the processor function and its
 * invoke permission exist: the notification is added only then (S3 validates the destination).
 */
public record DesiredBucket(String name, String region, String arn, Optional<String> kmsKeyArn,
                            int processedExpirationDays, Map<String, String> tags,
                            Optional<String> processorFunctionArn) {

  public DesiredBucket withProcessor(String functionArn) {
    return new DesiredBucket(name, region, arn, kmsKeyArn, processedExpirationDays, tags, Optional.of(functionArn));
  }
}
