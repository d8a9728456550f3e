package dev.finpipe.operator.aws.bucket;

import dev.finpipe.operator.aws.Desired;
import java.util.Map;
import java.util.Optional;

/**
 * The bucket as it must be.
 *
 * @param accountId the account the bucket must belong to (S3's bucket owner condition); null when unknown
 * @param generatedName whether {@code name} is the deterministic name generated for this pipeline (which embeds
 *     its identity hash, account and region) rather than a user-chosen {@code spec.bucket.name}: only a bucket of a
 *     generated name, in this account and without any ownership tag, is recovered as this pipeline's when found
 *     untagged (see {@link BucketManager#plan})
 * @param adopt {@code spec.bucket.adopt}: the user named an existing bucket of this account to bring under the
 *     pipeline; it is taken when it carries no ownership tag, and never created
 */
public record DesiredBucket(String name, String region, String arn, Optional<String> kmsKeyArn,
                            int processedExpirationDays, Map<String, String> tags, String accountId,
                            boolean generatedName, boolean adopt) implements Desired {

  public DesiredBucket(String name, String region, String arn, Optional<String> kmsKeyArn,
                       int processedExpirationDays, Map<String, String> tags, String accountId,
                       boolean generatedName) {
    this(name, region, arn, kmsKeyArn, processedExpirationDays, tags, accountId, generatedName, false);
  }

  /** A bucket of a user-chosen name: never recovered untagged. */
  public DesiredBucket(String name, String region, String arn, Optional<String> kmsKeyArn,
                       int processedExpirationDays, Map<String, String> tags) {
    this(name, region, arn, kmsKeyArn, processedExpirationDays, tags, null, false);
  }
}
