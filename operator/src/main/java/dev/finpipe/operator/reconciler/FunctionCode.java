package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.CodeLocation;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.codestaging.CodeObject;
import dev.finpipe.operator.aws.codestaging.StreamSha256;
import dev.finpipe.operator.aws.function.CodeSource;
import dev.finpipe.operator.support.Once;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.support.TerminalException;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The handlers jar deployed to the four functions: by default the one shipped inside the operator's jar, staged
 * in the operator's bucket; otherwise the object named in {@code spec.functions.code}, which Lambda reads where
 * it is. Its SHA-256 comes from S3's full-object checksum when the object has one, else from a streaming digest
 * taken again only when the object changed ({@link FunctionCodeCache}); the object is never held in memory.
 */
public final class FunctionCode {
  /** Where the build puts the shaded handlers jar inside the operator jar. */
  public static final String EMBEDDED = "/lambda/financial-pipeline-handlers.jar";
  private final FunctionCodeCache digests;
  private volatile EmbeddedJar embedded;

  /** What to deploy. */
  public record Artifact(CodeSource source) {
    /** Base64 SHA-256, Lambda's CodeSha256. */
    public String sha256() {
      return source.sha256();
    }
  }

  public FunctionCode() {
    this(FunctionCodeCache.DEFAULT_MAX_ENTRIES);
  }

  FunctionCode(int cachedDigests) {
    this.digests = new FunctionCodeCache(cachedDigests);
  }

  /** The code to deploy; an S3 object must be in a bucket of {@code accountId}. */
  public Artifact resolve(CodeLocation location, AwsClients aws, String accountId) {
    return new Artifact(location == null ? new CodeSource.Staged(embedded(), accountId)
        : fromS3(location, aws, accountId));
  }

  /**
   * {@link #resolve} at most once for all callers of the returned supplier: the four functions of one pass
   * share one {@code HeadObject}. A failed resolve is not remembered, so each caller reports it.
   */
  public Supplier<Artifact> resolveOnce(CodeLocation location, AwsClients aws, String accountId) {
    return Once.of(() -> resolve(location, aws, accountId));
  }

  private EmbeddedJar embedded() {
    EmbeddedJar jar = embedded;
    if (jar == null) {
      jar = EmbeddedJar.digest(EMBEDDED);
      embedded = jar;
    }
    return jar;
  }

  private CodeSource.InS3 fromS3(CodeLocation location, AwsClients aws, String accountId) {
    String where = "s3://" + location.s3Bucket + "/" + location.s3Key;
    // Retryable: the jar may be uploaded after the pipeline is applied. The bucket must be the pipeline's
    // account's: another account could otherwise serve code under a name the pipeline trusts.
    HeadObjectResponse head = AwsCall.unlessAbsent("HeadObject " + where, () -> {
      try {
        return aws.s3().headObject(b -> b.bucket(location.s3Bucket).key(location.s3Key)
            .expectedBucketOwner(accountId).checksumMode(ChecksumMode.ENABLED));
      } catch (S3Exception e) {
        throw inAnotherRegion(e, where, aws.region());
      }
    }, e -> e instanceof S3Exception s3 && s3.statusCode() == 404)
        .orElseThrow(() -> new RetryableException("CodeNotFound", "spec.functions.code: " + where
            + " does not exist"));
    CodeObject object = new CodeObject(location.s3Bucket, location.s3Key, head.versionId());
    String checksum = fullObjectSha256(head);
    if (checksum != null) {
      return new CodeSource.InS3(object, checksum);
    }
    var key = new FunctionCodeCache.Key(aws.target().cacheKey(), location.s3Bucket, location.s3Key);
    var cached = digests.get(key).filter(c -> c.eTag().equals(head.eTag())
        && Objects.equals(c.versionId(), head.versionId()));
    if (cached.isPresent()) {
      return new CodeSource.InS3(object, cached.get().sha256());
    }
    // The version (or, unversioned, the ETag) that was just looked at, nothing swapped in since; streamed
    // through the digest in small buffers.
    StreamSha256 digest = AwsCall.get("GetObject " + where, () -> StreamSha256.of(aws.s3().getObject(b -> {
      b.bucket(location.s3Bucket).key(location.s3Key).expectedBucketOwner(accountId);
      if (head.versionId() != null) {
        b.versionId(head.versionId());
      } else {
        b.ifMatch(head.eTag());
      }
    })));
    digests.put(key, new FunctionCodeCache.Entry(head.eTag(), head.versionId(), digest.base64()));
    return new CodeSource.InS3(object, digest.base64());
  }

  /**
   * S3's SHA-256 of the whole object, when it was uploaded with one; a composite checksum of a multipart upload
   * ({@code <base64>-<parts>}) is a checksum of the parts' checksums, not Lambda's CodeSha256 ("Checking object
   * integrity", https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).
   */
  static String fullObjectSha256(HeadObjectResponse head) {
    String sha = head.checksumSHA256();
    if (sha == null || sha.contains("-") || head.checksumType() == ChecksumType.COMPOSITE) {
      return null;
    }
    return sha;
  }

  /**
   * S3 answers 301 (PermanentRedirect) to a request sent to another region than the bucket's; Lambda reads code
   * only from a bucket in the function's region ("FunctionCode", S3Bucket,
   * https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCode.html).
   */
  private static RuntimeException inAnotherRegion(S3Exception e, String where, String region) {
    if (e.statusCode() == 301) {
      return new TerminalException("InvalidConfiguration", "spec.functions.code: " + where + " is not in the "
          + "pipeline's region " + region + "; Lambda reads code only from a bucket in the function's region", e);
    }
    return e;
  }
}
