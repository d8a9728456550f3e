package dev.finpipe.operator.reconciler;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * spec.tags and the operator's default tags on every AWS resource of a pipeline, on the real API server and the
 * emulator: they land on all 22 resources, a tag removed or changed out of band comes back, a tag others add is
 * kept, a key removed from spec.tags stays (the operator never removes a tag), and too many tags are refused.
 *
 * <p>The REST API's tags after its creation go through the behaviour layer: moto 5.2.5 answers TagResource,
 * UntagResource and GetTags on a REST API's ARN with 404, the layer answers as API Gateway (RestApiTagsTest).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TagsOnClusterTest {
  private static final String RESYNC = "PT2S";
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("tags")
      .withOperator(RESYNC, "--default-tags=cost-center=fin42,team=platform");
  /** One bucket and API; per function a queue, a log group, an alarm, a role and the function. */
  private static final int RESOURCES = 2 + 4 * 5;
  private static AwsClients aws;
  private static FinancialPipeline fp;

  @BeforeAll
  static void start() {
    aws = Moto.clients();
    Pipelines.create(cluster.namespace(), "tagged", spec -> spec.tags = Map.of("team", "payments",
        "app", "ledger", "Équipe", "données financières"));
    fp = Pipelines.awaitReady(cluster.namespace(), "tagged");
  }

  private static Map<String, Map<String, String>> tagsOfEveryResource() {
    return AwsInventory.tagsOfOwnedBy(aws, fp.getMetadata().getUid());
  }

  @Test
  @Order(1)
  void userAndDefaultTagsLandOnEveryResourceAndTheSpecWinsOverTheDefaults() {
    Map<String, Map<String, String>> resources = tagsOfEveryResource();

    assertThat(resources).hasSize(RESOURCES);
    assertThat(resources).allSatisfy((resource, tags) -> assertThat(tags).as(resource)
        .containsEntry("cost-center", "fin42").containsEntry("team", "payments").containsEntry("app", "ledger")
        .containsEntry("Équipe", "données financières")
        .containsEntry("finpipe.dev/managed-by", "financial-pipeline-operator"));
  }

  @Test
  @Order(2)
  void aTagRemovedOrChangedOnAwsComesBackOnEveryKind() {
    List<String> untagged = everyResourceStatus().stream().map(r -> untag(r.kind, r.name, r.arn, "cost-center"))
        .toList();
    assertThat(untagged).as("resources untagged").hasSize(RESOURCES);
    String queue = aws.sqs().getQueueUrl(q -> q.queueName(component("upload-queue").name)).queueUrl();
    aws.sqs().tagQueue(t -> t.queueUrl(queue).tags(Map.of("team", "someone-else")));
    long start = System.nanoTime();

    await().atMost(TestGround.timeout()).untilAsserted(() -> assertThat(tagsOfEveryResource())
        .hasSize(RESOURCES).allSatisfy((resource, tags) -> assertThat(tags).as(resource)
            .containsEntry("cost-center", "fin42").containsEntry("team", "payments")));
    System.out.printf("TAGS: cost-center removed from %d resources (%s) and team changed on a queue; all put "
        + "back %.1f s later (resync period %s)%n", untagged.size(), String.join(", ", untagged.stream()
        .distinct().toList()), (System.nanoTime() - start) / 1e9, RESYNC);
  }

  @Test
  @Order(4)
  void aKeyRemovedFromSpecStaysOnAwsBesideOthersTagsWhileANewKeyLands() {
    String bucket = component("bucket").name;
    String queue = aws.sqs().getQueueUrl(q -> q.queueName(component("status-queue").name)).queueUrl();
    Map<String, String> bucketTags = new LinkedHashMap<>(bucketTags(bucket));
    bucketTags.put("added-by", "finance");
    aws.s3().putBucketTagging(p -> p.bucket(bucket).tagging(t -> t.tagSet(bucketTags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
    aws.sqs().tagQueue(t -> t.queueUrl(queue).tags(Map.of("added-by", "finance")));

    Pipelines.resource(cluster.namespace(), "tagged").edit(p -> {
      p.getSpec().tags = new LinkedHashMap<>(p.getSpec().tags);
      p.getSpec().tags.remove("app");
      p.getSpec().tags.put("release", "2026-11");
      return p;
    });

    await().atMost(TestGround.timeout()).untilAsserted(() -> assertThat(tagsOfEveryResource())
        .hasSize(RESOURCES).allSatisfy((resource, tags) -> assertThat(tags).as(resource)
            .containsEntry("release", "2026-11")));
    Pipelines.awaitReady(cluster.namespace(), "tagged");
    assertThat(tagsOfEveryResource()).hasSize(RESOURCES).allSatisfy((resource, tags) -> assertThat(tags).as(resource)
        .containsEntry("app", "ledger"));
    assertThat(bucketTags(bucket)).containsEntry("added-by", "finance");
    assertThat(aws.sqs().listQueueTags(t -> t.queueUrl(queue)).tags()).containsEntry("added-by", "finance");
  }

  /** 44 spec tags and 2 default tags make 46, one more than fit beside the operator's 5 on a function. */
  @Test
  @Order(3)
  void specAndDefaultTagsBeyondWhatFitsAreRefusedBeforeAnyAwsCall() {
    Map<String, String> tags = IntStream.rangeClosed(1, 44).boxed()
        .collect(Collectors.toMap(i -> "t" + i, i -> "v"));
    Pipelines.create(cluster.namespace(), "overtagged", spec -> spec.tags = tags);

    FinancialPipeline refused = Pipelines.awaitStatus(cluster.namespace(), "overtagged",
        p -> Pipelines.condition(p, PipelineCondition.INVALID_SPEC).map(PipelineCondition::isTrue).orElse(false));

    assertThat(Pipelines.condition(refused, PipelineCondition.INVALID_SPEC).orElseThrow().message)
        .contains("make 46 tags; at most 45");
    assertThat(AwsInventory.ownedBy(aws, refused.getMetadata().getUid())).isEmpty();
  }

  private static List<dev.finpipe.operator.api.ResourceStatus> everyResourceStatus() {
    return fp.getStatus().resources.stream().filter(r -> r.arn != null && !r.component.endsWith("-permission")
        && !r.component.endsWith("-async-config") && !r.component.equals("bucket-notification")).toList();
  }

  private static dev.finpipe.operator.api.ResourceStatus component(String component) {
    return fp.getStatus().resources.stream().filter(r -> r.component.equals(component)).findFirst().orElseThrow();
  }

  /** The REST API's own ARN from the execution ARN status reports ({@code arn:aws:execute-api:<region>:<acct>:<id>}). */
  private static String restApiArn(String executionArn) {
    String[] parts = executionArn.split(":");
    return "arn:" + parts[1] + ":apigateway:" + parts[3] + "::/restapis/" + parts[5];
  }

  private static Map<String, String> bucketTags(String bucket) {
    return aws.s3().getBucketTagging(t -> t.bucket(bucket)).tagSet().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }

  /** Removes {@code key} from the resource with each service's own call; returns the kind. */
  private static String untag(String kind, String name, String arn, String key) {
    switch (kind) {
      case "S3 bucket" -> {
        Map<String, String> rest = new LinkedHashMap<>(bucketTags(name));
        rest.remove(key);
        aws.s3().putBucketTagging(p -> p.bucket(name).tagging(t -> t.tagSet(rest.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
      }
      case "SQS queue" -> aws.sqs().untagQueue(u -> u.queueUrl(aws.sqs().getQueueUrl(q -> q.queueName(name))
          .queueUrl()).tagKeys(key));
      case "IAM role" -> aws.iam().untagRole(u -> u.roleName(name).tagKeys(key));
      case "Lambda function" -> aws.lambda().untagResource(u -> u.resource(arn).tagKeys(key));
      case "CloudWatch alarm" -> aws.cloudWatch().untagResource(u -> u.resourceARN(arn).tagKeys(key));
      case "log group" -> aws.logs().untagResource(u -> u.resourceArn(arn).tagKeys(key));
      case "API Gateway REST API" -> aws.apiGateway().untagResource(u -> u.resourceArn(restApiArn(arn))
          .tagKeys(key));
      default -> throw new AssertionError("a kind this test does not untag: " + kind + " " + name);
    }
    return kind;
  }
}
