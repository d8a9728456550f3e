package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.PlannedChange;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Decides, per component, whether the change its plan found is applied in this pass. Automatic applies all; a
 * plan-only pass applies none and collects them; an approved pass applies those of the approved plan and
 * collects the others (held until a new approval).
 */
final class PlanGate {
  static final PlanGate AUTOMATIC = new PlanGate(false, null);
  private final boolean planning;
  private final List<PlannedChange> approved; // null: every change is admitted, or (planning) none
  private final List<ChangePlan.Item> held = new CopyOnWriteArrayList<>(); // the stages' tasks add in parallel

  private PlanGate(boolean planning, List<PlannedChange> approved) {
    this.planning = planning;
    this.approved = approved;
  }

  /** Reads only: every change is held and collected. */
  static PlanGate planOnly() {
    return new PlanGate(true, null);
  }

  /** Applies the changes that are part of {@code approved}; holds the others. */
  static PlanGate approved(List<PlannedChange> approved) {
    return new PlanGate(false, List.copyOf(approved));
  }

  /** Whether {@code item} is applied now; a change not applied is collected in {@link #held}. */
  boolean admits(ChangePlan.Item item) {
    boolean admitted = !planning && (approved == null || approved.stream().anyMatch(item::within));
    if (!admitted) {
      held.add(item);
    }
    return admitted;
  }

  /**
   * A plan-only pass: a component whose desired state needs what an earlier stage would create (the API's id)
   * is planned as a creation, and a creation planned does not stop the later stages from being planned.
   */
  boolean planning() {
    return planning;
  }

  /** Whether writes may need the approval of a plan at all. */
  boolean gated() {
    return this != AUTOMATIC;
  }

  List<ChangePlan.Item> held() {
    return List.copyOf(held);
  }
}
