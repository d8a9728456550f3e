package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.api.CodeLocation;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.function.DesiredFunction;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.testing.HostileEndpoint;
import dev.finpipe.operator.testing.Moto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/** Where the functions' code comes from: the embedded jar, or {@code spec.functions.code} in S3 (moto). */
class FunctionCodeTest {
  private static final SdkHttpClient HTTP = ApacheHttpClient.builder().build();
  private final AwsCallRecorder calls = new AwsCallRecorder(new SimpleMeterRegistry());
  private final AwsClients aws = Moto.clients(calls);
  private final FunctionCode code = new FunctionCode();
  private final String bucket = "code-" + UUID.randomUUID().toString().substring(0, 8);

  private CodeLocation at(String key) {
    CodeLocation location = new CodeLocation();
    location.s3Bucket = bucket;
    location.s3Key = key;
    return location;
  }

  private void put(String key, String body) {
    aws.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
  }

  @Test
  void withoutALocationTheEmbeddedHandlersJarIsDeployed() {
    FunctionCode.Artifact embedded = code.resolve(null, aws, Moto.ACCOUNT_ID);

    assertThat(embedded.bytes().length).isGreaterThan(1 << 20);
    assertThat(embedded.sha256()).isEqualTo(DesiredFunction.sha256Base64(embedded.bytes()));
  }

  @Test
  void anS3ObjectIsFetchedOnceAndAgainOnlyWhenItChanges() {
    aws.s3().createBucket(b -> b.bucket(bucket));
    put("handlers.jar", "v1");

    FunctionCode.Artifact first = code.resolve(at("handlers.jar"), aws, Moto.ACCOUNT_ID);
    FunctionCode.Artifact second = code.resolve(at("handlers.jar"), aws, Moto.ACCOUNT_ID);
    put("handlers.jar", "v2");
    FunctionCode.Artifact changed = code.resolve(at("handlers.jar"), aws, Moto.ACCOUNT_ID);

    assertThat(new String(first.bytes(), StandardCharsets.UTF_8)).isEqualTo("v1");
    assertThat(second).isSameAs(first);
    assertThat(new String(changed.bytes(), StandardCharsets.UTF_8)).isEqualTo("v2");
    assertThat(changed.sha256()).isEqualTo(DesiredFunction.sha256Base64("v2".getBytes(StandardCharsets.UTF_8)));
    assertThat(calls.snapshot()).containsEntry("S3:GetObject", 2L).containsEntry("S3:HeadObject", 3L);
  }

  @Test
  void theFunctionsOfOnePassShareOneLookUpOfTheCode() {
    aws.s3().createBucket(b -> b.bucket(bucket));
    put("handlers.jar", "v1");
    calls.reset();

    var once = code.resolveOnce(at("handlers.jar"), aws, Moto.ACCOUNT_ID);
    java.util.List<FunctionCode.Artifact> four = java.util.stream.IntStream.range(0, 4).parallel()
        .mapToObj(i -> once.get()).toList();

    assertThat(four).allSatisfy(a -> assertThat(a).isSameAs(four.get(0)));
    assertThat(calls.snapshot()).containsEntry("S3:HeadObject", 1L).containsEntry("S3:GetObject", 1L);
  }

  @Test
  void aMissingObjectIsARetryableErrorNamingTheLocation() {
    aws.s3().createBucket(b -> b.bucket(bucket));

    assertThatThrownBy(() -> code.resolve(at("nowhere.jar"), aws, Moto.ACCOUNT_ID))
        .isInstanceOf(RetryableException.class)
        .hasMessage("spec.functions.code: s3://" + bucket + "/nowhere.jar does not exist");
  }

  @Test
  void anotherEndpointClaimingTheSameETagNeitherReadsNorReplacesAPipelinesCode() {
    aws.s3().createBucket(b -> b.bucket(bucket));
    put("handlers.jar", "genuine");
    String realETag = aws.s3().headObject(b -> b.bucket(bucket).key("handlers.jar")).eTag();
    try (HostileEndpoint hostile = new HostileEndpoint().serving(bytes("swapped"), realETag);
         AwsClients viaHostile = new AwsClients(Moto.target(hostile.uri()), HTTP, calls)) {
      FunctionCode.Artifact attackers = code.resolve(at("handlers.jar"), viaHostile, Moto.ACCOUNT_ID);
      FunctionCode.Artifact victims = code.resolve(at("handlers.jar"), aws, Moto.ACCOUNT_ID);
      FunctionCode.Artifact attackersAgain = code.resolve(at("handlers.jar"), viaHostile, Moto.ACCOUNT_ID);

      assertThat(new String(attackers.bytes(), StandardCharsets.UTF_8)).isEqualTo("swapped");
      assertThat(new String(victims.bytes(), StandardCharsets.UTF_8)).as("the pipeline's own code").isEqualTo("genuine");
      assertThat(new String(attackersAgain.bytes(), StandardCharsets.UTF_8)).as("never another target's code")
          .isEqualTo("swapped");
    }
  }

  @Test
  void aSlowEndpointDoesNotHoldUpAnotherPipelineFetchingTheSameLocation() throws Exception {
    aws.s3().createBucket(b -> b.bucket(bucket));
    put("handlers.jar", "genuine");
    try (HostileEndpoint tarpit = new HostileEndpoint().serving(bytes("slow"), "\"slow\"")
             .delayingGets(Duration.ofSeconds(6));
         AwsClients viaTarpit = new AwsClients(Moto.target(tarpit.uri()), HTTP, calls)) {
      var slow = CompletableFuture.runAsync(() -> code.resolve(at("handlers.jar"), viaTarpit, Moto.ACCOUNT_ID));
      Thread.sleep(500); // the tarpit's GetObject is under way

      long start = System.nanoTime();
      code.resolve(at("handlers.jar"), aws, Moto.ACCOUNT_ID);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(slow).isNotDone();
      assertThat(took).as("no fetch waits for another's").isLessThan(Duration.ofSeconds(3));
      slow.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theCacheIsBoundedByBytes() {
    FunctionCode small = new FunctionCode(10);
    aws.s3().createBucket(b -> b.bucket(bucket));
    put("a.jar", "aaaaaa");
    put("b.jar", "bbbbbb");

    small.resolve(at("a.jar"), aws, Moto.ACCOUNT_ID);
    small.resolve(at("b.jar"), aws, Moto.ACCOUNT_ID); // 12 bytes do not fit in 10: a.jar goes
    calls.reset();
    small.resolve(at("b.jar"), aws, Moto.ACCOUNT_ID);
    small.resolve(at("a.jar"), aws, Moto.ACCOUNT_ID);

    assertThat(calls.snapshot()).containsEntry("S3:GetObject", 1L).containsEntry("S3:HeadObject", 2L);
  }

  /**
   * S3 refuses a request whose bucket another account owns when it names the expected owner ("Verifying bucket
   * ownership with bucket owner condition", https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html).
   * The emulator does not check the header, so the test reads what the operator sends.
   */
  @Test
  void everyRequestForTheCodeNamesThePipelinesAccountAsBucketOwner() {
    try (HostileEndpoint endpoint = new HostileEndpoint().serving(bytes("code"), "\"e1\"");
         AwsClients via = new AwsClients(Moto.target(endpoint.uri()), HTTP, calls)) {
      code.resolve(at("handlers.jar"), via, Moto.ACCOUNT_ID);

      assertThat(endpoint.expectedBucketOwners()).hasSize(2).containsOnly(Moto.ACCOUNT_ID);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
