package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.BucketSpec;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.ResourceStatus;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * A team brings an existing bucket, with its objects, under a pipeline: only when the pipeline names it and says
 * spec.bucket.adopt, never implicitly, never a bucket of another pipeline, and never by creating a missing one.
 */
class BucketAdoptionOnClusterTest {
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("adopt").withOperator("PT2S");
  private static AwsClients aws;

  @BeforeAll
  static void start() {
    aws = Moto.clients();
  }

  @Test
  void anExistingBucketIsRefusedWithTheWayToAdoptItThenAdoptedWithItsObjectsAndTags() {
    String bucket = existingBucket(Map.of("team", "ledger"));
    aws.s3().putObject(b -> b.bucket(bucket).key("incoming/2025.csv"),
        software.amazon.awssdk.core.sync.RequestBody.fromString("id,amount\n1,2.00\n"));

    Pipelines.create(cluster.namespace(), "implicit", spec -> spec.bucket = named(bucket, false));
    FinancialPipeline refused = awaitBucketState("implicit", "Failed");
    assertThat(bucketResource(refused).message).contains("already exists").contains("spec.bucket.adopt");
    assertThat(tags(bucket)).doesNotContainKey(Ownership.TAG_UID);

    Pipelines.resource(cluster.namespace(), "implicit").edit(fp -> {
      fp.getSpec().bucket.adopt = true;
      return fp;
    });
    FinancialPipeline ready = Pipelines.awaitReady(cluster.namespace(), "implicit");

    assertThat(ready.getStatus().bucketName).isEqualTo(bucket);
    assertThat(keys(bucket)).containsExactly("incoming/2025.csv");
    assertThat(tags(bucket)).containsEntry("team", "ledger")
        .containsEntry(Ownership.TAG_UID, ready.getMetadata().getUid());
    assertThat(aws.s3().getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules()
        .get(0).applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AWS_KMS);

    // Retain (the default): deleting the pipeline leaves the adopted bucket and its data.
    Pipelines.resource(cluster.namespace(), "implicit").delete();
    Pipelines.awaitGone(cluster.namespace(), "implicit");
    assertThat(keys(bucket)).containsExactly("incoming/2025.csv");
  }

  @Test
  void aBucketOfAnotherPipelineIsNeverAdopted() {
    String bucket = existingBucket(Map.of(Ownership.TAG_MANAGED_BY, Ownership.MANAGER,
        Ownership.TAG_NAMESPACE, "other-team", Ownership.TAG_NAME, "theirs", Ownership.TAG_UID, UUID.randomUUID()
            .toString()));

    Pipelines.create(cluster.namespace(), "grab", spec -> spec.bucket = named(bucket, true));
    FinancialPipeline refused = awaitBucketState("grab", "Failed");

    assertThat(bucketResource(refused).message).contains("another owner")
        .doesNotContain("other-team");
    assertThat(tags(bucket)).containsEntry(Ownership.TAG_NAMESPACE, "other-team");
    assertThat(aws.s3().listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
  }

  @Test
  void aMissingBucketToAdoptIsNotCreated() {
    String bucket = "fp-adopt-missing-" + UUID.randomUUID().toString().substring(0, 8);

    Pipelines.create(cluster.namespace(), "missing", spec -> spec.bucket = named(bucket, true));
    FinancialPipeline refused = awaitBucketState("missing", "Failed");

    assertThat(bucketResource(refused).message).contains("does not exist").contains(bucket)
        .contains("nothing was created");
    assertThat(exists(bucket)).isFalse();
  }

  private static String existingBucket(Map<String, String> tags) {
    String bucket = "fp-adopt-" + UUID.randomUUID().toString().substring(0, 8);
    aws.s3().createBucket(b -> {
      b.bucket(bucket);
      if (!"us-east-1".equals(Moto.region())) {
        b.createBucketConfiguration(c -> c.locationConstraint(Moto.region()));
      }
    });
    aws.s3().putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
    return bucket;
  }

  private static BucketSpec named(String bucket, boolean adopt) {
    BucketSpec spec = new BucketSpec();
    spec.name = bucket;
    spec.adopt = adopt;
    return spec;
  }

  private static FinancialPipeline awaitBucketState(String name, String state) {
    return Pipelines.awaitStatus(cluster.namespace(), name, fp -> fp.getStatus().resources.stream()
        .anyMatch(r -> "bucket".equals(r.component) && state.equals(r.state)));
  }

  private static ResourceStatus bucketResource(FinancialPipeline fp) {
    return fp.getStatus().resources.stream().filter(r -> "bucket".equals(r.component)).findFirst().orElseThrow();
  }

  private static Map<String, String> tags(String bucket) {
    return aws.s3().getBucketTagging(b -> b.bucket(bucket)).tagSet().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }

  /** By listing: moto refuses object reads under the TLS-only policy (see Moto). */
  private static List<String> keys(String bucket) {
    return aws.s3().listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
  }

  private static boolean exists(String bucket) {
    try {
      aws.s3().headBucket(b -> b.bucket(bucket));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    }
  }
}
