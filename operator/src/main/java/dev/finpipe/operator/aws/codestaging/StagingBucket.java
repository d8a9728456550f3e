package dev.finpipe.operator.aws.codestaging;

import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.support.AwsErrors;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.support.TerminalException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The operator's own bucket for function code in one account and region: found, or created private
 * (Block Public Access, ACLs disabled by BucketOwnerEnforced, SSE-S3, staged jars expiring). Every call names the
 * expected owner: bucket names are global, and S3 answers 403 when another account owns the bucket, which is then
 * refused, never used ("Verifying bucket ownership with bucket owner condition",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html). CreateBucket answers
 * BucketAlreadyExists for a name another account holds and BucketAlreadyOwnedByYou for ours outside us-east-1
 * ("CreateBucket", https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html).
 */
final class StagingBucket {
  /**
   * Staged jars expire after this many days: Lambda copies the code at CreateFunction / UpdateFunctionCode, so the
   * object is needed only then, and the operator stages it again when it is missing. Lifecycle expiration counts
   * whole days, at least 1 ("Expiring objects",
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html).
   */
  static final int EXPIRE_AFTER_DAYS = 7;

  private StagingBucket() {
  }

  /** Makes sure {@code bucket} exists in {@code region}, owned by {@code accountId}; creates it if missing. */
  static void ensure(S3Client s3, String bucket, String accountId, String region, String prefix) {
    String where = "staging bucket " + bucket;
    var head = AwsCall.unlessAbsent("HeadBucket " + bucket, () -> {
      try {
        return s3.headBucket(b -> b.bucket(bucket).expectedBucketOwner(accountId));
      } catch (S3Exception e) {
        if (e.statusCode() == 403) {
          throw new RetryableException("StagingBucketNotOwned", where + " answered 403 to a request naming account "
              + accountId + " as its owner: another account owns it (it is never used) or the operator's policy "
              + "does not allow s3:ListBucket on it; choose another --code-staging-bucket or fix the policy", e);
        }
        throw e;
      }
    }, StagingBucket::notFound);
    if (head.isPresent()) {
      String actual = head.get().bucketRegion();
      if (actual != null && !actual.equals(region)) {
        throw new TerminalException("StagingBucketInAnotherRegion", where + " is in " + actual + ", not " + region
            + ": Lambda reads code only from a bucket in the function's region; choose another "
            + "--code-staging-bucket");
      }
      return;
    }
    try {
      s3.createBucket(createRequest(bucket, region));
    } catch (BucketAlreadyOwnedByYouException e) {
      // Our own earlier CreateBucket whose configuration may not have been written: write it (below).
    } catch (BucketAlreadyExistsException e) {
      throw new TerminalException("StagingBucketTaken", where + " exists in another AWS account and is never used;"
          + " choose another --code-staging-bucket", e);
    } catch (SdkException e) {
      throw AwsErrors.classify("CreateBucket " + bucket, e);
    }
    AwsCall.run("PutPublicAccessBlock " + bucket, () -> s3.putPublicAccessBlock(b -> b.bucket(bucket)
        .expectedBucketOwner(accountId).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)
            .ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true))));
    AwsCall.run("PutBucketEncryption " + bucket, () -> s3.putBucketEncryption(b -> b.bucket(bucket)
        .expectedBucketOwner(accountId).serverSideEncryptionConfiguration(c -> c.rules(r -> r
            .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256))))));
    AwsCall.run("PutBucketLifecycleConfiguration " + bucket, () -> s3.putBucketLifecycleConfiguration(b -> b
        .bucket(bucket).expectedBucketOwner(accountId).lifecycleConfiguration(c -> c.rules(r -> r
            .id("expire-staged-code").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(prefix + "/"))
            .expiration(x -> x.days(EXPIRE_AFTER_DAYS))
            .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1))))));
  }

  /**
   * Private from its creation: ACLs disabled (BucketOwnerEnforced, "Controlling ownership of objects",
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html). us-east-1 is the one
   * region that must not be named as location constraint.
   */
  static CreateBucketRequest createRequest(String bucket, String region) {
    CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(bucket)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    if (!"us-east-1".equals(region)) {
      request.createBucketConfiguration(c -> c.locationConstraint(region));
    }
    return request.build();
  }

  private static boolean notFound(SdkException e) {
    return e instanceof S3Exception s3 && s3.statusCode() == 404;
  }
}
