package dev.finpipe.operator.aws.codestaging;

import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.RetryableException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Stages function code once per (account, region, content SHA-256) in the operator's bucket of that account and
 * region, under {@code <prefix>/<sha256-hex>.jar}: a HeadObject finds a jar already there; otherwise it is
 * streamed up, with its SHA-256 for S3 to check ("Checking object integrity",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html). Concurrent callers for
 * the same object share one look-up and at most one upload (single flight); nothing is remembered afterwards, so
 * an object expired by the bucket's lifecycle rule is staged again. Operator-wide, thread safe.
 */
public final class CodeStager {
  public static final String PREFIX = "lambda-code";
  private final String bucketTemplate;
  /** Buckets found or created, by AWS target: looked at once per operator run. */
  private final Set<String> ensuredBuckets = ConcurrentHashMap.newKeySet();
  private final Map<String, CompletableFuture<CodeObject>> inFlight = new ConcurrentHashMap<>();

  public CodeStager(String bucketTemplate) {
    this.bucketTemplate = StagingBucketName.checkTemplate(bucketTemplate);
  }

  public static String key(String sha256Base64) {
    return PREFIX + "/" + HexFormat.of().formatHex(Base64.getDecoder().decode(sha256Base64)) + ".jar";
  }

  /** Where Lambda can read {@code code} in {@code aws}'s region of {@code accountId}; uploads it if missing. */
  public CodeObject stage(AwsClients aws, String accountId, StageableCode code) {
    String bucket = StagingBucketName.of(bucketTemplate, accountId, aws.region());
    CodeObject object = new CodeObject(bucket, key(code.sha256Base64()), null);
    String flight = aws.target().cacheKey() + "|" + object;
    CompletableFuture<CodeObject> mine = new CompletableFuture<>();
    CompletableFuture<CodeObject> running = inFlight.putIfAbsent(flight, mine);
    if (running != null) {
      return join(running);
    }
    try {
      if (ensuredBuckets.add(aws.target().cacheKey() + "|" + bucket)) {
        try {
          StagingBucket.ensure(aws.s3(), bucket, accountId, aws.region(), PREFIX);
        } catch (RuntimeException e) {
          ensuredBuckets.remove(aws.target().cacheKey() + "|" + bucket);
          throw e;
        }
      }
      uploadUnlessPresent(aws, accountId, object, code);
      mine.complete(object);
      return object;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(flight, mine);
    }
  }

  private static void uploadUnlessPresent(AwsClients aws, String accountId, CodeObject object, StageableCode code) {
    var head = AwsCall.unlessAbsent("HeadObject " + object, () -> aws.s3().headObject(b -> b.bucket(object.bucket())
        .key(object.key()).expectedBucketOwner(accountId).checksumMode(ChecksumMode.ENABLED)),
        e -> e instanceof S3Exception s3 && s3.statusCode() == 404);
    // The key names the content; an object there with another checksum was not put by the operator: replace it.
    if (head.isPresent() && (head.get().checksumSHA256() == null
        || head.get().checksumSHA256().equals(code.sha256Base64()))) {
      return;
    }
    AwsCall.run("PutObject " + object, () -> aws.s3().putObject(b -> b.bucket(object.bucket()).key(object.key())
        .expectedBucketOwner(accountId).contentType("application/java-archive")
        .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(code.sha256Base64()),
        RequestBody.fromContentProvider(code::open, code.length(), "application/java-archive")));
  }

  private static CodeObject join(CompletableFuture<CodeObject> running) {
    try {
      return running.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new RetryableException("StagingFailed", "staging function code failed: " + e.getCause(), e);
    }
  }
}
