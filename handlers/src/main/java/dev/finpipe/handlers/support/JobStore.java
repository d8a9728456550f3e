package dev.finpipe.handlers.support;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Every S3 read and write of the pipeline: job files, status records and results. Each request names the account
 * that must own the bucket ({@code x-amz-expected-bucket-owner}): S3 refuses it with 403 when another account owns a
 * bucket of that name ("Verifying bucket ownership with bucket owner condition",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html), so job files and results never
 * go to, or come from, someone else's bucket.
 */
public class JobStore {
  private static final String JSON = "application/json";

  private final HandlerConfig config;
  private final S3Client s3;
  private volatile String bucketOwner;

  public JobStore(HandlerConfig config, S3Client s3) {
    this.config = config;
    this.s3 = s3;
    this.bucketOwner = config.bucketOwnerAccountId().orElse(null);
  }

  /**
   * Learns the bucket owner from the invocation when {@code BUCKET_OWNER_ACCOUNT_ID} is not set: the account of the
   * function's own ARN, which is the pipeline's account (the operator creates bucket and functions together).
   */
  public void expectOwnerOf(Context context) {
    if (bucketOwner == null && context != null) {
      LambdaArns.accountOf(context.getInvokedFunctionArn()).ifPresent(account -> bucketOwner = account);
    }
  }

  public HandlerConfig config() {
    return config;
  }

  public void putStatus(JobStatus status) {
    putJson(config.statusKey(status.jobId()), JsonStreams.object(status.toJson(), false));
  }

  public Optional<JobStatus> status(String jobId) {
    return getBytes(config.statusKey(jobId)).map(JobStatus::fromJson);
  }

  public void putResults(String jobId, Object results) {
    putJson(config.resultsKey(jobId), JsonStreams.document(results, false));
  }

  /** The stored results document as written, or empty when there is none. */
  public Optional<byte[]> resultsJson(String jobId) {
    return getBytes(config.resultsKey(jobId));
  }

  public void putIncoming(String jobId, byte[] csv) {
    s3.putObject(b -> b.bucket(config.bucket()).expectedBucketOwner(bucketOwner).key(config.incomingKey(jobId))
        .contentType("text/csv"), RequestBody.fromBytes(csv));
  }

  /** The current ETag (without quotes) of an object, or empty when it does not exist. */
  public Optional<String> eTag(String key) {
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(config.bucket()).expectedBucketOwner(bucketOwner).key(key));
      return Optional.of(ETags.normalize(head.eTag()));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Streams exactly the version with this ETag; S3 answers 412 if the object was replaced meanwhile. */
  public InputStream open(String key, String eTag) {
    return s3.getObject(
        b -> b.bucket(config.bucket()).expectedBucketOwner(bucketOwner).key(key).ifMatch(ETags.quoted(eTag)));
  }

  /**
   * Moves a processed file out of the incoming prefix: copy (only that version) and delete. Safe to repeat:
   * once the incoming object is gone or replaced by a newer upload, it does nothing.
   */
  public void moveToProcessed(String incomingKey, String jobId, String eTag) {
    if (!eTag(incomingKey).filter(eTag::equals).isPresent()) {
      return;
    }
    s3.copyObject(
        b -> b.sourceBucket(config.bucket()).sourceKey(incomingKey).copySourceIfMatch(ETags.quoted(eTag))
            .expectedSourceBucketOwner(bucketOwner).expectedBucketOwner(bucketOwner)
            .destinationBucket(config.bucket()).destinationKey(config.processedKey(jobId)));
    s3.deleteObject(b -> b.bucket(config.bucket()).expectedBucketOwner(bucketOwner).key(incomingKey));
  }

  private void putJson(String key, byte[] json) {
    s3.putObject(b -> b.bucket(config.bucket()).expectedBucketOwner(bucketOwner).key(key).contentType(JSON),
        RequestBody.fromBytes(json));
  }

  private Optional<byte[]> getBytes(String key) {
    try {
      ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(
          b -> b.bucket(config.bucket()).expectedBucketOwner(bucketOwner).key(key));
      return Optional.of(bytes.asByteArray());
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
