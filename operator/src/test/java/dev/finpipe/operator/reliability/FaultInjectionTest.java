package dev.finpipe.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.testing.AwsInventory;
import dev.finpipe.operator.testing.InProcessOperator;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a fifth of the AWS calls failing (throttling, 5xx, dropped connections, answers lost after the emulator
 * acted) N pipelines still reach Ready, every AWS resource exists exactly once, and deletion leaves nothing.
 * Each pipeline points its {@code spec.aws.endpoint} at the {@link FaultProxy}.
 */
class FaultInjectionTest {
  private static final String UNPACED = "ApiGateway=1000,CloudWatch=1000,CloudWatchLogs=1000,Lambda=1000,Iam=1000,"
      + InProcessOperator.EMULATOR_RATE_LIMITS;
  // -Dfinpipe.faults.pipelines=N to try other sizes (docs/RELIABILITY.md).
  static final int PIPELINES = Integer.getInteger("finpipe.faults.pipelines", 20);
  static final double FAULT_SHARE = 0.20;
  private static final Duration ALL_READY = Duration.ofMinutes(Math.max(6, PIPELINES / 2));
  // A long resync: a Ready pipeline is not re-read (and re-exposed to faults) while the others converge.
  // Pipelines point spec.aws.endpoint at the proxy with the operator's own (emulator) credentials.
  // Fault tolerance is under test, not pacing: the client-side rate limits (which every injected fault's
  // retry also spends) are lifted so the figures show recovery, not the limiter.
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("faults")
      .withOperator("PT60S", "--allow-pipeline-endpoints", "--aws-rate-limits=" + UNPACED);
  private static FaultProxy proxy;
  private static AwsClients aws;

  @BeforeAll
  static void start() throws Exception {
    proxy = new FaultProxy(Moto.endpoint(), FAULT_SHARE, 20, 20240611L);
    aws = Moto.clients();
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void everyPipelineConvergesOnceUnderFaultsAndDeletionLeavesNothing() {
    long started = System.nanoTime();
    List<FinancialPipeline> created = new ArrayList<>();
    String namespace = cluster.namespace();
    IntStream.range(0, PIPELINES).forEach(i -> created.add(Pipelines.create(namespace, "ledger-" + i, spec -> {
      spec.deletionPolicy = DeletionPolicy.Delete;
      spec.aws = new dev.finpipe.operator.api.AwsAccess();
      spec.aws.endpoint = proxy.endpoint().toString();
    })));

    // Each pipeline counts from the first time it reports Ready: a later resync may meet a fault again.
    Map<String, Double> firstReady = new java.util.concurrent.ConcurrentHashMap<>();
    // A poll that times out on a busy API server is retried, not a failure.
    try {
      await().atMost(ALL_READY).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
        created.stream().map(fp -> fp.getMetadata().getName()).filter(n -> !firstReady.containsKey(n))
            .filter(n -> isReady(Pipelines.get(namespace, n)))
            .forEach(n -> firstReady.put(n, (System.nanoTime() - started) / 1e9));
        return firstReady.size() == PIPELINES;
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      created.stream().map(fp -> fp.getMetadata().getName()).filter(n -> !firstReady.containsKey(n))
          .forEach(n -> System.out.println("FAULTS: not Ready: " + n + " " + Pipelines.get(namespace, n)
              .getStatus().conditions.stream().map(c -> c.type + "=" + c.status + " " + c.reason + ": " + c.message)
              .toList()));
      throw e;
    }
    double readySeconds = firstReady.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    System.out.println("FAULTS: seconds to first Ready per pipeline " + new java.util.TreeMap<>(firstReady));
    Map<FaultProxy.Fault, Long> faults = proxy.counts();
    long logicalCalls = cluster.operator().runtime().awsCalls().snapshot().values().stream()
        .mapToLong(Long::longValue).sum();
    proxy.setFaultShare(0); // inspect and count without faults
    System.out.printf("FAULTS: %d pipelines Ready in %.1f s under %.0f%% faults; proxied requests by fault %s; "
        + "injected %d; logical AWS calls %d (the SDK retried about %d times)%n", PIPELINES, readySeconds,
        FAULT_SHARE * 100, faults, proxy.injected(), logicalCalls,
        faults.values().stream().mapToLong(Long::longValue).sum() - logicalCalls);
    assertThat(proxy.injected()).as("faults injected").isGreaterThan(PIPELINES * 10L);

    // Soft: every duplicate of every pipeline is reported, and deletion is still exercised.
    SoftAssertions soft = new SoftAssertions();
    List<Integer> inventorySizes = new ArrayList<>();
    for (FinancialPipeline fp : created) {
      FinancialPipeline ready = Pipelines.awaitReady(namespace, fp.getMetadata().getName());
      ExactlyOnce.check(soft, aws, ready);
      inventorySizes.add(AwsInventory.ownedBy(aws, fp.getMetadata().getUid()).size());
    }
    System.out.println("FAULTS: tagged resources per pipeline " + inventorySizes);
    soft.assertThat(inventorySizes).as("tagged resources per pipeline").containsOnly(inventorySizes.get(0));

    proxy.setFaultShare(FAULT_SHARE);
    created.forEach(fp -> Pipelines.resource(namespace, fp.getMetadata().getName()).delete());
    await().atMost(ALL_READY).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> created.stream().allMatch(fp -> Pipelines.get(namespace, fp.getMetadata().getName()) == null));
    System.out.printf("FAULTS: all %d deleted %.1f s after start; faults now %s%n", PIPELINES,
        (System.nanoTime() - started) / 1e9, proxy.counts());
    proxy.setFaultShare(0);
    for (FinancialPipeline fp : created) {
      soft.assertThat(AwsInventory.ownedBy(aws, fp.getMetadata().getUid())).as("left behind by " + fp.getMetadata()
          .getName()).isEmpty();
    }
    soft.check(() -> ExactlyOnce.assertNoRestApiNamed(aws, namespace));
    soft.assertAll();
  }

  static boolean isReady(FinancialPipeline fp) {
    return fp != null && fp.getStatus() != null
        && fp.getMetadata().getGeneration().equals(fp.getStatus().observedGeneration)
        && Pipelines.condition(fp, PipelineCondition.READY).map(PipelineCondition::isTrue).orElse(false);
  }
}
