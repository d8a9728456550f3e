package dev.finpipe.operator.aws.bucket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ResourceManager;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.policy.BucketPolicies;
import dev.finpipe.operator.support.AwsErrors;
import dev.finpipe.operator.support.TerminalException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * The pipeline's S3 bucket. Managed fields: default encryption (aws:kms + bucket key), the lifecycle rule that
 * expires {@code processed/}, the four public-access blocks, the TLS-only bucket policy and the ownership tags
 * (other tags are kept). The processor notification is {@link NotificationManager}'s.
 */
public final class BucketManager implements ResourceManager<DesiredBucket, ObservedBucket> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final S3Client s3;

  public BucketManager(S3Client s3) {
    this.s3 = s3;
  }

  @Override
  public String kind() {
    return "S3 bucket";
  }

  @Override
  public String nameOf(DesiredBucket desired) {
    return desired.name();
  }

  @Override
  public String arnOf(DesiredBucket desired, ObservedBucket observed) {
    return desired.arn();
  }

  @Override
  public Map<String, String> tagsOf(ObservedBucket observed) {
    return observed.tags();
  }

  @Override
  public Optional<ObservedBucket> observe(DesiredBucket desired) {
    String bucket = desired.name();
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      if (e.statusCode() == 403) {
        throw new TerminalException("ForeignResource", "S3 bucket " + bucket
            + " exists but this account may not access it (bucket names are global: another account owns it)."
            + " Choose another spec.bucket.name.");
      }
      throw AwsErrors.classify("HeadBucket " + bucket, e);
    } catch (SdkException e) {
      throw AwsErrors.classify("HeadBucket " + bucket, e);
    }
    return Optional.of(new ObservedBucket(bucket,
        readOrEmpty(() -> tags(bucket), Map.of(), "NoSuchTagSet"),
        readOrEmpty(() -> Optional.of(s3.getBucketEncryption(b -> b.bucket(bucket))
            .serverSideEncryptionConfiguration().rules().get(0)), Optional.<ServerSideEncryptionRule>empty(),
            "ServerSideEncryptionConfigurationNotFoundError"),
        readOrEmpty(() -> s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules(),
            List.<LifecycleRule>of(), "NoSuchLifecycleConfiguration"),
        readOrEmpty(() -> Optional.of(s3.getPublicAccessBlock(b -> b.bucket(bucket))
            .publicAccessBlockConfiguration()), Optional.empty(), "NoSuchPublicAccessBlockConfiguration"),
        readOrEmpty(() -> Optional.of(s3.getBucketPolicy(b -> b.bucket(bucket)).policy()), Optional.empty(),
            "NoSuchBucketPolicy")));
  }

  @Override
  public ObservedBucket create(DesiredBucket desired) {
    AwsCall.get("CreateBucket " + desired.name(), () -> s3.createBucket(b -> {
      b.bucket(desired.name());
      // us-east-1 is the one region that must not be named as a location constraint.
      if (!"us-east-1".equals(desired.region())) {
        b.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(desired.region())));
      }
    }));
    // Tag first: a crash right after creation must leave a bucket this pipeline recognises as its own.
    putTags(desired, Map.of());
    putPublicAccessBlock(desired);
    putEncryption(desired);
    putLifecycle(desired);
    putPolicy(desired);
    return observe(desired).orElseThrow();
  }

  @Override
  public List<FieldDrift> diff(DesiredBucket desired, ObservedBucket actual) {
    List<FieldDrift> drift = new ArrayList<>();
    ServerSideEncryptionRule rule = actual.encryption().orElse(null);
    var byDefault = rule == null ? null : rule.applyServerSideEncryptionByDefault();
    if (byDefault == null || byDefault.sseAlgorithm() != ServerSideEncryption.AWS_KMS) {
      drift.add(FieldDrift.of("encryption.sseAlgorithm", "aws:kms",
          byDefault == null ? null : byDefault.sseAlgorithmAsString()));
    } else if (!Objects.equals(desired.kmsKeyArn().orElse(null), emptyToNull(byDefault.kmsMasterKeyID()))) {
      drift.add(FieldDrift.of("encryption.kmsKeyId", desired.kmsKeyArn().orElse("aws/s3"), byDefault.kmsMasterKeyID()));
    }
    if (rule != null && !Boolean.TRUE.equals(rule.bucketKeyEnabled())) {
      drift.add(FieldDrift.of("encryption.bucketKeyEnabled", true, rule.bucketKeyEnabled()));
    }
    if (!sameLifecycle(BucketConfigurations.expireProcessed(desired), actual.lifecycleRules())) {
      drift.add(FieldDrift.of("lifecycle.expireProcessed",
          desired.processedExpirationDays() + " days on processed/", describe(actual.lifecycleRules())));
    }
    if (!actual.publicAccessBlock().equals(Optional.of(BucketConfigurations.publicAccessBlock()))) {
      drift.add(FieldDrift.of("publicAccessBlock", "all four blocked", actual.publicAccessBlock().orElse(null)));
    }
    if (!samePolicy(BucketPolicies.denyInsecureTransport(desired.arn()), actual.policy())) {
      drift.add(FieldDrift.of("policy", "deny non-TLS access", actual.policy().isPresent() ? "other" : "<absent>"));
    }
    if (!actual.tags().entrySet().containsAll(desired.tags().entrySet())) {
      drift.add(FieldDrift.of("tags", desired.tags(), actual.tags()));
    }
    return drift;
  }

  @Override
  public void update(DesiredBucket desired, ObservedBucket observed, List<FieldDrift> drift) {
    for (FieldDrift d : drift) {
      String field = d.field();
      if (field.startsWith("encryption.")) {
        putEncryption(desired);
      } else if (field.startsWith("lifecycle.")) {
        putLifecycle(desired);
      } else if (field.equals("publicAccessBlock")) {
        putPublicAccessBlock(desired);
      } else if (field.equals("policy")) {
        putPolicy(desired);
      } else if (field.equals("tags")) {
        putTags(desired, observed.tags());
      }
    }
  }

  /** Deletes the bucket only when it holds no object; otherwise refuses with a terminal error. */
  @Override
  public void delete(DesiredBucket desired, ObservedBucket observed) {
    var listing = AwsCall.get("ListObjectsV2 " + desired.name(), () -> s3.listObjectsV2(b -> b.bucket(desired.name())
        .maxKeys(1)));
    if (!listing.contents().isEmpty()) {
      throw new TerminalException("BucketNotEmpty", "S3 bucket " + desired.name() + " still holds objects, so it "
          + "was kept. Empty it to let deletion finish, or set spec.deletionPolicy to Retain to keep it.");
    }
    AwsCall.get("DeleteBucket " + desired.name(), () -> s3.deleteBucket(b -> b.bucket(desired.name())));
  }

  private Map<String, String> tags(String bucket) {
    Map<String, String> tags = new LinkedHashMap<>();
    s3.getBucketTagging(b -> b.bucket(bucket)).tagSet().forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  private void putTags(DesiredBucket desired, Map<String, String> existing) {
    Map<String, String> merged = new LinkedHashMap<>(existing);
    merged.putAll(desired.tags());
    AwsCall.get("PutBucketTagging " + desired.name(), () -> s3.putBucketTagging(b -> b.bucket(desired.name())
        .tagging(BucketConfigurations.tagging(merged))));
  }

  private void putEncryption(DesiredBucket desired) {
    AwsCall.get("PutBucketEncryption " + desired.name(), () -> s3.putBucketEncryption(b -> b.bucket(desired.name())
        .serverSideEncryptionConfiguration(c -> c.rules(BucketConfigurations.encryption(desired)))));
  }

  private void putLifecycle(DesiredBucket desired) {
    AwsCall.get("PutBucketLifecycleConfiguration " + desired.name(), () -> s3.putBucketLifecycleConfiguration(b -> b
        .bucket(desired.name()).lifecycleConfiguration(BucketConfigurations.lifecycle(desired))));
  }

  private void putPublicAccessBlock(DesiredBucket desired) {
    AwsCall.get("PutPublicAccessBlock " + desired.name(), () -> s3.putPublicAccessBlock(b -> b.bucket(desired.name())
        .publicAccessBlockConfiguration(BucketConfigurations.publicAccessBlock())));
  }

  private void putPolicy(DesiredBucket desired) {
    String policy = BucketPolicies.denyInsecureTransport(desired.arn()).toString();
    AwsCall.get("PutBucketPolicy " + desired.name(), () -> s3.putBucketPolicy(b -> b.bucket(desired.name()).policy(policy)));
  }

  private static boolean sameLifecycle(LifecycleRule desired, List<LifecycleRule> actual) {
    if (actual.size() != 1) {
      return false;
    }
    LifecycleRule rule = actual.get(0);
    String prefix = rule.filter() != null && rule.filter().prefix() != null ? rule.filter().prefix() : rule.prefix();
    return Objects.equals(desired.id(), rule.id()) && rule.status() == desired.status()
        && Objects.equals(desired.filter().prefix(), prefix) && rule.expiration() != null
        && Objects.equals(desired.expiration().days(), rule.expiration().days());
  }

  private static String describe(List<LifecycleRule> rules) {
    return rules.isEmpty() ? "<absent>" : rules.stream().map(r -> r.id() + ":" + r.statusAsString()).toList()
        .toString();
  }

  private static boolean samePolicy(JsonNode desired, Optional<String> actual) {
    if (actual.isEmpty()) {
      return false;
    }
    try {
      return desired.equals(JSON.readTree(actual.get()));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Reads one sub-configuration; the S3 error code that means "not configured" yields {@code absent}. */
  private static <T> T readOrEmpty(Supplier<T> read, T absent, String notConfiguredCode) {
    try {
      return read.get();
    } catch (S3Exception e) {
      if (e.awsErrorDetails() != null && notConfiguredCode.equals(e.awsErrorDetails().errorCode())) {
        return absent;
      }
      throw AwsErrors.classify("reading bucket configuration", e);
    } catch (SdkException e) {
      throw AwsErrors.classify("reading bucket configuration", e);
    }
  }

}
