package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.function.FunctionField;
import java.util.List;

/** Component results shaped as the converger reports them, for the decision tables. */
final class Results {
  private Results() {
  }

  static ComponentResult ready(String component) {
    return ComponentResult.converged(component, "kind", Convergence.unchanged(component + "-name", arn(component)));
  }

  static ComponentResult created(String component) {
    return ComponentResult.converged(component, "kind", Convergence.created(component + "-name", arn(component)));
  }

  static ComponentResult updated(String component) {
    return ComponentResult.converged(component, "kind", Convergence.updated(component + "-name", arn(component),
        List.of(FieldDrift.of(FunctionField.MEMORY, 512, 128))));
  }

  static ComponentResult deleted(String component) {
    return gone(component, Convergence.Action.DELETED);
  }

  /** Deleted state for a resource the pass found already gone: no progress of its own. */
  static ComponentResult absent(String component) {
    return gone(component, Convergence.Action.ABSENT);
  }

  static ComponentResult retained(String component) {
    return ComponentResult.retained(component, "kind", component + "-name", arn(component), "retained");
  }

  /** A retryable error, e.g. Throttled, AwsUnavailable or RateLimited. */
  static ComponentResult pending(String component, String reason) {
    return ComponentResult.pending(component, "kind", component + "-name", reason, reason + " from AWS");
  }

  static ComponentResult waiting(String component, String blocker) {
    return ComponentResult.waiting(component, "kind", component + "-name", blocker);
  }

  /** A terminal error, e.g. ForeignResource or BucketNotEmpty. */
  static ComponentResult failed(String component, String reason) {
    return ComponentResult.failed(component, "kind", component + "-name", reason, reason + " from AWS");
  }

  /** Observe-only: the resource differs from the spec and is left so. */
  static ComponentResult drifted(String component) {
    return ComponentResult.drifted(component, "kind", component + "-name", arn(component), "Drifted",
        "drifted fields (observe-only: not corrected): [memoryMb]");
  }

  private static ComponentResult gone(String component, Convergence.Action action) {
    return ComponentResult.deleted(component, "kind",
        new Convergence(action, component + "-name", arn(component), List.of()));
  }

  private static String arn(String component) {
    return "arn:" + component;
  }
}
