package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.PlanStatus;
import dev.finpipe.operator.api.PlannedChange;
import java.util.List;
import java.util.Objects;

/**
 * Whether the plan a pass computed may be applied: the approval annotation against the plan's hash and the plan
 * last recorded in status. Pure.
 *
 * <p>An approved plan may take several passes to apply (IAM propagation, Lambda states, stages after stages);
 * its approval stays valid while each pass's plan is part of it (same generation; the remaining changes, or the
 * calls that complete a creation). A change outside it (another spec change, new drift) ends it: the new plan,
 * with the rest, needs a new approval. Hashes are chained to the last plan applied, so an approval already
 * applied approves no later plan, not even one with the same changes.
 */
final class PlanApproval {
  /** Carries the hash of the plan to apply: {@code kubectl annotate ... finpipe.dev/approve-plan=<hash>}. */
  static final String ANNOTATION = "finpipe.dev/approve-plan";

  private PlanApproval() {
  }

  sealed interface Decision {
  }

  /**
   * Apply the {@code approved} changes of the plan {@code hash}; {@code fresh}: approved since the last pass,
   * not the continuation of an approved plan.
   */
  record Apply(String hash, List<PlannedChange> approved, boolean fresh) implements Decision {
  }

  /** Apply nothing: the plan {@code hash} waits; {@code staleApproval}: an approval of another plan, or null. */
  record Hold(String hash, String staleApproval) implements Decision {
  }

  /** Nothing to do; {@code finished}: the last pass left only what the approved plan being applied did. */
  record UpToDate(boolean finished) implements Decision {
  }

  static Decision decide(ChangePlan plan, PlanStatus last, String approval, long generation) {
    String applied = last == null ? null : last.appliedHash;
    if (last != null && last.state == PlanStatus.State.Applying && Objects.equals(last.hash, approval)
        && Objects.equals(last.observedGeneration, generation) && plan.within(last.changes)) {
      return plan.isEmpty() ? new UpToDate(true) : new Apply(last.hash, last.changes, false);
    }
    if (plan.isEmpty()) {
      return new UpToDate(false);
    }
    String hash = plan.hash(applied);
    if (hash.equals(approval)) {
      return new Apply(hash, plan.toStatus(), true);
    }
    boolean stale = approval != null && !approval.equals(applied);
    return new Hold(hash, stale ? approval : null);
  }
}
