package dev.finpipe.e2e;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Reads what the operator built, straight from the AWS endpoint (credentials: the default chain). */
public final class AwsState implements AutoCloseable {
  private final S3Client s3;
  private final LambdaClient lambda;

  public AwsState() {
    URI endpoint = URI.create(E2eEnvironment.awsEndpoint());
    Region region = Region.of(E2eEnvironment.awsRegion());
    // Emulators serve buckets by path, not by virtual host.
    this.s3 = S3Client.builder().endpointOverride(endpoint).region(region).forcePathStyle(true).build();
    this.lambda = LambdaClient.builder().endpointOverride(endpoint).region(region).build();
  }

  public boolean bucketExists(String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** Expiration days of the lifecycle rule that applies to {@code prefix}, if any. */
  public Optional<Integer> expirationDays(String bucket, String prefix) {
    return s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules().stream()
        .filter(r -> prefix.equals(prefixOf(r)))
        .filter(r -> r.expiration() != null && r.expiration().days() != null)
        .map(r -> r.expiration().days())
        .findFirst();
  }

  public boolean functionExists(String nameOrArn) {
    try {
      lambda.getFunction(b -> b.functionName(nameOrArn));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  private static String prefixOf(LifecycleRule rule) {
    if (rule.filter() != null && rule.filter().prefix() != null) {
      return rule.filter().prefix();
    }
    if (rule.filter() != null && rule.filter().and() != null) {
      return rule.filter().and().prefix();
    }
    return rule.prefix();
  }

  @Override
  public void close() {
    s3.close();
    lambda.close();
  }
}
