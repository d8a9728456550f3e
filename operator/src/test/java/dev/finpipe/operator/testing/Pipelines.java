package dev.finpipe.operator.testing;

import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.api.PipelineCondition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/** Creating FinancialPipelines on the test ground and waiting for what the operator reports. */
public final class Pipelines {
  private Pipelines() {
  }

  public static FinancialPipeline create(String namespace, String name, Consumer<FinancialPipelineSpec> spec) {
    FinancialPipeline fp = new FinancialPipeline();
    fp.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    fp.setSpec(new FinancialPipelineSpec());
    fp.getSpec().region = Moto.region();
    spec.accept(fp.getSpec());
    return TestGround.kubernetes().resource(fp).create();
  }

  /**
   * A pipeline that exists only in memory, as converger-level tests use it: a fresh namespace starting with
   * {@code namespacePrefix}, name "ledger", a new uid, the test region, deletion policy Delete.
   */
  public static FinancialPipeline inMemory(String namespacePrefix) {
    FinancialPipeline fp = new FinancialPipeline();
    fp.setMetadata(new ObjectMetaBuilder().withNamespace(namespacePrefix + "-"
        + java.util.UUID.randomUUID().toString().substring(0, 6)).withName("ledger")
        .withUid(java.util.UUID.randomUUID().toString()).withGeneration(1L).build());
    fp.setSpec(new FinancialPipelineSpec());
    fp.getSpec().region = Moto.region();
    fp.getSpec().deletionPolicy = dev.finpipe.operator.api.DeletionPolicy.Delete;
    return fp;
  }

  public static Resource<FinancialPipeline> resource(String namespace, String name) {
    return TestGround.kubernetes().resources(FinancialPipeline.class).inNamespace(namespace).withName(name);
  }

  public static FinancialPipeline get(String namespace, String name) {
    return resource(namespace, name).get();
  }

  public static Optional<PipelineCondition> condition(FinancialPipeline fp, String type) {
    if (fp == null || fp.getStatus() == null) {
      return Optional.empty();
    }
    return fp.getStatus().conditions.stream().filter(c -> type.equals(c.type)).findFirst();
  }

  /** Waits until the pipeline's status for its current generation satisfies {@code check}. */
  public static FinancialPipeline awaitStatus(String namespace, String name, Predicate<FinancialPipeline> check) {
    try {
      return await().atMost(TestGround.timeout()).pollInterval(Duration.ofMillis(500))
          .until(() -> get(namespace, name), fp -> fp != null && fp.getStatus() != null
              && fp.getMetadata().getGeneration().equals(fp.getStatus().observedGeneration) && check.test(fp));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(namespace + "/" + name + " did not reach the expected status within "
          + TestGround.timeout() + "; it is: " + describe(get(namespace, name)), e);
    }
  }

  /** Phase, failing component and conditions: what a failed wait needs to say. */
  public static String describe(FinancialPipeline fp) {
    if (fp == null || fp.getStatus() == null) {
      return fp == null ? "gone" : "without status";
    }
    var status = fp.getStatus();
    return "phase " + status.phase + ", failing " + status.failingComponent + ", conditions "
        + status.conditions.stream().map(c -> c.type + "=" + c.status + " " + c.reason + ": " + c.message).toList();
  }

  public static FinancialPipeline awaitReady(String namespace, String name) {
    return awaitStatus(namespace, name,
        fp -> condition(fp, PipelineCondition.READY).map(PipelineCondition::isTrue).orElse(false));
  }

  public static void awaitGone(String namespace, String name) {
    await().atMost(TestGround.timeout()).pollInterval(Duration.ofMillis(500)).until(() -> get(namespace, name) == null);
  }
}
