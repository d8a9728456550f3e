package dev.finpipe.operator.aws.bucket;

import dev.finpipe.operator.policy.BucketLayout;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/** The S3 configuration objects a {@link DesiredBucket} stands for. Pure: no AWS calls. */
final class BucketConfigurations {
  private BucketConfigurations() {
  }

  static ServerSideEncryptionRule encryption(DesiredBucket bucket) {
    return ServerSideEncryptionRule.builder()
        .applyServerSideEncryptionByDefault(ServerSideEncryptionByDefault.builder()
            .sseAlgorithm(ServerSideEncryption.AWS_KMS)
            .kmsMasterKeyID(bucket.kmsKeyArn().orElse(null))
            .build())
        .bucketKeyEnabled(true)
        .build();
  }

  static LifecycleRule expireProcessed(DesiredBucket bucket) {
    return LifecycleRule.builder()
        .id(BucketLayout.EXPIRE_PROCESSED_RULE)
        .filter(LifecycleRuleFilter.builder().prefix(BucketLayout.PROCESSED).build())
        .status(ExpirationStatus.ENABLED)
        .expiration(LifecycleExpiration.builder().days(bucket.processedExpirationDays()).build())
        .build();
  }

  static BucketLifecycleConfiguration lifecycle(DesiredBucket bucket) {
    return BucketLifecycleConfiguration.builder().rules(expireProcessed(bucket)).build();
  }

  static PublicAccessBlockConfiguration publicAccessBlock() {
    return PublicAccessBlockConfiguration.builder()
        .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true).build();
  }

  static Tagging tagging(Map<String, String> tags) {
    return Tagging.builder().tagSet(tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
  }
}
