package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.FinancialPipelineStatus;

/** Some component is still pending: carries the status to write while JOSDK backs off and retries. */
public final class PipelineNotReadyException extends RuntimeException {
  private final transient FinancialPipelineStatus status;

  public PipelineNotReadyException(FinancialPipelineStatus status) {
    super("pipeline not ready: " + status.failingComponent);
    this.status = status;
  }

  public FinancialPipelineStatus status() {
    return status;
  }
}
