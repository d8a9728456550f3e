package dev.finpipe.operator.aws.bucket;

import dev.finpipe.operator.aws.ManagedField;

/** The configurations of the bucket the operator manages; each is written by its own S3 call. */
public enum BucketField implements ManagedField {
  SSE_ALGORITHM("encryption.sseAlgorithm"),
  KMS_KEY("encryption.kmsKeyId"),
  BUCKET_KEY("encryption.bucketKeyEnabled"),
  LIFECYCLE("lifecycle.expireProcessed"),
  PUBLIC_ACCESS_BLOCK("publicAccessBlock"),
  POLICY("policy"),
  TAGS("tags");

  private final String name;

  BucketField(String name) {
    this.name = name;
  }

  @Override
  public String fieldName() {
    return name;
  }

  boolean isEncryption() {
    return this == SSE_ALGORITHM || this == KMS_KEY || this == BUCKET_KEY;
  }
}
