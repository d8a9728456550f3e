package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.api.PlannedChange;
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
 * Observe-only is a plan that is not applied; under spec.changePolicy Manual a {@link PlanGate} decides which plans
 * are applied.
 */
final class Steps {
  private static final Logger LOG = LoggerFactory.getLogger(Steps.class);

  /** The reason of a component whose change waits for the approval of a plan. */
  static final String PLAN_PENDING = "PlanPending";

  private Steps() {
  }

  /** The component's converge step for this pass: converge, remove when the spec does not want it, or wait. */
  static <D extends Desired> Task converge(Component<D> component, Pass pass) {
    return converge(component, pass, PlanGate.AUTOMATIC);
  }

  /** The converge step, each change found applied only when {@code gate} admits it. */
  static <D extends Desired> Task converge(Component<D> component, Pass pass, PlanGate gate) {
    if (!component.wanted().test(pass.ctx().spec())) {
      return gate.gated() ? gatedDelete(component, pass, gate) : delete(component, pass);
    }
    ResourceManager<D, ?> manager = component.manager().apply(pass);
    String id = component.id();
    Supplier<Optional<D>> desired = Once.of(() -> component.desired().apply(pass));
    String name = component.name() != null ? component.name().apply(pass)
        : desired.get().map(manager::nameOf).orElse(id);
    // The whole plan is made again on each try: a create whose answer was lost is then found, not repeated.
    return new Task(id, manager.kind(), name, () -> guarded(id, manager.kind(), name, () -> desired.get()
        .map(d -> PropagationWait.retrying(() -> converge(id, manager, d, pass.ctx(), gate),
            PropagationWait.THREAD_SLEEP))
        .orElseGet(() -> gate.planning()
            ? plannedAfterDependency(gate, ChangePlan.Item.create(id, manager.kind(), name))
            : ComponentResult.waiting(id, manager.kind(), name, component.waitsFor()))));
  }

  /** A plan-only pass: what needs a resource the plan would create (the API's id) is created after it. */
  private static ComponentResult plannedAfterDependency(PlanGate gate, ChangePlan.Item creation) {
    gate.admits(creation); // a plan-only gate admits nothing: it records the creation
    return held(gate, creation, null);
  }

  private static <D extends Desired, O extends Observed> ComponentResult converge(
      String id, ResourceManager<D, O> manager, D desired, PipelineContext ctx, PlanGate gate) {
    Plan<O> plan = manager.plan(desired, ctx.owner());
    String name = manager.nameOf(desired);
    if (ctx.spec().observeOnly) {
      return observed(id, manager, desired, plan);
    }
    if (plan.converged()) {
      return ComponentResult.converged(id, manager.kind(), manager.apply(desired, plan));
    }
    ChangePlan.Item change = plan.creates() ? ChangePlan.Item.create(id, manager.kind(), name)
        : ChangePlan.Item.update(id, manager.kind(), name, plan.drift());
    return gate.admits(change) ? ComponentResult.converged(id, manager.kind(), manager.apply(desired, plan))
        : held(gate, change, plan.observed().map(o -> manager.arnOf(desired, o)).orElse(null));
  }

  /** Observe-only: what the plan found is reported, never applied. */
  private static <D extends Desired, O extends Observed> ComponentResult observed(
      String id, ResourceManager<D, O> manager, D desired, Plan<O> plan) {
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

  /**
   * A change held for approval. A resource that exists stays Ready (it serves as before; PlanPending says what
   * waits); one still to be created is not, and holds back the later stages of an approved pass.
   */
  private static ComponentResult held(PlanGate gate, ChangePlan.Item change, String arn) {
    String message = change.describe() + ": waits for approval of the plan"
        + (gate.planning() ? "" : " (not part of the approved plan)");
    if (change.action() == PlannedChange.Action.Create) {
      return ComponentResult.drifted(change.component(), change.kind(), change.name(), null, PLAN_PENDING, message);
    }
    return new ComponentResult(change.component(), change.kind(), change.name(), arn, ComponentResult.State.Ready,
        PLAN_PENDING, message, Optional.of(Convergence.unchanged(change.name(), arn)));
  }

  /** A component the spec no longer wants, removed only when {@code gate} admits its deletion. */
  private static <D extends Desired> Task gatedDelete(Component<D> component, Pass pass, PlanGate gate) {
    ResourceManager<D, ?> manager = component.manager().apply(pass);
    D desired = component.desired().apply(pass).orElseThrow();
    String name = manager.nameOf(desired);
    return new Task(component.id(), manager.kind(), name, () -> guarded(component.id(), manager.kind(), name,
        () -> gatedRemove(component, manager, desired, pass.ctx(), gate)));
  }

  private static <D extends Desired, O extends Observed> ComponentResult gatedRemove(
      Component<D> component, ResourceManager<D, O> manager, D desired, PipelineContext ctx, PlanGate gate) {
    Optional<O> observed = manager.observeOwned(desired, ctx.owner());
    String name = manager.nameOf(desired);
    if (observed.isEmpty()) {
      return ComponentResult.deleted(component.id(), manager.kind(), Convergence.absent(name));
    }
    ChangePlan.Item change = ChangePlan.Item.delete(component.id(), manager.kind(), name);
    return gate.admits(change) ? remove(component.id(), manager, desired, component.deletion(), ctx)
        : held(gate, change, manager.arnOf(desired, observed.get()));
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
