package dev.finpipe.operator.reconciler;

import java.util.List;
import java.util.Optional;

/**
 * Orders the pipeline's components by their real dependencies and converges them; deletes them in reverse.
 */
public final class PipelineConverger {

  public List<ComponentResult> converge(PipelineContext ctx) {
    return List.of(BucketComponent.converge(ctx, Optional.empty()));
  }

  public List<ComponentResult> delete(PipelineContext ctx) {
    return List.of(BucketComponent.delete(ctx));
  }
}
