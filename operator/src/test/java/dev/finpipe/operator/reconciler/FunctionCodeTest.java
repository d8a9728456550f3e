package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.api.CodeLocation;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.function.DesiredFunction;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.testing.Moto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** Where the functions' code comes from: the embedded jar, or {@code spec.functions.code} in S3 (moto). */
class FunctionCodeTest {
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
    FunctionCode.Artifact embedded = code.resolve(null, aws);

    assertThat(embedded.bytes().length).isGreaterThan(1 << 20);
    assertThat(embedded.sha256()).isEqualTo(DesiredFunction.sha256Base64(embedded.bytes()));
  }

  @Test
  void anS3ObjectIsFetchedOnceAndAgainOnlyWhenItChanges() {
    aws.s3().createBucket(b -> b.bucket(bucket));
    put("handlers.jar", "v1");

    FunctionCode.Artifact first = code.resolve(at("handlers.jar"), aws);
    FunctionCode.Artifact second = code.resolve(at("handlers.jar"), aws);
    put("handlers.jar", "v2");
    FunctionCode.Artifact changed = code.resolve(at("handlers.jar"), aws);

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

    var once = code.resolveOnce(at("handlers.jar"), aws);
    java.util.List<FunctionCode.Artifact> four = java.util.stream.IntStream.range(0, 4).parallel()
        .mapToObj(i -> once.get()).toList();

    assertThat(four).allSatisfy(a -> assertThat(a).isSameAs(four.get(0)));
    assertThat(calls.snapshot()).containsEntry("S3:HeadObject", 1L).containsEntry("S3:GetObject", 1L);
  }

  @Test
  void aMissingObjectIsARetryableErrorNamingTheLocation() {
    aws.s3().createBucket(b -> b.bucket(bucket));

    assertThatThrownBy(() -> code.resolve(at("nowhere.jar"), aws))
        .isInstanceOf(RetryableException.class)
        .hasMessage("spec.functions.code: s3://" + bucket + "/nowhere.jar does not exist");
  }
}
