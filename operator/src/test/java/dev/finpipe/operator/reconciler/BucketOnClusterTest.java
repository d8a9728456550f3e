package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The operator on the real API server with moto: a FinancialPipeline's bucket is created with every managed
 * field, drift is reverted on resync, and deletion honours spec.deletionPolicy.
 */
class BucketOnClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("bucket").withOperator("PT2S");
  private static AwsClients aws;

  @BeforeAll
  static void start() {
    aws = Moto.clients();
  }

  private static S3Client s3() {
    return aws.s3();
  }

  @Test
  void readyPipelineHasAnEncryptedPrivateTlsOnlyBucketWithLifecycleAndOwnerTags() throws Exception {
    Pipelines.create(cluster.namespace(), "ready", spec -> spec.bucket = bucketExpiring(45));
    FinancialPipeline fp = Pipelines.awaitReady(cluster.namespace(), "ready");
    String bucket = fp.getStatus().bucketName;
    assertThat(fp.getStatus().resources).filteredOn(r -> r.component.equals("bucket")).singleElement().satisfies(r -> {
      assertThat(r.arn).isEqualTo("arn:aws:s3:::" + bucket);
      assertThat(r.state).isEqualTo("Ready");
    });

    var encryption = s3().getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules()
        .get(0);
    assertThat(encryption.applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(encryption.bucketKeyEnabled()).isTrue();

    var rule = s3().getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules().get(0);
    assertThat(rule.filter().prefix()).isEqualTo("processed/");
    assertThat(rule.expiration().days()).isEqualTo(45);
    assertThat(rule.status()).isEqualTo(ExpirationStatus.ENABLED);

    var block = s3().getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
    assertThat(block.blockPublicAcls()).isTrue();
    assertThat(block.ignorePublicAcls()).isTrue();
    assertThat(block.blockPublicPolicy()).isTrue();
    assertThat(block.restrictPublicBuckets()).isTrue();

    var policy = JSON.readTree(s3().getBucketPolicy(b -> b.bucket(bucket)).policy());
    var statement = policy.get("Statement").get(0);
    assertThat(statement.get("Effect").asText()).isEqualTo("Deny");
    assertThat(statement.at("/Condition/Bool/aws:SecureTransport").asText()).isEqualTo("false");
    assertThat(statement.get("Resource").toString()).contains("arn:aws:s3:::" + bucket + "/*");

    Map<String, String> tags = s3().getBucketTagging(b -> b.bucket(bucket)).tagSet().stream()
        .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    assertThat(tags).containsEntry(Ownership.TAG_NAMESPACE, cluster.namespace())
        .containsEntry(Ownership.TAG_NAME, "ready")
        .containsEntry(Ownership.TAG_UID, fp.getMetadata().getUid());
  }

  @Test
  void lifecycleAndEncryptionDriftIsRevertedOnResync() {
    Pipelines.create(cluster.namespace(), "drift", spec -> spec.bucket = bucketExpiring(30));
    String bucket = Pipelines.awaitReady(cluster.namespace(), "drift").getStatus().bucketName;

    s3().deleteBucketLifecycle(b -> b.bucket(bucket));
    s3().putBucketEncryption(b -> b.bucket(bucket).serverSideEncryptionConfiguration(c -> c.rules(r -> r
        .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));

    await().atMost(TestGround.timeout()).ignoreExceptions().untilAsserted(() -> {
      var rules = s3().getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules();
      assertThat(rules).singleElement().satisfies(r -> assertThat(r.expiration().days()).isEqualTo(30));
      var enc = s3().getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0);
      assertThat(enc.applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AWS_KMS);
    });
    await().atMost(TestGround.timeout()).untilAsserted(() -> assertThat(TestGround.kubernetes().v1().events()
        .inNamespace(cluster.namespace()).list().getItems()).anySatisfy(e -> {
          assertThat(e.getInvolvedObject().getName()).isEqualTo("drift");
          assertThat(e.getReason()).isEqualTo("DriftCorrected");
          assertThat(e.getMessage()).contains("lifecycle.expireProcessed").contains("encryption.sseAlgorithm");
        }));
  }

  @Test
  void retainKeepsTheBucketAndItsObjects() {
    Pipelines.create(cluster.namespace(), "retain", spec -> spec.deletionPolicy = DeletionPolicy.Retain);
    String bucket = Pipelines.awaitReady(cluster.namespace(), "retain").getStatus().bucketName;
    Moto.putObjectPastTlsOnlyPolicy(aws, bucket, "results/job.json", "{}");

    Pipelines.resource(cluster.namespace(), "retain").delete();
    Pipelines.awaitGone(cluster.namespace(), "retain");

    assertThat(keys(bucket)).containsExactly("results/job.json");
  }

  @Test
  void deleteRemovesAnEmptyBucket() {
    Pipelines.create(cluster.namespace(), "delete-empty", spec -> spec.deletionPolicy = DeletionPolicy.Delete);
    String bucket = Pipelines.awaitReady(cluster.namespace(), "delete-empty").getStatus().bucketName;

    Pipelines.resource(cluster.namespace(), "delete-empty").delete();
    Pipelines.awaitGone(cluster.namespace(), "delete-empty");

    assertThat(bucketExists(bucket)).isFalse();
  }

  @Test
  void deleteKeepsANonEmptyBucketAndSaysWhy() {
    Pipelines.create(cluster.namespace(), "delete-full", spec -> spec.deletionPolicy = DeletionPolicy.Delete);
    String bucket = Pipelines.awaitReady(cluster.namespace(), "delete-full").getStatus().bucketName;
    Moto.putObjectPastTlsOnlyPolicy(aws, bucket, "incoming/a.csv", "x");

    Pipelines.resource(cluster.namespace(), "delete-full").delete();
    FinancialPipeline blocked = await().atMost(TestGround.timeout())
        .until(() -> Pipelines.get(cluster.namespace(), "delete-full"), fp -> fp != null
            && Pipelines.condition(fp, PipelineCondition.PROGRESSING)
            .filter(c -> "DeletionBlocked".equals(c.reason)).isPresent());

    assertThat(Pipelines.condition(blocked, PipelineCondition.PROGRESSING).orElseThrow().message)
        .contains("still holds objects").contains("deletionPolicy");
    assertThat(bucketExists(bucket)).isTrue();
    assertThat(keys(bucket)).containsExactly("incoming/a.csv");

    // The way out the message names: switch to Retain, and the deletion completes keeping the bucket.
    Pipelines.resource(cluster.namespace(), "delete-full").edit(fp -> {
      fp.getSpec().deletionPolicy = DeletionPolicy.Retain;
      return fp;
    });
    Pipelines.awaitGone(cluster.namespace(), "delete-full");
    assertThat(bucketExists(bucket)).isTrue();
  }

  private static dev.finpipe.operator.api.BucketSpec bucketExpiring(int days) {
    var bucket = new dev.finpipe.operator.api.BucketSpec();
    bucket.processedExpirationDays = days;
    return bucket;
  }

  /** Object keys, by listing: moto refuses object reads under the TLS-only policy (see Moto). */
  private static java.util.List<String> keys(String bucket) {
    return s3().listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
  }

  private static boolean bucketExists(String bucket) {
    try {
      s3().headBucket(b -> b.bucket(bucket));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    }
  }
}
