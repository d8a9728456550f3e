package dev.finpipe.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.testing.AwsInventory;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator is killed with SIGKILL at random moments while pipelines are created and deleted, then
 * restarted. In the end every pipeline converges with each AWS resource exactly once, and deletion completes
 * with no finalizer left and nothing left in AWS.
 */
class CrashRecoveryTest {
  static final int KILLS = Integer.getInteger("finpipe.crash.kills", 10);
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("crash");
  private static AwsClients aws;
  private OperatorProcess running;

  @BeforeAll
  static void prepare() {
    aws = Moto.clients();
  }

  @AfterEach
  void stopOperator() throws InterruptedException {
    if (running != null) {
      running.close();
    }
  }

  @Test
  void killedOperatorConvergesExactlyOnceAndDeletesEverything() throws Exception {
    Random random = new Random(7L);
    List<FinancialPipeline> everCreated = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      everCreated.add(create("ledger-" + i));
    }
    long started = System.nanoTime();
    for (int kill = 1; kill <= KILLS; kill++) {
      running = OperatorProcess.start(cluster.namespace(), "crash-" + kill);
      running.port(Duration.ofSeconds(60));
      if (kill == 4) {
        everCreated.add(create("ledger-late-a")); // provisioning starts while the operator keeps dying
      }
      if (kill == 6) {
        Pipelines.resource(cluster.namespace(), "ledger-0").delete(); // deletion interrupted by the next kills
        everCreated.add(create("ledger-late-b"));
      }
      Thread.sleep(1_000 + random.nextInt(5_000));
      running.kill();
      System.out.printf("CRASH: kill %d at %.1f s%n", kill, (System.nanoTime() - started) / 1e9);
    }

    running = OperatorProcess.start(cluster.namespace(), "crash-final");
    running.port(Duration.ofSeconds(60));
    Pipelines.awaitGone(cluster.namespace(), "ledger-0");
    List<String> remaining = everCreated.stream().map(fp -> fp.getMetadata().getName())
        .filter(n -> !n.equals("ledger-0")).toList();
    for (String name : remaining) {
      ExactlyOnce.assertSingleInstances(aws, Pipelines.awaitReady(cluster.namespace(), name));
    }
    System.out.printf("CRASH: %d kills; all %d pipelines Ready %.1f s after the first start%n", KILLS,
        remaining.size(), (System.nanoTime() - started) / 1e9);

    remaining.forEach(name -> Pipelines.resource(cluster.namespace(), name).delete());
    await().atMost(TestGround.timeout()).pollInterval(Duration.ofSeconds(1))
        .until(() -> remaining.stream().allMatch(name -> Pipelines.get(cluster.namespace(), name) == null));
    for (FinancialPipeline fp : everCreated) {
      assertThat(AwsInventory.ownedBy(aws, fp.getMetadata().getUid())).as(fp.getMetadata().getName()).isEmpty();
    }
    ExactlyOnce.assertNoRestApiNamed(aws, cluster.namespace());
    assertThat(running.log()).doesNotContain("OutOfMemoryError");
  }

  private static FinancialPipeline create(String name) {
    return Pipelines.create(cluster.namespace(), name, spec -> spec.deletionPolicy = DeletionPolicy.Delete);
  }
}
