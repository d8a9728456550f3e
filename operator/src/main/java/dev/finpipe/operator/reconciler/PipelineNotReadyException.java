package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.FinancialPipelineStatus;
import java.util.List;
import java.util.stream.Collectors;

/** Some component is still pending: carries the status to write while JOSDK backs off and retries. */
public final class PipelineNotReadyException extends RuntimeException {
  private final transient FinancialPipelineStatus status;

  /** No stack trace: this is the reconciler telling JOSDK to retry, not a failure of the code. */
  public PipelineNotReadyException(FinancialPipelineStatus status, List<ComponentResult> retrying) {
    super("not ready yet, retrying with backoff: " + retrying.stream()
        .map(r -> r.component() + " (" + r.reason() + ")").collect(Collectors.joining(", ")), null, false, false);
    this.status = status;
  }

  public FinancialPipelineStatus status() {
    return status;
  }
}
