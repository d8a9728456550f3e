package dev.finpipe.operator.aws.codestaging;

import dev.finpipe.operator.support.Required;

/**
 * A deployment package in S3, as Lambda's CreateFunction and UpdateFunctionCode name it ({@code S3Bucket},
 * {@code S3Key}, {@code S3ObjectVersion}). The bucket must be in the function's region ("FunctionCode",
 * https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCode.html).
 *
 * @param versionId the object's version in a versioned bucket; null otherwise (Lambda reads the current object)
 */
public record CodeObject(String bucket, String key, String versionId) {
  public CodeObject {
    Required.present("bucket", bucket, "key", key);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key + (versionId == null ? "" : "?versionId=" + versionId);
  }
}
