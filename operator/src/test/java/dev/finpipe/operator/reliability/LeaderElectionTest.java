package dev.finpipe.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.OperatorRuntime;
import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two operator replicas with leader election: only the Lease holder reconciles and calls AWS; after the
 * leader is killed with SIGKILL the other takes the Lease within its duration and provisions a new pipeline.
 */
class LeaderElectionTest {
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("leader");
  private OperatorProcess first;
  private OperatorProcess second;

  @AfterEach
  void stop() throws InterruptedException {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
  }

  @Test
  void onlyTheLeaderReconcilesAndTheOtherTakesOverAfterAKill() throws Exception {
    String[] election = {"--leader-election", "--leader-election-namespace=" + cluster.namespace()};
    first = OperatorProcess.start(cluster.namespace(), "replica-a", election);
    second = OperatorProcess.start(cluster.namespace(), "replica-b", election);
    Map<String, OperatorProcess> replicas = Map.of("replica-a", first, "replica-b", second);
    Map<String, Integer> ports = Map.of("replica-a", first.port(Duration.ofSeconds(60)),
        "replica-b", second.port(Duration.ofSeconds(60)));

    String leader = await().atMost(Duration.ofSeconds(60)).until(LeaderElectionTest::holder, h -> h != null);
    String follower = leader.equals("replica-a") ? "replica-b" : "replica-a";
    Pipelines.create(cluster.namespace(), "before", spec -> spec.deletionPolicy = DeletionPolicy.Delete);
    Pipelines.awaitReady(cluster.namespace(), "before");
    assertThat(replicas.get(leader).awsCalls(ports.get(leader))).as("AWS calls of the leader").isPositive();
    assertThat(replicas.get(follower).awsCalls(ports.get(follower))).as("AWS calls of the follower").isZero();

    long killed = System.nanoTime();
    replicas.get(leader).kill();
    Pipelines.create(cluster.namespace(), "after", spec -> spec.deletionPolicy = DeletionPolicy.Delete);
    await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250))
        .until(LeaderElectionTest::holder, follower::equals);
    double takeover = (System.nanoTime() - killed) / 1e9;
    Pipelines.awaitReady(cluster.namespace(), "after");
    double afterReady = (System.nanoTime() - killed) / 1e9;
    System.out.printf("LEADER: %s killed; %s holds the Lease after %.1f s; new pipeline Ready %.1f s after the kill%n",
        leader, follower, takeover, afterReady);
    assertThat(takeover).as("takeover seconds (lease duration 15 s + one retry period)").isLessThan(20);
    assertThat(replicas.get(follower).awsCalls(ports.get(follower))).isPositive();

    Pipelines.resource(cluster.namespace(), "before").delete();
    Pipelines.resource(cluster.namespace(), "after").delete();
    Pipelines.awaitGone(cluster.namespace(), "before");
    Pipelines.awaitGone(cluster.namespace(), "after");
  }

  private static String holder() {
    Lease lease = TestGround.kubernetes().leases().inNamespace(cluster.namespace())
        .withName(OperatorRuntime.LEASE_NAME).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }
}
