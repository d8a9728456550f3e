package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.Desired;
import dev.finpipe.operator.aws.Observed;
import dev.finpipe.operator.aws.Plan;
import dev.finpipe.operator.aws.ResourceManager;
import dev.finpipe.operator.support.Once;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.support.TerminalException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one component's manager and turns the outcome, or the classified error, into a {@link ComponentResult}.
 * Observe-only is a plan that is not applied.
 */
final class Steps {
  private static final Logger LOG = LoggerFactory.getLogger(Steps.class);

  private Steps() {
  }

  /** The component's converge step for this pass: converge, remove when the spec does not want it, or wait. */
  static <D extends Desired> Task converge(Component<D> component, Pass pass) {
    if (!component.wanted().test(pass.ctx().spec())) {
      return delete(component, pass);
    }
    ResourceManager<D, ?> manager = component.manager().apply(pass);
    String id = component.id();
    Supplier<Optional<D>> desired = Once.of(() -> component.desired().apply(pass));
    String name = component.name() != null ? component.name().apply(pass)
        : desired.get().map(manager::nameOf).orElse(id);
    return new Task(id, manager.kind(), name, () -> guarded(id, manager.kind(), name, () -> desired.get()
        .map(d -> converge(id, manager, d, pass.ctx()))
        .orElseGet(() -> ComponentResult.waiting(id, manager.kind(), name, component.waitsFor()))));
  }

  private static <D extends Desired, O extends Observed> ComponentResult converge(
      String id, ResourceManager<D, O> manager, D desired, PipelineContext ctx) {
    Plan<O> plan = manager.plan(desired, ctx.owner());
    if (!ctx.spec().observeOnly) {
      return ComponentResult.converged(id, manager.kind(), manager.apply(desired, plan));
    }
    String name = manager.nameOf(desired);
    if (plan.creates()) {
      return ComponentResult.drifted(id, manager.kind(), name, null, "Missing",
          "does not exist (observe-only: not created)");
    }
    String arn = manager.arnOf(desired, plan.observed().orElseThrow());
    return plan.converged() ? ComponentResult.converged(id, manager.kind(), Convergence.unchanged(name, arn))
        : ComponentResult.drifted(id, manager.kind(), name, arn, "Drifted",
            "drifted fields (observe-only: not corrected): " + plan.drift());
  }

  /** The component's delete step, as its deletion rule and {@code spec.deletionPolicy} say. */
  static <D extends Desired> Task delete(Component<D> component, Pass pass) {
    ResourceManager<D, ?> manager = component.manager().apply(pass);
    D desired = component.desired().apply(pass).orElseThrow();
    String name = manager.nameOf(desired);
    return new Task(component.id(), manager.kind(), name, () -> guarded(component.id(), manager.kind(), name,
        () -> remove(component.id(), manager, desired, component.deletion(), pass.ctx())));
  }

  private static <D extends Desired, O extends Observed> ComponentResult remove(
      String id, ResourceManager<D, O> manager, D desired, Deletion deletion, PipelineContext ctx) {
    boolean retain = ctx.spec().deletionPolicy != DeletionPolicy.Delete;
    Optional<O> observed = manager.observeOwned(desired, ctx.owner());
    String name = manager.nameOf(desired);
    if (observed.isEmpty()) {
      return ComponentResult.deleted(id, manager.kind(), Convergence.absent(name));
    }
    if (retain && (deletion == Deletion.RETAIN
        || deletion == Deletion.RETAIN_WHILE_HOLDING_DATA && manager.holdsData(observed.get()))) {
      return ComponentResult.retained(id, manager.kind(), name, manager.arnOf(desired, observed.get()),
          deletion.retainedMessage());
    }
    return ComponentResult.deleted(id, manager.kind(), manager.remove(desired, observed.get()));
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
      return ComponentResult.pending(component, kind, name, e.reason(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("unexpected error converging {} {}", kind, name, e);
      return ComponentResult.pending(component, kind, name, "InternalError",
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
