package dev.finpipe.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.TestGround;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real API server rejects bad FinancialPipelines with the CRD's schema and CEL rules (HTTP 422). */
class CrdAdmissionTest {
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("admission");

  private static String pipeline(String name, String spec) {
    return """
        apiVersion: finpipe.dev/v1alpha1
        kind: FinancialPipeline
        metadata:
          name: %s
          namespace: %s
        spec: %s
        """.formatted(name, cluster.namespace(), spec);
  }

  private static KubernetesClientException rejected(String yaml) {
    try {
      TestGround.kubernetes().resource(yaml).create();
    } catch (KubernetesClientException e) {
      return e;
    }
    throw new AssertionError("the API server accepted:\n" + yaml);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown region format          | {region: mars}                                     | spec.region in body should match
      missing region                 | {environment: dev}                                 | spec.region: Required value
      negative expiration            | {region: us-east-1, bucket: {processedExpirationDays: -1}} | should be greater than or equal to 1
      environment with capitals      | {region: us-east-1, environment: Prod}             | spec.environment in body should match
      bucket name with underscore    | {region: us-east-1, bucket: {name: my_bucket}}     | spec.bucket.name in body should match
      memory below Lambda minimum    | {region: us-east-1, functions: {memoryMb: 64}}     | should be greater than or equal to 128
      timeout above Lambda maximum   | {region: us-east-1, functions: {processor: {timeoutSeconds: 901}}} | should be less than or equal to 900
      API function timeout above 29 s | {region: us-east-1, functions: {timeoutSeconds: 30}} | spec.functions.timeoutSeconds in body should be less than or equal to 29
      log retention not allowed      | {region: us-east-1, functions: {logRetentionDays: 2}} | logRetentionDays must be a value CloudWatch Logs accepts
      alarm period not a minute      | {region: us-east-1, alarms: {periodSeconds: 90}}   | alarms.periodSeconds must be a multiple of 60
      alarm period of 30 s           | {region: us-east-1, alarms: {periodSeconds: 30}}   | should be greater than or equal to 60
      alarm period of 10 s           | {region: us-east-1, alarms: {periodSeconds: 10}}   | should be greater than or equal to 60
      alarm range over a day         | {region: us-east-1, alarms: {periodSeconds: 900, evaluationPeriods: 97}} | must not exceed 86400 (one day) when the period is under an hour
      alarm range over seven days    | {region: us-east-1, alarms: {periodSeconds: 86400, evaluationPeriods: 8}} | must not exceed 604800 (seven days)
      datapoints above periods       | {region: us-east-1, alarms: {evaluationPeriods: 2, datapointsToAlarm: 3}} | must not exceed alarms.evaluationPeriods
      endpoint not http              | {region: us-east-1, aws: {endpoint: 'ftp://x'}}    | spec.aws.endpoint in body should match
      kms alias instead of key       | {region: us-east-1, bucket: {kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:alias/x'}} | spec.bucket.kmsKeyArn in body should match
      unknown deletion policy        | {region: us-east-1, deletionPolicy: Destroy}       | Unsupported value: "Destroy"
      unknown authorization          | {region: us-east-1, api: {authorization: OPEN}}    | Unsupported value: "OPEN"
      unknown change policy          | {region: us-east-1, changePolicy: Sometimes}       | Unsupported value: "Sometimes"
      """)
  void rejectsInvalidSpec(String title, String spec, String expectedMessage) {
    KubernetesClientException e = rejected(pipeline("bad-" + Integer.toHexString(title.hashCode()), spec));
    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getMessage()).contains(expectedMessage);
  }

  /** The alarm bounds' edges are admitted: a 60 s period, one day of sub-hour periods, seven days of longer ones. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      one-minute period              | {periodSeconds: 60, evaluationPeriods: 100}
      one day of 15-minute periods   | {periodSeconds: 900, evaluationPeriods: 96}
      59 minutes, one day            | {periodSeconds: 3540, evaluationPeriods: 24}
      one hour, 100 periods          | {periodSeconds: 3600, evaluationPeriods: 100}
      seven days of one-day periods  | {periodSeconds: 86400, evaluationPeriods: 7}
      """)
  void admitsAlarmSettingsAtTheBounds(String title, String alarms) {
    String name = "alarms-" + Integer.toHexString(title.hashCode());
    TestGround.kubernetes().resource(pipeline(name, "{region: us-east-1, alarms: " + alarms + "}")).create();
    assertThat(TestGround.kubernetes().resources(FinancialPipeline.class).inNamespace(cluster.namespace())
        .withName(name).get()).isNotNull();
  }

  /** AWS's tag rules and the operator's reserved prefix, at admission (ResourceTags states the sources). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      operator's prefix          | {'finpipe.dev/x': a}     | spec.tags keys starting with finpipe.dev/ are reserved
      AWS prefix                 | {'aws:x': a}             | spec.tags keys starting with aws: (in any case) are reserved by AWS
      AWS prefix in capitals     | {'AwS:cost': a}          | spec.tags keys starting with aws: (in any case) are reserved by AWS
      key of 129 characters      | {K129: a}                | spec.tags keys have 1 to 128 characters
      empty key                  | {'': a}                  | spec.tags keys have 1 to 128 characters
      key with a comma           | {'a,b': a}               | spec.tags keys may contain only letters
      value of 257 characters    | {team: V257}             | spec.tags.team: Too long: may not be more than 256
      value with a semicolon     | {team: 'a;b'}            | spec.tags values may contain only letters
      46 tags                    | T46                      | spec.tags: Too many: 46: must have at most 45 items
      """)
  void rejectsTagsAwsOrTheOperatorRefuses(String title, String tags, String expectedMessage) {
    String yamlTags = tags.replace("K129", "k".repeat(129)).replace("V257", "v".repeat(257))
        .replace("T46", numberedTags(46));
    KubernetesClientException e = rejected(pipeline("tags-" + Integer.toHexString(title.hashCode()),
        "{region: us-east-1, tags: " + yamlTags + "}"));
    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getMessage()).contains(expectedMessage);
  }

  /**
   * The edges AWS allows: 128-character keys, 256-character values (counted in characters: 256 two-byte ones
   * pass, though the API server's message for a longer one says bytes), empty values, Unicode letters, 45 tags.
   */
  @Test
  void admitsTagsAtAwsLimits() {
    String tags = "{'" + "k".repeat(128) + "': '" + "é".repeat(256) + "', 'Équipe Données': 'finance élevée', "
        + "'cost-center/_.:=+@': '', 'x': 'aws:value'}";
    TestGround.kubernetes().resource(pipeline("tags-edges", "{region: us-east-1, tags: " + tags + "}")).create();
    TestGround.kubernetes().resource(pipeline("tags-45", "{region: us-east-1, tags: " + numberedTags(45) + "}"))
        .create();
    var pipelines = TestGround.kubernetes().resources(FinancialPipeline.class).inNamespace(cluster.namespace());

    assertThat(pipelines.withName("tags-edges").get().getSpec().tags).containsEntry("Équipe Données",
        "finance élevée").containsEntry("cost-center/_.:=+@", "").hasSize(4);
    assertThat(pipelines.withName("tags-45").get().getSpec().tags).hasSize(45);
  }

  private static String numberedTags(int count) {
    return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> "t" + i + ": v")
        .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
  }

  @Test
  void anApiFunctionTimeoutOfApiGatewaysOwn29SecondsIsAdmittedAndTheDefaultIsBelow() {
    TestGround.kubernetes().resource(pipeline("api-timeout-29", "{region: us-east-1, functions: {timeoutSeconds: 29}}"))
        .create();
    TestGround.kubernetes().resource(pipeline("api-timeout-default", "{region: us-east-1, functions: {memoryMb: 512}}"))
        .create();
    var pipelines = TestGround.kubernetes().resources(FinancialPipeline.class).inNamespace(cluster.namespace());

    assertThat(pipelines.withName("api-timeout-29").get().getSpec().functions.timeoutSeconds).isEqualTo(29);
    assertThat(pipelines.withName("api-timeout-default").get().getSpec().functions.timeoutSeconds)
        .isLessThanOrEqualTo(FunctionsSpec.API_INTEGRATION_TIMEOUT_SECONDS);
  }

  @Test
  void regionIsImmutable() {
    TestGround.kubernetes().resource(pipeline("immutable-region", "{region: us-east-1}")).create();
    FinancialPipeline fp = TestGround.kubernetes().resources(FinancialPipeline.class).inNamespace(cluster.namespace())
        .withName("immutable-region").get();
    fp.getSpec().region = "eu-west-1";
    assertThatThrownBy(() -> TestGround.kubernetes().resource(fp).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getMessage()).contains("spec.region is immutable");
        });
  }

  @Test
  void bucketNameIsImmutable() {
    TestGround.kubernetes().resource(pipeline("immutable-bucket", "{region: us-east-1, bucket: {name: first-bucket}}"))
        .create();
    FinancialPipeline fp = TestGround.kubernetes().resources(FinancialPipeline.class).inNamespace(cluster.namespace())
        .withName("immutable-bucket").get();
    fp.getSpec().bucket.name = "second-bucket";
    assertThatThrownBy(() -> TestGround.kubernetes().resource(fp).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getMessage()).contains("spec.bucket.name is immutable");
        });
  }

  @Test
  void unknownFieldsArePrunedNotStored() {
    TestGround.kubernetes().resource(pipeline("pruned", "{region: us-east-1, surprise: 1}")).create();
    var stored = TestGround.kubernetes().genericKubernetesResources("finpipe.dev/v1alpha1", "FinancialPipeline")
        .inNamespace(cluster.namespace()).withName("pruned").get();
    @SuppressWarnings("unchecked")
    var spec = (java.util.Map<String, Object>) stored.getAdditionalProperties().get("spec");
    assertThat(spec).doesNotContainKey("surprise").containsEntry("region", "us-east-1")
        .containsEntry("deletionPolicy", "Retain").containsEntry("changePolicy", "Automatic");
  }

  private static final io.fabric8.kubernetes.client.dsl.base.PatchContext APPLY =
      new io.fabric8.kubernetes.client.dsl.base.PatchContext.Builder()
          .withPatchType(io.fabric8.kubernetes.client.dsl.base.PatchType.SERVER_SIDE_APPLY)
          .withFieldManager("conditions-test").withForce(true).build();

  private static String yamlToJson(String yaml) {
    var serialization = TestGround.kubernetes().getKubernetesSerialization();
    return serialization.asJson(serialization.unmarshal(yaml, java.util.Map.class));
  }

  /** status.conditions is a map list keyed by type: one condition per type, with the metav1.Condition fields. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      status not an enum value  | [{type: Ready, status: 'Yes', reason: A, lastTransitionTime: '2026-01-01T00:00:00Z'}] | Unsupported value: "Yes"
      no lastTransitionTime     | [{type: Ready, status: 'True', reason: A}] | lastTransitionTime: Required value
      no reason                 | [{type: Ready, status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z'}] | reason: Required value
      time not a date-time      | [{type: Ready, status: 'True', reason: A, lastTransitionTime: yesterday}] | lastTransitionTime in body must be of type date-time
      """)
  void serverSideApplyOfAStatusWithBadConditionsIsRejected(String title, String conditions, String expected) {
    String name = "conditions-" + Integer.toHexString(title.hashCode());
    TestGround.kubernetes().resource(pipeline(name, "{region: us-east-1}")).create();
    String status = """
        apiVersion: finpipe.dev/v1alpha1
        kind: FinancialPipeline
        metadata: {name: %s, namespace: %s}
        status: {conditions: %s}
        """.formatted(name, cluster.namespace(), conditions);
    var pipelines = TestGround.kubernetes().resources(FinancialPipeline.class).inNamespace(cluster.namespace());
    assertThatThrownBy(() -> pipelines.withName(name).subresource("status").patch(APPLY, yamlToJson(status)))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getMessage()).contains(expected);
        });
  }

  /**
   * Two conditions of one type: server-side apply cannot even build the typed patch of a map list with a
   * duplicate key (the API server answers 500 with this message); a plain update gets a 422.
   */
  @Test
  void aStatusWithTwoConditionsOfOneTypeIsRejected() {
    TestGround.kubernetes().resource(pipeline("conditions-dup", "{region: us-east-1}")).create();
    String conditions = "[{type: Ready, status: 'True', reason: A, lastTransitionTime: '2026-01-01T00:00:00Z'}, "
        + "{type: Ready, status: 'False', reason: B, lastTransitionTime: '2026-01-01T00:00:00Z'}]";
    String status = """
        apiVersion: finpipe.dev/v1alpha1
        kind: FinancialPipeline
        metadata: {name: conditions-dup, namespace: %s}
        status: {conditions: %s}
        """.formatted(cluster.namespace(), conditions);
    var pipelines = TestGround.kubernetes().resources(FinancialPipeline.class).inNamespace(cluster.namespace());
    assertThatThrownBy(() -> pipelines.withName("conditions-dup").subresource("status")
        .patch(APPLY, yamlToJson(status)))
        .isInstanceOfSatisfying(KubernetesClientException.class, e ->
            assertThat(e.getMessage()).contains(".status.conditions: duplicate entries for key [type=\"Ready\"]"));

    FinancialPipeline fp = pipelines.withName("conditions-dup").get();
    fp.setStatus(new FinancialPipelineStatus());
    fp.getStatus().conditions.add(PipelineCondition.of("Ready", "True", "A", "a"));
    fp.getStatus().conditions.add(PipelineCondition.of("Ready", "False", "B", "b"));
    fp.getStatus().conditions.forEach(c -> c.lastTransitionTime = "2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> pipelines.resource(fp).updateStatus())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getMessage()).contains("status.conditions[1]: Duplicate value");
        });
  }

  @Test
  void serverSideApplyOfAStatusWithOneConditionPerTypeIsAccepted() {
    TestGround.kubernetes().resource(pipeline("conditions-ok", "{region: us-east-1}")).create();
    String status = """
        {"apiVersion": "finpipe.dev/v1alpha1", "kind": "FinancialPipeline",
         "metadata": {"name": "conditions-ok", "namespace": "%s"},
         "status": {"conditions": [
           {"type": "Ready", "status": "Unknown", "reason": "Paused", "lastTransitionTime": "2026-01-01T00:00:00Z"},
           {"type": "Stalled", "status": "False", "reason": "NotStalled", "lastTransitionTime": "2026-01-01T00:00:00Z"}]}}
        """.formatted(cluster.namespace());
    var pipelines = TestGround.kubernetes().resources(FinancialPipeline.class).inNamespace(cluster.namespace());
    FinancialPipeline applied = pipelines.withName("conditions-ok").subresource("status").patch(APPLY, status);
    assertThat(applied.getStatus().conditions).extracting(c -> c.type).containsExactly("Ready", "Stalled");
  }
}
