package dev.finpipe.operator.aws.bucket;

import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ManagerContractTest;
import dev.finpipe.operator.aws.tagging.OwnedResourceTags;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.client.AwsTarget;
import dev.finpipe.operator.policy.BucketLayout;
import dev.finpipe.operator.policy.BucketPolicies;
import dev.finpipe.operator.policy.PolicyDocuments;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.support.TerminalException;
import dev.finpipe.operator.testing.Moto;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

class BucketManagerTest extends ManagerContractTest<DesiredBucket, ObservedBucket> {
  private final BucketManager manager = new BucketManager(clients.s3());
  private final S3Client s3 = clients.s3();
  private final String name = "fp-test-" + suffix();
  private final DesiredBucket spec = new DesiredBucket(name, Moto.region(), "arn:aws:s3:::" + name, Optional.empty(),
      30, owner.tags());

  @Override
  protected BucketManager manager() {
    return manager;
  }

  @Override
  protected DesiredBucket desired() {
    return spec;
  }

  @Override
  protected Optional<Map<String, String>> ownTags(DesiredBucket desired) {
    return Optional.of(BucketReads.tags(s3, name));
  }

  @Override
  protected void verifyCreated(DesiredBucket desired, Convergence created) {
    assertThat(created.arn()).isEqualTo("arn:aws:s3:::" + name);
    ServerSideEncryptionRule encryption = s3.getBucketEncryption(b -> b.bucket(name))
        .serverSideEncryptionConfiguration().rules().get(0);
    assertThat(encryption.applyServerSideEncryptionByDefault().sseAlgorithmAsString()).isEqualTo("aws:kms");
    assertThat(encryption.bucketKeyEnabled()).isTrue();
    assertThat(lifecycle()).singleElement().satisfies(rule -> {
      assertThat(rule.id()).isEqualTo(BucketLayout.EXPIRE_PROCESSED_RULE);
      assertThat(rule.expiration().days()).isEqualTo(30);
    });
    var block = s3.getPublicAccessBlock(b -> b.bucket(name)).publicAccessBlockConfiguration();
    assertThat(block.blockPublicAcls() && block.ignorePublicAcls() && block.blockPublicPolicy()
        && block.restrictPublicBuckets()).isTrue();
    assertThat(PolicyDocuments.sameDocument(BucketPolicies.denyInsecureTransport(spec.arn()),
        s3.getBucketPolicy(b -> b.bucket(name)).policy())).isTrue();
  }

  private List<LifecycleRule> lifecycle() {
    return s3.getBucketLifecycleConfiguration(b -> b.bucket(name)).rules();
  }

  @Override
  protected String driftOneField(DesiredBucket desired) {
    s3.deleteBucketLifecycle(b -> b.bucket(name));
    return "lifecycle.expireProcessed";
  }

  @Override
  protected void verifyCorrected(DesiredBucket desired) {
    assertThat(recorder.mutating()).containsOnlyKeys("S3:PutBucketLifecycleConfiguration");
    assertThat(lifecycle()).extracting(LifecycleRule::id).containsExactly(BucketLayout.EXPIRE_PROCESSED_RULE);
  }

  @Override
  protected DesiredBucket createForeign(Ownership other) {
    s3.createBucket(b -> b.bucket(name));
    s3.putBucketTagging(b -> b.bucket(name).tagging(BucketConfigurations.tagging(other.tags())));
    return spec;
  }

  /** The same bucket under its generated name: recoverable when found untagged. */
  private DesiredBucket generated() {
    return new DesiredBucket(name, Moto.region(), "arn:aws:s3:::" + name, Optional.empty(), 30, owner.tags(),
        Moto.ACCOUNT_ID, true);
  }

  private void deleteBucketIfAny() {
    if (BucketReads.exists(s3, name)) {
      s3.deleteBucket(b -> b.bucket(name));
    }
  }

  @Test
  void anUntaggedBucketOfTheGeneratedNameIsRecoveredAndTagged() {
    s3.createBucket(b -> b.bucket(name)); // created, then the operator crashed before tagging it
    DesiredBucket desired = generated();

    Convergence recovered = manager.converge(desired, owner);

    assertThat(recovered.action()).isEqualTo(Convergence.Action.UPDATED);
    assertThat(recovered.corrected()).extracting(FieldDrift::field).contains("tags");
    assertThat(BucketReads.tags(s3, name)).containsAllEntriesOf(owner.tags());
    verifyCreated(desired, recovered);
    assertThat(manager.converge(desired, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
  }

  @Test
  void anUntaggedBucketOfTheGeneratedNameKeepsTagsOthersAddedWhenRecovered() {
    s3.createBucket(b -> b.bucket(name));
    s3.putBucketTagging(b -> b.bucket(name).tagging(BucketConfigurations.tagging(Map.of("team", "ledger"))));

    manager.converge(generated(), owner);

    assertThat(BucketReads.tags(s3, name)).containsAllEntriesOf(owner.tags()).containsEntry("team", "ledger");
  }

  @Test
  void aBucketOfTheGeneratedNameWithAnotherOwnersTagsIsStillForeign() {
    Ownership other = new Ownership(owner.namespace(), "other", "uid-" + suffix());
    s3.createBucket(b -> b.bucket(name));
    s3.putBucketTagging(b -> b.bucket(name).tagging(BucketConfigurations.tagging(other.tags())));
    try {
      recorder.reset();
      assertThatThrownBy(() -> manager.converge(generated(), owner))
          .isInstanceOfSatisfying(TerminalException.class, e -> assertThat(e.reason()).isEqualTo("ForeignResource"));
      assertThat(recorder.mutating()).isEmpty();
      assertThat(BucketReads.tags(s3, name)).isEqualTo(other.tags());
    } finally {
      deleteBucketIfAny();
    }
  }

  @Test
  void anUntaggedBucketUnderAUserChosenNameIsStillRefused() {
    s3.createBucket(b -> b.bucket(name));
    try {
      recorder.reset();
      assertThatThrownBy(() -> manager.converge(spec, owner)) // spec: a chosen name
          .isInstanceOfSatisfying(TerminalException.class, e -> assertThat(e.reason()).isEqualTo("ForeignResource"));
      assertThat(recorder.mutating()).isEmpty();
      assertThat(BucketReads.tags(s3, name)).isEmpty();
    } finally {
      deleteBucketIfAny();
    }
  }

  /**
   * A CreateBucket whose answer was lost and whose retry hears BucketAlreadyOwnedByYou (S3, and the emulator, say so
   * in every region but us-east-1, which answers 200): in eu-west-3, on a bucket of the generated name this account
   * owns untagged, create carries on and tags it; under a chosen name it refuses.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void createAfterBucketAlreadyOwnedByYouCarriesOnOnlyForTheGeneratedName(boolean generatedName) {
    AwsTarget t = Moto.target();
    try (SdkHttpClient http = ApacheHttpClient.builder().build();
         AwsClients paris = new AwsClients(new AwsTarget("eu-west-3", t.endpoint(), t.credentialsKey(),
             t.credentials()), http, new AwsCallRecorder())) {
      S3Client s3Paris = paris.s3();
      BucketManager parisManager = new BucketManager(s3Paris);
      DesiredBucket desired = new DesiredBucket(name, "eu-west-3", "arn:aws:s3:::" + name, Optional.empty(), 30,
          owner.tags(), Moto.ACCOUNT_ID, generatedName);
      s3Paris.createBucket(BucketManager.createBucketRequest(name, "eu-west-3"));
      try {
        if (generatedName) {
          assertThat(parisManager.create(desired).tags()).containsAllEntriesOf(owner.tags());
          assertThat(parisManager.converge(desired, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
        } else {
          assertThatThrownBy(() -> parisManager.create(desired)).isInstanceOfSatisfying(TerminalException.class,
              e -> assertThat(e.reason()).isEqualTo("ForeignResource"));
          assertThat(BucketReads.tags(s3Paris, name)).isEmpty();
        }
      } finally {
        s3Paris.deleteBucketPolicy(b -> b.bucket(name));
        s3Paris.deleteBucket(b -> b.bucket(name));
      }
    }
  }

  @Test
  void aBucketThatHoldsObjectsIsRefusedDeletionAndKept() {
    manager.converge(spec, owner);
    Moto.putObjectPastTlsOnlyPolicy(clients, name, BucketLayout.INCOMING + "a.csv", "id,amount\n1,2\n");

    assertThatThrownBy(() -> manager.remove(spec, owner))
        .isInstanceOfSatisfying(TerminalException.class, e -> assertThat(e.reason()).isEqualTo("BucketNotEmpty"));
    assertThat(manager.observe(spec)).isPresent();
    // The emulator applies the TLS-only policy to every object call: lift it to look at (and remove) the object.
    s3.deleteBucketPolicy(b -> b.bucket(name));
    assertThat(s3.listObjectsV2(b -> b.bucket(name)).contents()).extracting(o -> o.key())
        .containsExactly(BucketLayout.INCOMING + "a.csv");
    s3.deleteObject(b -> b.bucket(name).key(BucketLayout.INCOMING + "a.csv"));
  }

  @Test
  void ourTagsAreRestoredAndTagsOthersAddedAreKept() {
    manager.converge(spec, owner);
    Map<String, String> replaced = new LinkedHashMap<>(owner.tags());
    replaced.remove(Ownership.TAG_NAME); // the uid stays: without it the bucket would no longer be ours
    replaced.put("team", "ledger");
    s3.putBucketTagging(b -> b.bucket(name).tagging(BucketConfigurations.tagging(replaced)));

    Convergence corrected = manager.converge(spec, owner);

    assertThat(corrected.corrected()).extracting(FieldDrift::field).containsExactly("tags");
    Map<String, String> expected = new LinkedHashMap<>(owner.tags());
    expected.put("team", "ledger");
    assertThat(BucketReads.tags(s3, name)).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(manager.converge(spec, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
  }

  @Test
  void theBucketReadsOfAPassAreMadeOnceAndACreateIsNotAnsweredFromThem() {
    PassBucketReads reads = PassBucketReads.ofPass(s3, OwnedResourceTags.none(), "aws");
    BucketManager ofPass = new BucketManager(s3, reads);
    recorder.reset();

    assertThat(ofPass.observe(spec)).isEmpty();
    assertThat(reads.tagsIfExists(name)).isEmpty();
    assertThat(recorder.snapshot()).containsEntry("S3:HeadBucket", 1L);

    assertThat(ofPass.converge(spec, owner).action()).as("created, then read again, not from the pass's reads")
        .isEqualTo(Convergence.Action.CREATED);
    recorder.reset();
    assertThat(reads.tagsIfExists(name)).as("the notification's view after the create")
        .hasValueSatisfying(tags -> assertThat(tags).containsAllEntriesOf(owner.tags()));
    assertThat(recorder.snapshot()).as("answered from the reads made after the create")
        .doesNotContainKeys("S3:HeadBucket", "S3:GetBucketTagging");
  }
}
