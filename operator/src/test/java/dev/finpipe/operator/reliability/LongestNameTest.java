package dev.finpipe.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.ResourceStatus;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.reconciler.PipelineConverger;
import dev.finpipe.operator.testing.AwsInventory;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A FinancialPipeline with the longest name Kubernetes allows (253 chars, dots included) still gets valid AWS
 * names: it converges, every name fits its service's limit, its events are recorded, and deletion cleans up.
 */
class LongestNameTest {
  private static final String NAME = ("ledger." + "a".repeat(60) + ".").repeat(4).substring(0, 252) + "z";
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("longname").withOperator("PT30S");
  private static AwsClients aws;
  private static FinancialPipeline ready;

  @BeforeAll
  static void converge() {
    aws = Moto.clients();
    assertThat(NAME).hasSize(253);
    Pipelines.create(cluster.namespace(), NAME, spec -> spec.deletionPolicy = DeletionPolicy.Delete);
    ready = Pipelines.awaitReady(cluster.namespace(), NAME);
  }

  @Test
  void everyAwsNameFitsItsServiceLimit() {
    assertThat(ready.getStatus().resources).hasSize(PipelineConverger.COMPONENTS).allSatisfy(r -> {
      int max = switch (r.kind) {
        case "S3 bucket" -> 63;
        case "Lambda function", "IAM role" -> 64;
        case "SQS queue" -> 80;
        case "CloudWatch alarm" -> 255;
        default -> 512;
      };
      assertThat(r.name.length()).as(r.kind + " " + r.name).isLessThanOrEqualTo(max);
      if (r.kind.equals("Lambda function") || r.kind.equals("IAM role") || r.kind.equals("SQS queue")) {
        assertThat(r.name).as(r.kind).matches("[A-Za-z0-9_-]+");
      }
    });
  }

  @Test
  void eventsAreRecordedForTheLongestName() {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TestGround.kubernetes().v1().events()
        .inNamespace(cluster.namespace()).list().getItems()).as("events about the pipeline")
        .anySatisfy(e -> assertThat(e.getInvolvedObject().getName()).isEqualTo(NAME)));
  }

  @Test
  void deletionLeavesNothingBehind() {
    String uid = ready.getMetadata().getUid();
    String bucket = ready.getStatus().resources.stream().filter(r -> r.component.equals("bucket"))
        .map((ResourceStatus r) -> r.name).findFirst().orElseThrow();
    assertThat(AwsInventory.ownedBy(aws, uid)).contains("s3:" + bucket);
    Pipelines.resource(cluster.namespace(), NAME).delete();
    Pipelines.awaitGone(cluster.namespace(), NAME);
    assertThat(AwsInventory.ownedBy(aws, uid)).isEmpty();
  }
}
