package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.api.CodeLocation;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.codestaging.CodeObject;
import dev.finpipe.operator.aws.function.CodeSource;
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
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

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
  void withoutALocationTheEmbeddedHandlersJarIsStagedWithItsSha256() throws Exception {
    FunctionCode.Artifact embedded = code.resolve(null, aws, Moto.ACCOUNT_ID);

    var staged = (CodeSource.Staged) embedded.source();
    byte[] jar;
    try (var in = FunctionCode.class.getResourceAsStream(FunctionCode.EMBEDDED)) {
      jar = in.readAllBytes();
    }
    assertThat(staged.accountId()).isEqualTo(Moto.ACCOUNT_ID);
    assertThat(staged.content().length()).isEqualTo(jar.length).isGreaterThan(1 << 20);
    assertThat(embedded.sha256()).isEqualTo(DesiredFunction.sha256Base64(jar));
    assertThat(staged.content().open().readAllBytes()).isEqualTo(jar);
    assertThat(calls.snapshot()).as("resolving the embedded jar calls nothing").isEmpty();
  }

  /** Lambda reads the pipeline's object itself: it is digested (streaming) once, and again only when it changes. */
  @Test
  void anS3ObjectIsDigestedOnceAndAgainOnlyWhenItChanges() {
    aws.s3().createBucket(b -> b.bucket(bucket));
    put("handlers.jar", "v1");

    FunctionCode.Artifact first = code.resolve(at("handlers.jar"), aws, Moto.ACCOUNT_ID);
    FunctionCode.Artifact second = code.resolve(at("handlers.jar"), aws, Moto.ACCOUNT_ID);
    put("handlers.jar", "v2");
    FunctionCode.Artifact changed = code.resolve(at("handlers.jar"), aws, Moto.ACCOUNT_ID);

    assertThat(first.source()).isEqualTo(new CodeSource.InS3(new CodeObject(bucket, "handlers.jar", null), sha("v1")));
    assertThat(second).isEqualTo(first);
    assertThat(changed.sha256()).isEqualTo(sha("v2"));
    assertThat(calls.snapshot()).containsEntry("S3:GetObject", 2L).containsEntry("S3:HeadObject", 3L);
  }

  /** An object uploaded with its SHA-256 needs no reading at all: S3's checksum is Lambda's CodeSha256. */
  @Test
  void anObjectWithAFullObjectSha256ChecksumIsNotRead() {
    aws.s3().createBucket(b -> b.bucket(bucket));
    aws.s3().putObject(b -> b.bucket(bucket).key("handlers.jar").checksumAlgorithm(ChecksumAlgorithm.SHA256),
        RequestBody.fromString("v1"));

    FunctionCode.Artifact artifact = code.resolve(at("handlers.jar"), aws, Moto.ACCOUNT_ID);

    assertThat(artifact.sha256()).isEqualTo(sha("v1"));
    assertThat(calls.snapshot()).containsEntry("S3:HeadObject", 1L).doesNotContainKey("S3:GetObject");
  }

  /** In a versioned bucket Lambda is told the version whose SHA-256 was taken. */
  @Test
  void aVersionedObjectIsDeployedAtTheVersionLookedAt() {
    aws.s3().createBucket(b -> b.bucket(bucket));
    aws.s3().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
    String version = aws.s3().putObject(b -> b.bucket(bucket).key("handlers.jar"), RequestBody.fromString("v1"))
        .versionId();

    var source = (CodeSource.InS3) code.resolve(at("handlers.jar"), aws, Moto.ACCOUNT_ID).source();

    assertThat(source.object().versionId()).isNotNull().isEqualTo(version);
    assertThat(source.sha256()).isEqualTo(sha("v1"));
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

      assertThat(attackers.sha256()).isEqualTo(sha("swapped"));
      assertThat(victims.sha256()).as("the pipeline's own code").isEqualTo(sha("genuine"));
      assertThat(attackersAgain.sha256()).as("never another target's digest").isEqualTo(sha("swapped"));
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
  void theDigestCacheIsBoundedByCount() {
    FunctionCode small = new FunctionCode(1);
    aws.s3().createBucket(b -> b.bucket(bucket));
    put("a.jar", "aaaaaa");
    put("b.jar", "bbbbbb");

    small.resolve(at("a.jar"), aws, Moto.ACCOUNT_ID);
    small.resolve(at("b.jar"), aws, Moto.ACCOUNT_ID); // one entry: a.jar goes
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

  /**
   * S3 answers a request sent to another region than the bucket's with 301 PermanentRedirect; Lambda reads code only
   * from its function's region ("FunctionCode", https://docs.aws.amazon.com/lambda/latest/api/API_FunctionCode.html).
   * A stand-in endpoint answers 301, because the emulator serves every bucket from every region.
   */
  @Test
  void anObjectInAnotherRegionIsRefusedNamingTheRegionRule() throws Exception {
    var server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        exchange.getResponseHeaders().add("x-amz-bucket-region", "eu-west-1");
        exchange.sendResponseHeaders(301, -1);
      }
    });
    server.start();
    try (AwsClients via = new AwsClients(Moto.target(java.net.URI.create("http://127.0.0.1:"
        + server.getAddress().getPort())), HTTP, calls)) {
      assertThatThrownBy(() -> code.resolve(at("handlers.jar"), via, Moto.ACCOUNT_ID))
          .isInstanceOf(dev.finpipe.operator.support.TerminalException.class)
          .hasMessageContaining("is not in the pipeline's region " + Moto.region());
    } finally {
      server.stop(0);
    }
  }

  private static String sha(String content) {
    return DesiredFunction.sha256Base64(bytes(content));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
