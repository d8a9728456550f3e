package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ResourceManager;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.support.TerminalException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one manager for one component and turns the outcome, or the classified error, into a
 * {@link ComponentResult}. In observe-only mode it reads and diffs but never writes.
 */
final class Steps {
  private static final Logger LOG = LoggerFactory.getLogger(Steps.class);

  private Steps() {
  }

  static <D, O> ComponentResult converge(String component, ResourceManager<D, O> manager, D desired,
                                         PipelineContext ctx) {
    return guarded(component, manager.kind(), manager.nameOf(desired), () -> ctx.spec().observeOnly
        ? observeOnly(component, manager, desired, ctx)
        : ComponentResult.converged(component, manager.kind(), manager.converge(desired, ctx.owner())));
  }

  static <D, O> ComponentResult delete(String component, ResourceManager<D, O> manager, D desired,
                                       PipelineContext ctx) {
    return guarded(component, manager.kind(), manager.nameOf(desired), () -> {
      Convergence c = manager.remove(desired, ctx.owner());
      return new ComponentResult(component, manager.kind(), c.name(), c.arn(), ComponentResult.State.Deleted,
          null, null, Optional.of(c));
    });
  }

  /**
   * Runs {@code step}; a terminal error fails the component, a retryable one leaves it pending, anything
   * else (a bug or an unforeseen answer) is logged and retried, reported on this component only.
   */
  static ComponentResult guarded(String component, String kind, String name, Supplier<ComponentResult> step) {
    try {
      return step.get();
    } catch (TerminalException e) {
      return ComponentResult.failed(component, kind, name, e.reason(), e.getMessage());
    } catch (RetryableException e) {
      return new ComponentResult(component, kind, name, null, ComponentResult.State.Pending, e.reason(),
          e.getMessage(), Optional.empty());
    } catch (RuntimeException e) {
      LOG.error("unexpected error converging {} {}", kind, name, e);
      return new ComponentResult(component, kind, name, null, ComponentResult.State.Pending, "InternalError",
          e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty());
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
