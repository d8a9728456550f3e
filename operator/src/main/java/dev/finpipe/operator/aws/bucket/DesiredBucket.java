package dev.finpipe.operator.aws.bucket;

import dev.finpipe.operator.aws.Desired;
import java.util.Map;
import java.util.Optional;

/** The bucket as it must be. */
public record DesiredBucket(String name, String region, String arn, Optional<String> kmsKeyArn,
                            int processedExpirationDays, Map<String, String> tags) implements Desired {
}
