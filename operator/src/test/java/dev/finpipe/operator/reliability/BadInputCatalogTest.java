package dev.finpipe.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.testing.AwsInventory;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad FinancialPipeline of {@link BadInputCatalog} is either refused by the real API server with the
 * expected message, or admitted and marked InvalidSpec by the operator with no AWS write and nothing owned in
 * AWS; such a pipeline can still be deleted (no finalizer left stuck).
 */
class BadInputCatalogTest {
  private static final Duration OPERATOR_VERDICT = Duration.ofSeconds(20);
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("badinput-operator").withOperator("PT2S");
  private static String unwatched;
  private static String watched;
  private static AwsClients aws;

  @BeforeAll
  static void start() {
    unwatched = cluster.newNamespace("badinput-admission");
    watched = cluster.namespace();
    aws = Moto.clients();
  }

  static Stream<BadInput> rejectedAtAdmission() {
    return BadInputCatalog.rejectedAtAdmission().stream();
  }

  static Stream<BadInput> refusedByOperator() {
    return BadInputCatalog.refusedByOperator().stream();
  }

  @Test
  void catalogHoldsAtLeastTwentyFiveCases() {
    assertThat(BadInputCatalog.rejectedAtAdmission().size() + BadInputCatalog.refusedByOperator().size())
        .isGreaterThanOrEqualTo(25);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedAtAdmission")
  void apiServerRefuses(BadInput bad) {
    KubernetesClientException e = refusal(() -> TestGround.kubernetes().resource(bad.yaml(unwatched)).create());
    assertThat(e.getCode()).isEqualTo(bad.code());
    assertThat(e.getMessage()).contains(bad.message());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedByOperator")
  void operatorMarksInvalidSpecWithoutAnyAwsWrite(BadInput bad) {
    var created = TestGround.kubernetes().resource(bad.yaml(watched)).create();
    String name = created.getMetadata().getName();

    FinancialPipeline judged = await().atMost(OPERATOR_VERDICT).pollInterval(Duration.ofMillis(300))
        .until(() -> Pipelines.get(watched, name), fp -> Pipelines.condition(fp, PipelineCondition.INVALID_SPEC)
            .map(PipelineCondition::isTrue).orElse(false));

    assertThat(Pipelines.condition(judged, PipelineCondition.INVALID_SPEC).orElseThrow().message)
        .contains(bad.message());
    assertThat(Pipelines.condition(judged, PipelineCondition.READY).orElseThrow().isTrue()).isFalse();
    assertThat(cluster.operator().runtime().awsCalls().mutating()).as("AWS writes so far").isEmpty();
    assertThat(AwsInventory.ownedBy(aws, created.getMetadata().getUid())).isEmpty();

    Pipelines.resource(watched, name).delete();
    await().atMost(OPERATOR_VERDICT).until(() -> Pipelines.get(watched, name) == null);
    assertThat(cluster.operator().runtime().awsCalls().mutating()).as("AWS writes after deletion").isEmpty();
  }

  @Test
  void changingTheEnvironmentIsRefused() {
    FinancialPipeline fp = createPaused("immutable-env", "{region: us-east-1, environment: dev, paused: true}");
    fp.getSpec().environment = "prod";
    KubernetesClientException e = refusal(() -> TestGround.kubernetes().resource(fp).update());
    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getMessage()).contains("spec.environment is immutable");
  }

  @Test
  void namingTheBucketAfterCreationIsRefused() {
    FinancialPipeline fp = createPaused("late-bucket-name", "{region: us-east-1, paused: true}");
    fp.getSpec().bucket = new dev.finpipe.operator.api.BucketSpec();
    fp.getSpec().bucket.name = "a-name-chosen-later";
    KubernetesClientException e = refusal(() -> TestGround.kubernetes().resource(fp).update());
    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getMessage()).contains("spec.bucket.name is immutable");
  }

  @Test
  void removingTheRegionIsRefused() {
    createPaused("no-region-later", "{region: us-east-1, paused: true}");
    KubernetesClientException e = refusal(() -> TestGround.kubernetes().resources(FinancialPipeline.class)
        .inNamespace(unwatched).withName("no-region-later")
        .edit(fp -> {
          fp.getSpec().region = null;
          return fp;
        }));
    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getMessage()).contains("spec.region: Required value");
  }

  @Test
  void megabyteOfUnknownFieldsIsPrunedNotStored() {
    String yaml = new BadInput("pruned", "pruned-megabyte", "{region: us-east-1, bucket: {notes: '"
        + "x".repeat(1 << 20) + "'}, notes: '" + "y".repeat(1 << 19) + "'}", BadInput.Outcome.REJECTED, 0, "")
        .yaml(unwatched);
    TestGround.kubernetes().resource(yaml).create();
    var stored = TestGround.kubernetes().genericKubernetesResources("finpipe.dev/v1alpha1", "FinancialPipeline")
        .inNamespace(unwatched).withName("pruned-megabyte").get();
    @SuppressWarnings("unchecked")
    var spec = (Map<String, Object>) stored.getAdditionalProperties().get("spec");
    assertThat(spec).doesNotContainKey("notes");
    // only the schema's fields, with their defaults, are stored
    assertThat(spec.get("bucket")).isEqualTo(Map.of("processedExpirationDays", 30, "adopt", false));
  }

  @Test
  void twoMegabyteSecretKeyNameIsRefusedByTheSchema() {
    // Secret key names are bounded like Kubernetes' own (253): refused with 422 before reaching storage, whose
    // 2 MiB limit would answer 500. Built as an object: YAML parsing is slower.
    var huge = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
        .withApiVersion("finpipe.dev/v1alpha1").withKind("FinancialPipeline")
        .withNewMetadata().withName("two-megabytes").withNamespace(unwatched).endMetadata()
        .addToAdditionalProperties("spec", Map.of("region", "us-east-1", "aws", Map.of("credentialsSecretRef",
            Map.of("name", "creds", "accessKeyIdKey", "k".repeat(2 << 20))))).build();
    KubernetesClientException e = refusal(() -> TestGround.kubernetes().resource(huge).create());
    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getMessage()).contains("spec.aws.credentialsSecretRef.accessKeyIdKey: Too long");
  }

  private static FinancialPipeline createPaused(String name, String spec) {
    TestGround.kubernetes().resource(new BadInput(name, name, spec, BadInput.Outcome.REJECTED, 0, "")
        .yaml(unwatched)).create();
    return Pipelines.get(unwatched, name);
  }

  private static KubernetesClientException refusal(Runnable write) {
    try {
      write.run();
    } catch (KubernetesClientException e) {
      return e;
    }
    throw new AssertionError("the API server accepted the write");
  }
}
