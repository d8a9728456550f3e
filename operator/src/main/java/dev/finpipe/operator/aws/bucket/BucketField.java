package dev.finpipe.operator.aws.bucket;

import dev.finpipe.operator.aws.FieldName;
import dev.finpipe.operator.aws.ManagedField;

/** The configurations of the bucket the operator manages; each is written by its own S3 call. */
public enum BucketField implements ManagedField {
  @FieldName("encryption.sseAlgorithm")
  SSE_ALGORITHM,
  @FieldName("encryption.kmsKeyId")
  KMS_KEY,
  @FieldName("encryption.bucketKeyEnabled")
  BUCKET_KEY,
  @FieldName("lifecycle.expireProcessed")
  LIFECYCLE,
  @FieldName("publicAccessBlock")
  PUBLIC_ACCESS_BLOCK,
  @FieldName("policy")
  POLICY,
  @FieldName("tags")
  TAGS;

  boolean isEncryption() {
    return this == SSE_ALGORITHM || this == KMS_KEY || this == BUCKET_KEY;
  }
}
