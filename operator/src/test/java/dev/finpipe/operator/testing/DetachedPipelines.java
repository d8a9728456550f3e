package dev.finpipe.operator.testing;

import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.UUID;

/** Pipelines that exist only in the test, for converging them directly (no API server, no reconciler). */
public final class DetachedPipelines {
  private DetachedPipelines() {
  }

  /** A default pipeline {@code ledger} in {@code namespace}, in the emulator's region, deleted with its data. */
  public static FinancialPipeline ledger(String namespace) {
    FinancialPipeline fp = new FinancialPipeline();
    fp.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName("ledger")
        .withUid(UUID.randomUUID().toString()).withGeneration(1L).build());
    fp.setSpec(new FinancialPipelineSpec());
    fp.getSpec().region = Moto.region();
    fp.getSpec().deletionPolicy = DeletionPolicy.Delete;
    return fp;
  }

  /** {@link #ledger} in a namespace of its own, named {@code prefix-<random>}. */
  public static FinancialPipeline inNewNamespace(String prefix) {
    return ledger(prefix + "-" + UUID.randomUUID().toString().substring(0, 6));
  }
}
