package dev.finpipe.handlers.support;

import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Every S3 read and write of the pipeline: job files, status records and results. */
public class JobStore {
  private static final String JSON = "application/json";

  private final HandlerConfig config;
  private final S3Client s3;

  public JobStore(HandlerConfig config, S3Client s3) {
    this.config = config;
    this.s3 = s3;
  }

  public HandlerConfig config() {
    return config;
  }

  public void putStatus(JobStatus status) {
    putJson(config.statusKey(status.jobId()), Json.writeBytes(status));
  }

  public Optional<JobStatus> status(String jobId) {
    return getBytes(config.statusKey(jobId)).map(bytes -> Json.read(bytes, JobStatus.class));
  }

  public void putResults(String jobId, Object results) {
    putJson(config.resultsKey(jobId), Json.writeBytes(results));
  }

  /** The stored results document as written, or empty when there is none. */
  public Optional<byte[]> resultsJson(String jobId) {
    return getBytes(config.resultsKey(jobId));
  }

  public void putIncoming(String jobId, byte[] csv) {
    s3.putObject(
        b -> b.bucket(config.bucket()).key(config.incomingKey(jobId)).contentType("text/csv"),
        RequestBody.fromBytes(csv));
  }

  /** The current ETag (without quotes) of an object, or empty when it does not exist. */
  public Optional<String> eTag(String key) {
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(config.bucket()).key(key));
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
    return s3.getObject(b -> b.bucket(config.bucket()).key(key).ifMatch(ETags.quoted(eTag)));
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
            .destinationBucket(config.bucket()).destinationKey(config.processedKey(jobId)));
    s3.deleteObject(b -> b.bucket(config.bucket()).key(incomingKey));
  }

  private void putJson(String key, byte[] json) {
    s3.putObject(b -> b.bucket(config.bucket()).key(key).contentType(JSON), RequestBody.fromBytes(json));
  }

  private Optional<byte[]> getBytes(String key) {
    try {
      ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(key));
      return Optional.of(bytes.asByteArray());
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
