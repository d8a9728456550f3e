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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The handlers jar deployed to the four functions: by default the one shipped inside the operator's jar;
 * otherwise the object named in {@code spec.functions.code}, fetched once per ETag.
 */
public final class FunctionCode {
  /** Where the build puts the shaded handlers jar inside the operator jar. */
  public static final String EMBEDDED = "/lambda/financial-pipeline-handlers.jar";
  private static final long MAX_DIRECT_UPLOAD = 50L * 1024 * 1024;
  private final Map<String, Fetched> fromS3 = new ConcurrentHashMap<>();
  private volatile Artifact embedded;

  /** Bytes and their base64 SHA-256 (Lambda's CodeSha256). */
  public record Artifact(byte[] bytes, String sha256) {
  }

  public Artifact resolve(CodeLocation location, AwsClients aws) {
    return location == null ? embedded() : fromS3(location, aws);
  }

  /**
   * {@link #resolve} at most once for all callers of the returned supplier: the four functions of one pass
   * share one {@code HeadObject}. A failed resolve is not remembered, so each caller reports it.
   */
  public Supplier<Artifact> resolveOnce(CodeLocation location, AwsClients aws) {
    return Once.of(() -> resolve(location, aws));
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

  private Artifact fromS3(CodeLocation location, AwsClients aws) {
    String where = "s3://" + location.s3Bucket + "/" + location.s3Key;
    // Retryable: the jar may be uploaded after the pipeline is applied.
    var head = AwsCall.unlessAbsent("HeadObject " + where,
        () -> aws.s3().headObject(b -> b.bucket(location.s3Bucket).key(location.s3Key)),
        e -> e instanceof S3Exception s3 && s3.statusCode() == 404)
        .orElseThrow(() -> new RetryableException("CodeNotFound", "spec.functions.code: " + where
            + " does not exist"));
    if (head.contentLength() > MAX_DIRECT_UPLOAD) {
      throw new TerminalException("InvalidConfiguration", "spec.functions.code: " + where
          + " is larger than the 50 MB Lambda accepts in a direct upload");
    }
    // One entry per location, replaced when its ETag changes: old versions are not kept in memory.
    return fromS3.compute(where, (k, cached) -> {
      if (cached != null && cached.eTag().equals(head.eTag())) {
        return cached;
      }
      byte[] bytes = AwsCall.get("GetObject " + where,
          () -> aws.s3().getObjectAsBytes(b -> b.bucket(location.s3Bucket).key(location.s3Key)).asByteArray());
      return new Fetched(head.eTag(), new Artifact(bytes, DesiredFunction.sha256Base64(bytes)));
    }).artifact();
  }

  private record Fetched(String eTag, Artifact artifact) {
  }
}
