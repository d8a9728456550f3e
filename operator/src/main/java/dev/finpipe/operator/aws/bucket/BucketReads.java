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

  /** The response header in which S3 names a bucket's region, even to a caller that may not access it. */
  static final String BUCKET_REGION_HEADER = "x-amz-bucket-region";

  /**
   * Whether the bucket exists (HeadBucket 200); false on 404. Every other answer is classified by
   * {@link #headBucketFailure}.
   */
  public static boolean exists(S3Client s3, String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw headBucketFailure(bucket, e);
    } catch (SdkException e) {
      throw AwsErrors.classify("HeadBucket " + bucket, e);
    }
  }

  /**
   * What a failed HeadBucket (other than 404) means for the pipeline. Pure.
   * <ul>
   *   <li>301: the bucket exists in another region (S3 answers PermanentRedirect to a request sent to the wrong
   *   regional endpoint, and names the bucket's region in {@code x-amz-bucket-region}). Asking again cannot
   *   change that: terminal, reason {@code BucketInAnotherRegion}, naming the region when S3 did.</li>
   *   <li>403: either another account owns the bucket (bucket names are global) or the operator lacks
   *   {@code s3:ListBucket}, which HeadBucket needs; S3's answer has no body to tell them apart, so the message
   *   names both. Terminal ({@code ForeignResource}): the resync looks again, so a fixed operator policy is
   *   picked up without a spec change.</li>
   *   <li>anything else: {@link AwsErrors#classify}.</li>
   * </ul>
   * Sources: "HeadBucket" (generic 400/403/404 without a body; needs s3:ListBucket; any region of the partition
   * answers with the bucket's region in a header), https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html;
   * "GetBucketLocation" (HeadBucket always returns the bucket's location through an HTTP response header, whether
   * access is authorized or not), https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html;
   * "Billing for Amazon S3 error responses" (301 Moved Permanently: PermanentRedirect, the bucket must be addressed
   * using the specified endpoint), https://docs.aws.amazon.com/AmazonS3/latest/userguide/ErrorCodeBilling.html.
   */
  static RuntimeException headBucketFailure(String bucket, S3Exception e) {
    return switch (e.statusCode()) {
      case 301 -> new TerminalException("BucketInAnotherRegion", "S3 bucket " + bucket + " already exists "
          + bucketRegion(e).map(r -> "in region " + r).orElse("in another region") + " (S3 answered 301 to the"
          + " pipeline's regional endpoint), and a bucket cannot move between regions. Either someone else (another"
          + " pipeline, another account) uses that name, or spec.region changed after the bucket was created."
          + " Choose another spec.bucket.name, or set spec.region back to the bucket's region.", e);
      case 403 -> new TerminalException("ForeignResource", "HeadBucket on S3 bucket " + bucket + " was refused"
          + " (403 Forbidden), which means one of two things: another AWS account owns a bucket of that name"
          + " (bucket names are global) — then choose another spec.bucket.name; or the operator's credentials lack"
          + " s3:ListBucket on it (HeadBucket needs it) — then grant it (docs/operator-iam-policy.json); the"
          + " pipeline is looked at again at the next resync.", e);
      default -> AwsErrors.classify("HeadBucket " + bucket, e);
    };
  }

  /** The region S3 named in its answer, if it did. */
  static Optional<String> bucketRegion(S3Exception e) {
    return Optional.ofNullable(e.awsErrorDetails()).map(d -> d.sdkHttpResponse())
        .flatMap(r -> r.firstMatchingHeader(BUCKET_REGION_HEADER)).filter(r -> !r.isBlank());
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
}
