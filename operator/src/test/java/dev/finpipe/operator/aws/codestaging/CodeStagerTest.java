package dev.finpipe.operator.aws.codestaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.ClassifiedException;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.support.TerminalException;
import dev.finpipe.operator.testing.BytesCode;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.RecordingProxy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Staging function code in the operator's bucket, against the emulator's S3. */
class CodeStagerTest {
  private static final SdkHttpClient HTTP = ApacheHttpClient.builder().build();
  private final AwsCallRecorder calls = new AwsCallRecorder(new SimpleMeterRegistry());
  private final AwsClients aws = Moto.clients(calls);
  /** A bucket of its own per test: the emulator is shared. */
  private final String template = "fp-staging-test-" + UUID.randomUUID().toString().substring(0, 8)
      + "-{account}-{region}";
  private final CodeStager stager = new CodeStager(template);
  private final BytesCode code = new BytesCode(("jar " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));

  @Test
  void codeIsUploadedOncePerContentAndFoundThereAfterwards() {
    CodeObject first = stager.stage(aws, Moto.ACCOUNT_ID, code);
    CodeObject second = stager.stage(aws, Moto.ACCOUNT_ID, code);

    assertThat(first).isEqualTo(second);
    assertThat(first.bucket()).isEqualTo(StagingBucketName.of(template, Moto.ACCOUNT_ID, Moto.region()));
    assertThat(first.key()).isEqualTo(CodeStager.key(code.sha256Base64()));
    assertThat(aws.s3().getObjectAsBytes(b -> b.bucket(first.bucket()).key(first.key())).asByteArray())
        .isEqualTo(code.bytes());
    assertThat(calls.snapshot()).containsEntry("S3:PutObject", 1L).containsEntry("S3:HeadObject", 2L)
        .containsEntry("S3:HeadBucket", 1L);
  }

  @Test
  void otherContentIsAnotherObject() {
    CodeObject first = stager.stage(aws, Moto.ACCOUNT_ID, code);
    CodeObject other = stager.stage(aws, Moto.ACCOUNT_ID, new BytesCode("other".getBytes(StandardCharsets.UTF_8)));

    assertThat(other.bucket()).isEqualTo(first.bucket());
    assertThat(other.key()).isNotEqualTo(first.key());
    assertThat(calls.snapshot()).containsEntry("S3:PutObject", 2L);
  }

  /** Many pipelines' passes creating functions at once: one upload, the others wait for it. */
  @Test
  void concurrentStagingOfTheSameCodeUploadsItOnce() {
    SlowCode slow = new SlowCode(code);

    List<CodeObject> staged = IntStream.range(0, 8).parallel().mapToObj(i -> stager.stage(aws, Moto.ACCOUNT_ID, slow))
        .toList();

    assertThat(staged).containsOnly(staged.get(0));
    assertThat(calls.snapshot()).containsEntry("S3:PutObject", 1L);
    assertThat(slow.opened).hasSize(1);
  }

  /** An object expired by the lifecycle rule (or deleted) is staged again. */
  @Test
  void aMissingObjectIsStagedAgain() {
    CodeObject first = stager.stage(aws, Moto.ACCOUNT_ID, code);
    aws.s3().deleteObject(b -> b.bucket(first.bucket()).key(first.key()));

    stager.stage(aws, Moto.ACCOUNT_ID, code);

    assertThat(calls.snapshot()).containsEntry("S3:PutObject", 2L);
    assertThat(aws.s3().headObject(b -> b.bucket(first.bucket()).key(first.key())).contentLength())
        .isEqualTo(code.length());
  }

  @Test
  void theStagingBucketIsCreatedPrivateEncryptedAndExpiringStagedCode() {
    String bucket = stager.stage(aws, Moto.ACCOUNT_ID, code).bucket();

    var block = aws.s3().getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
    assertThat(List.of(block.blockPublicAcls(), block.ignorePublicAcls(), block.blockPublicPolicy(),
        block.restrictPublicBuckets())).containsOnly(true);
    assertThat(aws.s3().getBucketOwnershipControls(b -> b.bucket(bucket)).ownershipControls().rules().get(0)
        .objectOwnership()).isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    assertThat(aws.s3().getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0)
        .applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);
    var rule = aws.s3().getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules().get(0);
    assertThat(rule.status()).isEqualTo(ExpirationStatus.ENABLED);
    assertThat(rule.filter().prefix()).isEqualTo(CodeStager.PREFIX + "/");
    assertThat(rule.expiration().days()).isEqualTo(StagingBucket.EXPIRE_AFTER_DAYS);
  }

  /**
   * S3 checks the SHA-256 sent with the upload and keeps it ("Checking object integrity",
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).
   */
  @Test
  void theUploadCarriesTheContentsSha256ForS3ToCheck() {
    CodeObject staged = stager.stage(aws, Moto.ACCOUNT_ID, code);

    assertThat(aws.s3().headObject(b -> b.bucket(staged.bucket()).key(staged.key())
        .checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED)).checksumSHA256())
        .isEqualTo(code.sha256Base64());
  }

  @Test
  void everyStagingRequestButCreateBucketNamesTheAccountAsBucketOwner() {
    try (RecordingProxy proxy = new RecordingProxy(Moto.endpoint(), "x-amz-expected-bucket-owner");
         AwsClients via = new AwsClients(Moto.target(proxy.uri()), HTTP, calls)) {
      String bucket = stager.stage(via, Moto.ACCOUNT_ID, code).bucket();

      List<RecordingProxy.Seen> seen = proxy.seen();
      assertThat(seen).hasSizeGreaterThanOrEqualTo(6); // head, create, 3 configurations, head, put
      assertThat(seen).filteredOn(r -> !(r.method().equals("PUT") && r.pathAndQuery().matches("/" + bucket + "/?")))
          .allSatisfy(r -> assertThat(r.headerValue()).as(r.method() + " " + r.pathAndQuery())
              .isEqualTo(Moto.ACCOUNT_ID));
    }
  }

  /**
   * A name taken in another account: S3 answers 403 to a request naming the expected owner when another account
   * owns the bucket ("Verifying bucket ownership with bucket owner condition",
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html). A fake endpoint, because
   * the emulator does not enforce the condition.
   */
  @Test
  void aBucketOwnedByAnotherAccountIsRefusedAndNothingUploaded() throws IOException {
    try (FakeS3 s3 = new FakeS3(403, 403, "");
         AwsClients via = new AwsClients(Moto.target(s3.uri()), HTTP, calls)) {
      assertThatThrownBy(() -> stager.stage(via, Moto.ACCOUNT_ID, code))
          .isInstanceOfSatisfying(RetryableException.class,
              e -> assertThat(e.reason()).isEqualTo("StagingBucketNotOwned"))
          .hasMessageContaining("another account owns it");
      assertThat(s3.requests).allSatisfy(r -> assertThat(r).startsWith("HEAD"));
    }
  }

  /**
   * A name another account holds: HeadBucket finds nothing of ours and CreateBucket answers BucketAlreadyExists
   * ("CreateBucket", https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html). Fake, as above.
   */
  @Test
  void aNameTakenByAnotherAccountStopsStagingForGood() throws IOException {
    String taken = "<Error><Code>BucketAlreadyExists</Code><Message>The requested bucket name is not available"
        + "</Message></Error>";
    try (FakeS3 s3 = new FakeS3(404, 409, taken);
         AwsClients via = new AwsClients(Moto.target(s3.uri()), HTTP, calls)) {
      assertThatThrownBy(() -> stager.stage(via, Moto.ACCOUNT_ID, code))
          .isInstanceOfSatisfying(TerminalException.class,
              e -> assertThat(e.reason()).isEqualTo("StagingBucketTaken"));
      assertThat(s3.requests).noneMatch(r -> r.contains(CodeStager.PREFIX));
    }
  }

  @Test
  void aFailedStagingIsNotRemembered() throws IOException {
    try (FakeS3 s3 = new FakeS3(403, 403, "");
         AwsClients via = new AwsClients(Moto.target(s3.uri()), HTTP, calls)) {
      assertThatThrownBy(() -> stager.stage(via, Moto.ACCOUNT_ID, code)).isInstanceOf(ClassifiedException.class);
      assertThatThrownBy(() -> stager.stage(via, Moto.ACCOUNT_ID, code)).isInstanceOf(ClassifiedException.class);

      assertThat(s3.requests).filteredOn(r -> r.startsWith("HEAD")).hasSize(2);
    }
  }

  /** Content whose stream opens slowly, recording each opening. */
  private static final class SlowCode implements StageableCode {
    final List<Long> opened = new CopyOnWriteArrayList<>();
    private final BytesCode code;

    SlowCode(BytesCode code) {
      this.code = code;
    }

    @Override
    public String sha256Base64() {
      return code.sha256Base64();
    }

    @Override
    public long length() {
      return code.length();
    }

    @Override
    public InputStream open() {
      opened.add(System.nanoTime());
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return code.open();
    }
  }

  /** Answers HEAD with {@code headStatus} and anything else with {@code otherStatus} and {@code body}. */
  private static final class FakeS3 implements AutoCloseable {
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    FakeS3(int headStatus, int otherStatus, String body) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", exchange -> answer(exchange, headStatus, otherStatus, body));
      server.start();
    }

    private void answer(HttpExchange exchange, int headStatus, int otherStatus, String body) throws IOException {
      try (exchange) {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        exchange.getRequestBody().readAllBytes();
        if ("HEAD".equals(exchange.getRequestMethod())) {
          exchange.sendResponseHeaders(headStatus, -1);
          return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(otherStatus, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    }

    java.net.URI uri() {
      return java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
