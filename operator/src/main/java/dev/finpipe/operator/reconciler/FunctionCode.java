package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.CodeLocation;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.function.DesiredFunction;
import dev.finpipe.operator.support.Once;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.support.TerminalException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The handlers jar deployed to the four functions: by default the one shipped inside the operator's jar;
 * otherwise the object named in {@code spec.functions.code}, fetched again only when it changed (see
 * {@link FunctionCodeCache}).
 */
public final class FunctionCode {
  /** Where the build puts the shaded handlers jar inside the operator jar. */
  public static final String EMBEDDED = "/lambda/financial-pipeline-handlers.jar";
  static final long MAX_DIRECT_UPLOAD = 50L * 1024 * 1024;
  private final FunctionCodeCache cache;
  private volatile Artifact embedded;

  /** Bytes and their base64 SHA-256 (Lambda's CodeSha256). */
  public record Artifact(byte[] bytes, String sha256) {
  }

  public FunctionCode() {
    this(FunctionCodeCache.DEFAULT_MAX_BYTES);
  }

  FunctionCode(long cacheBytes) {
    this.cache = new FunctionCodeCache(cacheBytes);
  }

  /** The code to deploy; an S3 object must be in a bucket of {@code accountId}. */
  public Artifact resolve(CodeLocation location, AwsClients aws, String accountId) {
    return location == null ? embedded() : fromS3(location, aws, accountId);
  }

  /**
   * {@link #resolve} at most once for all callers of the returned supplier: the four functions of one pass
   * share one {@code HeadObject}. A failed resolve is not remembered, so each caller reports it.
   */
  public Supplier<Artifact> resolveOnce(CodeLocation location, AwsClients aws, String accountId) {
    return Once.of(() -> resolve(location, aws, accountId));
  }

  private Artifact embedded() {
    Artifact a = embedded;
    if (a == null) {
      try (InputStream in = FunctionCode.class.getResourceAsStream(EMBEDDED)) {
        if (in == null) {
          throw new IllegalStateException("the operator was built without the handlers jar (" + EMBEDDED + ")");
        }
        byte[] bytes = in.readAllBytes();
        a = new Artifact(bytes, DesiredFunction.sha256Base64(bytes));
        embedded = a;
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + EMBEDDED, e);
      }
    }
    return a;
  }

  private Artifact fromS3(CodeLocation location, AwsClients aws, String accountId) {
    String where = "s3://" + location.s3Bucket + "/" + location.s3Key;
    // Retryable: the jar may be uploaded after the pipeline is applied. The bucket must be the pipeline's
    // account's: another account could otherwise serve code under a name the pipeline trusts.
    var head = AwsCall.unlessAbsent("HeadObject " + where,
        () -> aws.s3().headObject(b -> b.bucket(location.s3Bucket).key(location.s3Key)
            .expectedBucketOwner(accountId).checksumMode(ChecksumMode.ENABLED)),
        e -> e instanceof S3Exception s3 && s3.statusCode() == 404)
        .orElseThrow(() -> new RetryableException("CodeNotFound", "spec.functions.code: " + where
            + " does not exist"));
    if (head.contentLength() > MAX_DIRECT_UPLOAD) {
      throw new TerminalException("InvalidConfiguration", "spec.functions.code: " + where
          + " is larger than the 50 MB Lambda accepts in a direct upload");
    }
    var key = new FunctionCodeCache.Key(aws.target().cacheKey(), location.s3Bucket, location.s3Key);
    var cached = cache.get(key).filter(c -> c.eTag().equals(head.eTag())
        && Objects.equals(c.versionId(), head.versionId())
        && (head.checksumSHA256() == null || head.checksumSHA256().equals(c.artifact().sha256())));
    if (cached.isPresent()) {
      return cached.get().artifact();
    }
    // The version (or, unversioned, the ETag) that was just looked at, nothing swapped in since; with checksum
    // mode on, the SDK checks the bytes against S3's SHA-256 when the object has one.
    byte[] bytes = AwsCall.get("GetObject " + where, () -> aws.s3().getObjectAsBytes(b -> {
      b.bucket(location.s3Bucket).key(location.s3Key).expectedBucketOwner(accountId)
          .checksumMode(ChecksumMode.ENABLED);
      if (head.versionId() != null) {
        b.versionId(head.versionId());
      } else {
        b.ifMatch(head.eTag());
      }
    }).asByteArray());
    Artifact artifact = new Artifact(bytes, DesiredFunction.sha256Base64(bytes));
    cache.put(key, new FunctionCodeCache.Entry(head.eTag(), head.versionId(), artifact));
    return artifact;
  }
}
