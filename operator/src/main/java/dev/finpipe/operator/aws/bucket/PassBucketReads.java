package dev.finpipe.operator.aws.bucket;

import dev.finpipe.operator.aws.tagging.OwnedResourceTags;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * HeadBucket and GetBucketTagging of one pass, read once and shared by the bucket and its notification (both need
 * them: the notification belongs to whoever owns the bucket). Never kept across passes, and forgotten by every
 * write to the bucket, so a read after a create or a tag change sees AWS again. {@link #unshared} reads every
 * time (a manager used outside a pass).
 */
public final class PassBucketReads {
  private final S3Client s3;
  private final boolean memo;
  private final OwnedResourceTags listedTags;
  private final String partition;
  private final Map<String, Boolean> exists = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();

  private PassBucketReads(S3Client s3, boolean memo, OwnedResourceTags listedTags, String partition) {
    this.s3 = s3;
    this.memo = memo;
    this.listedTags = listedTags;
    this.partition = partition;
  }

  /** Reads shared by the managers of one pass; the tags from {@code listedTags} when it lists the bucket. */
  public static PassBucketReads ofPass(S3Client s3, OwnedResourceTags listedTags, String partition) {
    return new PassBucketReads(s3, true, listedTags, partition);
  }

  /** Reads made again on every ask. */
  public static PassBucketReads unshared(S3Client s3) {
    return new PassBucketReads(s3, false, OwnedResourceTags.none(), "aws");
  }

  /** Whether the bucket exists ({@link BucketReads#exists}). */
  public boolean exists(String bucket) {
    return memo ? exists.computeIfAbsent(bucket, b -> BucketReads.exists(s3, b)) : BucketReads.exists(s3, bucket);
  }

  /** The bucket's tags ({@link BucketReads#tags}). */
  public Map<String, String> tags(String bucket) {
    return memo ? tags.computeIfAbsent(bucket, b -> listedTags.of(arn(b)).orElseGet(() -> Map.copyOf(
        BucketReads.tags(s3, b)))) : BucketReads.tags(s3, bucket);
  }

  /** After a write to the bucket: the next ask reads AWS again. */
  void forget(String bucket) {
    exists.remove(bucket);
    tags.remove(bucket);
    listedTags.forget(arn(bucket));
  }

  private String arn(String bucket) {
    return "arn:" + partition + ":s3:::" + bucket;
  }

  /** The bucket's tags as the owner of a notification sees them; empty when the bucket does not exist. */
  public Optional<Map<String, String>> tagsIfExists(String bucket) {
    return exists(bucket) ? Optional.of(tags(bucket)) : Optional.empty();
  }
}
