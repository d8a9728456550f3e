package dev.finpipe.operator.aws.bucket;

import static dev.finpipe.operator.aws.bucket.BucketField.BUCKET_KEY;
import static dev.finpipe.operator.aws.bucket.BucketField.KMS_KEY;
import static dev.finpipe.operator.aws.bucket.BucketField.LIFECYCLE;
import static dev.finpipe.operator.aws.bucket.BucketField.POLICY;
import static dev.finpipe.operator.aws.bucket.BucketField.PUBLIC_ACCESS_BLOCK;
import static dev.finpipe.operator.aws.bucket.BucketField.SSE_ALGORITHM;
import static dev.finpipe.operator.aws.bucket.BucketField.TAGS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finpipe.operator.aws.AbstractResourceManager;
import dev.finpipe.operator.aws.Drift;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.Plan;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.policy.BucketPolicies;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.support.TerminalException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * The pipeline's S3 bucket. Managed fields: default encryption (aws:kms + bucket key), the lifecycle rule that
 * expires {@code processed/}, the four public-access blocks, the TLS-only bucket policy and the ownership tags
 * (other tags are kept). The processor notification is the notification package's. A bucket that holds objects
 * is never deleted.
 */
public final class BucketManager extends AbstractResourceManager<DesiredBucket, ObservedBucket, S3Client> {
  public static final String KIND = "S3 bucket";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PassBucketReads reads;

  public BucketManager(S3Client s3) {
    this(s3, PassBucketReads.unshared(s3));
  }

  /** A bucket manager whose HeadBucket and GetBucketTagging are {@code reads}' (shared with the notification). */
  public BucketManager(S3Client s3, PassBucketReads reads) {
    super(KIND, s3);
    this.reads = reads;
  }

  @Override
  public String arnOf(DesiredBucket desired, ObservedBucket observed) {
    return desired.arn();
  }

  @Override
  public Optional<ObservedBucket> observe(DesiredBucket desired) {
    String bucket = desired.name();
    if (!reads.exists(bucket)) {
      return Optional.empty();
    }
    return Optional.of(new ObservedBucket(bucket, reads.tags(bucket),
        BucketReads.readOrEmpty("GetBucketEncryption " + bucket, () -> Optional.of(client.getBucketEncryption(
            b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0)),
            "ServerSideEncryptionConfigurationNotFoundError"),
        BucketReads.readOrEmpty("GetBucketLifecycleConfiguration " + bucket, () -> Optional.of(
            client.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules()), "NoSuchLifecycleConfiguration")
            .orElse(List.of()),
        BucketReads.readOrEmpty("GetPublicAccessBlock " + bucket, () -> Optional.of(client.getPublicAccessBlock(
            b -> b.bucket(bucket)).publicAccessBlockConfiguration()), "NoSuchPublicAccessBlockConfiguration"),
        BucketReads.readOrEmpty("GetBucketPolicy " + bucket, () -> Optional.of(client.getBucketPolicy(
            b -> b.bucket(bucket)).policy()), "NoSuchBucketPolicy")));
  }

  @Override
  public ObservedBucket create(DesiredBucket desired) {
    boolean created = AwsCall.unlessAbsent("CreateBucket " + desired.name(),
        () -> client.createBucket(createBucketRequest(desired.name(), desired.region())),
        BucketAlreadyOwnedByYouException.class::isInstance).isPresent();
    Map<String, String> existing = Map.of();
    if (!created) {
      // This account already owns it: our own CreateBucket whose answer was lost (the SDK's retry hears this), or a
      // bucket made meanwhile. Carry on only with one that is provably this pipeline's.
      reads.forget(desired.name());
      Map<String, String> tags = reads.tags(desired.name());
      existing = tags;
      String uid = desired.tags().get(Ownership.TAG_UID);
      boolean ours = uid != null && uid.equals(tags.get(Ownership.TAG_UID))
          || desired.generatedName() && !Ownership.carriesOwnershipTags(tags);
      if (!ours) {
        throw new TerminalException("ForeignResource", KIND + " " + desired.name() + " already exists in this"
            + " account and is not this pipeline's (" + (tags.isEmpty() ? "untagged, under a chosen name"
            : "tags " + tags) + "); it was left untouched. Choose another spec.bucket.name or delete it.");
      }
    }
    // Tag first: a crash right after creation must leave a bucket this pipeline recognises as its own (an untagged
    // one under the generated name is recovered, see the check above). CreateBucket takes tags too since SDK 2.40
    // (CreateBucketConfiguration.Tags), but needs s3:TagResource for them, which the operator policy does not grant
    // (https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/s3/aws.sdk.kotlin.services.s3.model/-create-bucket-configuration/tags.html):
    // kept as a separate call.
    putTags(desired, existing);
    put(PUBLIC_ACCESS_BLOCK, desired);
    put(SSE_ALGORITHM, desired);
    put(LIFECYCLE, desired);
    put(POLICY, desired);
    reads.forget(desired.name());
    return observe(desired).orElseThrow();
  }

  /**
   * The CreateBucket request. The location constraint is the region as a string: the SDK's
   * {@code BucketLocationConstraint} enum lags behind new regions, and {@code fromValue} of one it does not know
   * gives {@code UNKNOWN_TO_SDK_VERSION}, sent as "null". us-east-1 is the one region that must not be named.
   * Sources: "CreateBucket" (LocationConstraint, BucketAlreadyOwnedByYou),
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html; "CreateBucketConfiguration"
   * (LocationConstraint: Type String; not needed for us-east-1),
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_CreateBucketConfiguration.html.
   */
  static CreateBucketRequest createBucketRequest(String bucket, String region) {
    CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(bucket);
    if (!"us-east-1".equals(region)) {
      request.createBucketConfiguration(c -> c.locationConstraint(region));
    }
    return request.build();
  }

  /**
   * A bucket left untagged after its creation (a crash right after CreateBucket, or a lost answer and then
   * {@code BucketAlreadyOwnedByYou}) is recovered when it provably is this pipeline's: its name is the generated one
   * (it embeds the pipeline's identity hash, account and region; a user-chosen spec.bucket.name proves nothing), it
   * carries no ownership tag at all (no finpipe.dev/*), and it belongs to this account, which HeadBucket with the
   * bucket owner condition proves (S3 answers 403 when the bucket's owner is another account). Read calls only.
   * Sources: "Verifying bucket ownership with bucket owner condition",
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html; "BucketAlreadyOwnedByYou"
   * (the bucket you tried to create already exists, and you own it),
   * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/s3/aws.sdk.kotlin.services.s3.model/-bucket-already-owned-by-you.
   */
  @Override
  public boolean provablyOursUntagged(DesiredBucket desired, ObservedBucket observed) {
    if (!(desired.generatedName() || desired.adopt()) || desired.accountId() == null
        || Ownership.carriesOwnershipTags(observed.tags())) {
      return false;
    }
    // 403: another account owns it; 404: gone meanwhile. Either way not ours to recover.
    return AwsCall.unlessAbsent("HeadBucket " + desired.name() + " (expected owner " + desired.accountId() + ")",
        () -> client.headBucket(b -> b.bucket(desired.name()).expectedBucketOwner(desired.accountId())),
        e -> e instanceof S3Exception s3e && (s3e.statusCode() == 403 || s3e.statusCode() == 404)).isPresent();
  }

  /**
   * As every kind plans, except that a bucket to adopt is never created: a missing one is more likely a mistyped
   * name than a wish for an empty bucket, and the user asked for one that holds data.
   */
  @Override
  public Plan<ObservedBucket> plan(DesiredBucket desired, Ownership owner) {
    Plan<ObservedBucket> plan;
    try {
      plan = super.plan(desired, owner);
    } catch (TerminalException foreign) {
      boolean adoptable = !desired.adopt() && !desired.generatedName()
          && !Ownership.carriesOwnershipTags(reads.tags(desired.name()));
      throw !adoptable ? foreign : new TerminalException(foreign.reason(),
          foreign.getMessage() + " To bring an existing bucket of this account that no pipeline manages under this "
              + "one, set spec.bucket.adopt to true (docs/ADOPTION.md).");
    }
    if (plan.creates() && desired.adopt()) {
      throw new TerminalException("BucketToAdoptNotFound", KIND + " " + desired.name() + " named with "
          + "spec.bucket.adopt does not exist in account " + desired.accountId() + "; nothing was created. Name an "
          + "existing bucket of this account, or set spec.bucket.adopt to false to let the operator create it.");
    }
    return plan;
  }

  @Override
  public List<FieldDrift> diff(DesiredBucket desired, ObservedBucket actual) {
    Drift drift = new Drift();
    ServerSideEncryptionRule rule = actual.encryption().orElse(null);
    var byDefault = rule == null ? null : rule.applyServerSideEncryptionByDefault();
    if (byDefault == null || byDefault.sseAlgorithm() != ServerSideEncryption.AWS_KMS) {
      drift.add(FieldDrift.of(SSE_ALGORITHM, "aws:kms", byDefault == null ? null : byDefault.sseAlgorithmAsString()));
    } else {
      drift.compare(KMS_KEY, desired.kmsKeyArn().orElse(null), emptyToNull(byDefault.kmsMasterKeyID()));
    }
    if (rule != null) {
      drift.compare(BUCKET_KEY, true, Boolean.TRUE.equals(rule.bucketKeyEnabled()));
    }
    if (!sameLifecycle(BucketConfigurations.expireProcessed(desired), actual.lifecycleRules())) {
      drift.add(FieldDrift.of(LIFECYCLE, desired.processedExpirationDays() + " days on processed/",
          describe(actual.lifecycleRules())));
    }
    drift.compare(PUBLIC_ACCESS_BLOCK, Optional.of(BucketConfigurations.publicAccessBlock()),
        actual.publicAccessBlock());
    if (!samePolicy(BucketPolicies.denyInsecureTransport(desired.arn()), actual.policy())) {
      drift.add(FieldDrift.of(POLICY, "deny non-TLS access", actual.policy().isPresent() ? "other" : null));
    }
    return drift.tags(TAGS, desired.tags(), actual.tags()).list();
  }

  @Override
  public void update(DesiredBucket desired, ObservedBucket observed, List<FieldDrift> drift) {
    Set<BucketField> fields = FieldDrift.fields(drift, BucketField.class);
    if (fields.stream().anyMatch(BucketField::isEncryption)) {
      put(SSE_ALGORITHM, desired);
    }
    fields.stream().filter(f -> !f.isEncryption() && f != TAGS).forEach(f -> put(f, desired));
    if (fields.contains(TAGS)) {
      putTags(desired, observed.tags());
    }
  }

  /** Deletes the bucket only when it holds no object; otherwise refuses with a terminal error. */
  @Override
  public void delete(DesiredBucket desired, ObservedBucket observed) {
    var listing = AwsCall.get("ListObjectsV2 " + desired.name(), () -> client.listObjectsV2(b -> b
        .bucket(desired.name())
        .maxKeys(1)));
    if (!listing.contents().isEmpty()) {
      throw new TerminalException("BucketNotEmpty", "S3 bucket " + desired.name() + " still holds objects, so it "
          + "was kept. Empty it to let deletion finish, or set spec.deletionPolicy to Retain to keep it.");
    }
    AwsCall.run("DeleteBucket " + desired.name(), () -> client.deleteBucket(b -> b.bucket(desired.name())));
    reads.forget(desired.name());
  }

  private void putTags(DesiredBucket desired, Map<String, String> existing) {
    Map<String, String> merged = new LinkedHashMap<>(existing);
    merged.putAll(desired.tags());
    AwsCall.run("PutBucketTagging " + desired.name(), () -> client.putBucketTagging(b -> b.bucket(desired.name())
        .tagging(BucketConfigurations.tagging(merged))));
    reads.forget(desired.name());
  }

  /** Writes one configuration; every encryption field is written by the one encryption call. */
  private void put(BucketField field, DesiredBucket desired) {
    String bucket = desired.name();
    switch (field) {
      case SSE_ALGORITHM, KMS_KEY, BUCKET_KEY -> AwsCall.run("PutBucketEncryption " + bucket,
          () -> client.putBucketEncryption(b -> b.bucket(bucket)
              .serverSideEncryptionConfiguration(c -> c.rules(BucketConfigurations.encryption(desired)))));
      case LIFECYCLE -> AwsCall.run("PutBucketLifecycleConfiguration " + bucket,
          () -> client.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
              .lifecycleConfiguration(BucketConfigurations.lifecycle(desired))));
      case PUBLIC_ACCESS_BLOCK -> AwsCall.run("PutPublicAccessBlock " + bucket,
          () -> client.putPublicAccessBlock(b -> b.bucket(bucket)
              .publicAccessBlockConfiguration(BucketConfigurations.publicAccessBlock())));
      case POLICY -> AwsCall.run("PutBucketPolicy " + bucket, () -> client.putBucketPolicy(b -> b.bucket(bucket)
          .policy(BucketPolicies.denyInsecureTransport(desired.arn()).toString())));
      case TAGS -> putTags(desired, Map.of());
    }
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
    return rules.isEmpty() ? null : rules.stream().map(r -> r.id() + ":" + r.statusAsString()).toList().toString();
  }

  private static boolean samePolicy(JsonNode desired, Optional<String> actual) {
    try {
      return actual.isPresent() && desired.equals(JSON.readTree(actual.get()));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
