package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.ResourceStatus;
import dev.finpipe.operator.aws.Convergence;
import java.util.Optional;

/** The outcome of converging one component of the pipeline. */
public record ComponentResult(String component, String kind, String name, String arn, State state, String reason,
                              String message, Optional<Convergence> convergence) {

  static final String WAITING = "WaitingForDependency";

  public enum State { Ready, Pending, Drifted, Failed, Retained, Deleted }

  public static ComponentResult converged(String component, String kind, Convergence c) {
    String message = c.corrected().isEmpty() ? null : "corrected " + c.corrected();
    return new ComponentResult(component, kind, c.name(), c.arn(), State.Ready, null, message, Optional.of(c));
  }

  public static ComponentResult pending(String component, String kind, String name, String reason,
                                        String message) {
    return new ComponentResult(component, kind, name, null, State.Pending, reason, message, Optional.empty());
  }

  /** Differs from the spec and was left so (observe-only). */
  public static ComponentResult drifted(String component, String kind, String name, String arn, String reason,
                                        String message) {
    return new ComponentResult(component, kind, name, arn, State.Drifted, reason, message, Optional.empty());
  }

  public static ComponentResult retained(String component, String kind, String name, String arn, String message) {
    return new ComponentResult(component, kind, name, arn, State.Retained, null, message, Optional.empty());
  }

  public static ComponentResult deleted(String component, String kind, Convergence c) {
    return new ComponentResult(component, kind, c.name(), c.arn(), State.Deleted, null, null, Optional.of(c));
  }

  public static ComponentResult failed(String component, String kind, String name, String reason, String message) {
    return new ComponentResult(component, kind, name, null, State.Failed, reason, message, Optional.empty());
  }

  /** Nothing left to do for this component (for a removed or retained one too). */
  public boolean ready() {
    return state == State.Ready || state == State.Deleted || state == State.Retained;
  }

  /** Pending on its own account (not merely waiting behind another component): worth a retry. */
  public boolean retrying() {
    return state == State.Pending && !WAITING.equals(reason);
  }

  /** Failed, or still to be done: what stops the stages after it (of a deletion too). */
  public boolean blocking() {
    return state == State.Failed || state == State.Pending;
  }

  public static ComponentResult waiting(String component, String kind, String name, String blocker) {
    return pending(component, kind, name, WAITING, "waits for " + blocker);
  }

  public ResourceStatus toStatus() {
    return new ResourceStatus(component, kind, name, arn, state.name(), message);
  }
}
