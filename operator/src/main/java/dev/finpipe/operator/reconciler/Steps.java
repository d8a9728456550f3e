package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ResourceManager;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.support.TerminalException;
import java.util.List;
import java.util.Optional;

/**
 * Runs one manager for one component and turns the outcome, or the classified error, into a
 * {@link ComponentResult}. In observe-only mode it reads and diffs but never writes.
 */
final class Steps {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Steps.class);
  private Steps() {
  }

  static <D, O> ComponentResult converge(String component, ResourceManager<D, O> manager, D desired,
                                         PipelineContext ctx) {
    try {
      if (ctx.spec().observeOnly) {
        return observeOnly(component, manager, desired, ctx);
      }
      return ComponentResult.converged(component, manager.kind(), manager.converge(desired, ctx.owner()));
    } catch (TerminalException e) {
      return ComponentResult.failed(component, manager.kind(), manager.nameOf(desired), e.reason(), e.getMessage());
    } catch (RetryableException e) {
      return new ComponentResult(component, manager.kind(), manager.nameOf(desired), null,
          ComponentResult.State.Pending, e.reason(), e.getMessage(), Optional.empty());
    } catch (RuntimeException e) {
      return unexpected(component, manager.kind(), manager.nameOf(desired), e);
    }
  }

  /** A bug or an unforeseen SDK answer: reported on this component only, and retried. */
  static ComponentResult unexpected(String component, String kind, String name, RuntimeException e) {
    LOG.error("unexpected error converging {} {}", kind, name, e);
    return new ComponentResult(component, kind, name, null, ComponentResult.State.Pending, "InternalError",
        e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty());
  }

  static <D, O> ComponentResult delete(String component, ResourceManager<D, O> manager, D desired,
                                       PipelineContext ctx) {
    try {
      Convergence c = manager.remove(desired, ctx.owner());
      return new ComponentResult(component, manager.kind(), c.name(), c.arn(), ComponentResult.State.Deleted,
          null, null, Optional.of(c));
    } catch (TerminalException e) {
      return ComponentResult.failed(component, manager.kind(), manager.nameOf(desired), e.reason(), e.getMessage());
    } catch (RetryableException e) {
      return new ComponentResult(component, manager.kind(), manager.nameOf(desired), null,
          ComponentResult.State.Pending, e.reason(), e.getMessage(), Optional.empty());
    } catch (RuntimeException e) {
      return unexpected(component, manager.kind(), manager.nameOf(desired), e);
    }
  }

  private static <D, O> ComponentResult observeOnly(String component, ResourceManager<D, O> manager, D desired,
                                                    PipelineContext ctx) {
    Optional<O> observed = manager.observe(desired);
    if (observed.isEmpty()) {
      return new ComponentResult(component, manager.kind(), manager.nameOf(desired), null,
          ComponentResult.State.Drifted, "Missing", "does not exist (observe-only: not created)", Optional.empty());
    }
    ctx.owner().requireOwned(manager.kind(), manager.nameOf(desired), manager.tagsOf(observed.get()));
    List<FieldDrift> drift = manager.diff(desired, observed.get());
    String arn = manager.arnOf(desired, observed.get());
    if (drift.isEmpty()) {
      return ComponentResult.converged(component, manager.kind(),
          Convergence.unchanged(manager.nameOf(desired), arn));
    }
    return new ComponentResult(component, manager.kind(), manager.nameOf(desired), arn,
        ComponentResult.State.Drifted, "Drifted", "drifted fields (observe-only: not corrected): " + drift,
        Optional.empty());
  }
}
