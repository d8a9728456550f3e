package dev.finpipe.operator.aws.bucket;

import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.support.AwsErrors;
import dev.finpipe.operator.support.TerminalException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Reads of a bucket that the bucket and its notification both need. */
public final class BucketReads {
  private BucketReads() {
  }

  /**
   * Whether the bucket exists. A bucket another account owns answers 403 (bucket names are global): that is
   * a terminal problem for this pipeline, not a missing bucket.
   */
  public static boolean exists(S3Client s3, String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      if (e.statusCode() == 403) {
        throw foreign(bucket);
      }
      throw AwsErrors.classify("HeadBucket " + bucket, e);
    } catch (SdkException e) {
      throw AwsErrors.classify("HeadBucket " + bucket, e);
    }
  }

  /** The bucket's tags; none when it has no tag set. */
  public static Map<String, String> tags(S3Client s3, String bucket) {
    Map<String, String> tags = new LinkedHashMap<>();
    readOrEmpty("GetBucketTagging " + bucket, () -> Optional.of(s3.getBucketTagging(b -> b.bucket(bucket))),
        "NoSuchTagSet").ifPresent(t -> t.tagSet().forEach(tag -> tags.put(tag.key(), tag.value())));
    return tags;
  }

  /** Reads one sub-configuration; the S3 error code that means "not configured" yields empty. */
  static <T> Optional<T> readOrEmpty(String what, java.util.function.Supplier<Optional<T>> read,
                                     String notConfiguredCode) {
    return AwsCall.unlessAbsent(what, read, e -> e instanceof S3Exception s3e && s3e.awsErrorDetails() != null
        && notConfiguredCode.equals(s3e.awsErrorDetails().errorCode())).flatMap(o -> o);
  }

  private static TerminalException foreign(String bucket) {
    return new TerminalException("ForeignResource", "S3 bucket " + bucket
        + " exists but this account may not access it (bucket names are global: another account owns it)."
        + " Choose another spec.bucket.name.");
  }
}
