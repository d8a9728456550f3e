package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.ChangePolicy;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.api.FinancialPipelineStatus;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.api.PlanStatus;
import dev.finpipe.operator.api.PlannedChange;
import dev.finpipe.operator.support.EventReason;
import dev.finpipe.operator.support.EventRecorder;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * spec.changePolicy Manual: each pass first computes the plan with read calls only; it applies it only when
 * {@link PlanApproval} says the annotation approves it, and then only the approved changes ({@link PlanGate}).
 * The outcome goes to {@code status.plan}, the PlanPending condition and Events. Automatic pipelines converge
 * as before. Deleting a FinancialPipeline is not gated (the cleanup does not come here).
 */
final class ManualChangePolicy {
  static final String CONDITION = "PlanPending";
  private static final int SUMMARIZED = 5;
  private static final String APPLIED = " was applied; nothing else to do";
  private static final java.util.regex.Pattern PLAN_HASH = java.util.regex.Pattern.compile("[0-9a-f]{64}");
  private final PipelineConverger converger;
  private final StatusRecorder statusRecorder;
  private final EventRecorder events;
  private final Clock clock;

  ManualChangePolicy(PipelineConverger converger, StatusRecorder statusRecorder, EventRecorder events, Clock clock) {
    this.converger = converger;
    this.statusRecorder = statusRecorder;
    this.events = events;
    this.clock = clock;
  }

  /**
   * What a pass did: its outcome, and under Manual the decision on the plan ({@code null}: Automatic, or the plan
   * could not be computed: {@code incomplete}) and the changes held back from an approved pass.
   */
  record Gated(PipelineConverger.Outcome outcome, boolean manual, PlanApproval.Decision decision,
               ChangePlan plan, List<ChangePlan.Item> held) {
  }

  static boolean manual(FinancialPipelineSpec spec) {
    return spec.changePolicy == ChangePolicy.Manual && !spec.observeOnly;
  }

  Gated converge(FinancialPipeline fp, PipelineContext ctx) {
    if (!manual(fp.getSpec())) {
      return new Gated(converger.converge(ctx), false, null, null, List.of());
    }
    PlanGate planOnly = PlanGate.planOnly();
    PipelineConverger.Outcome planned = converger.converge(ctx, planOnly);
    if (planned.results().stream().anyMatch(ComponentResult::blocking)) {
      return new Gated(planned, true, null, null, List.of()); // reads failed: no plan to approve
    }
    ChangePlan plan = ChangePlan.ordered(planOnly.held(),
        planned.results().stream().map(ComponentResult::component).toList());
    PlanApproval.Decision decision = PlanApproval.decide(plan, lastPlan(fp), approval(fp),
        fp.getMetadata().getGeneration());
    if (decision instanceof PlanApproval.Apply apply) {
      PlanGate approved = PlanGate.approved(apply.approved());
      return new Gated(converger.converge(ctx, approved), true, decision, plan, approved.held());
    }
    return new Gated(planned, true, decision, plan, List.of());
  }

  /** Writes the plan, the PlanPending condition and the Events of a pass onto {@code status}. */
  void record(FinancialPipeline fp, FinancialPipelineStatus status, Gated gated) {
    PlanStatus last = lastPlan(fp);
    if (!gated.manual()) {
      status.plan = last == null || last.appliedHash == null ? null : applied(last.appliedHash);
      return;
    }
    PlanApproval.Decision decision = gated.decision();
    if (decision instanceof PlanApproval.Hold hold) {
      hold(fp, status, last, gated.plan(), hold);
    } else if (decision instanceof PlanApproval.Apply apply) {
      applying(fp, status, last, gated, apply);
    } else if (decision instanceof PlanApproval.UpToDate upToDate) {
      upToDate(fp, status, last, upToDate);
    } else {
      status.plan = last;
      ComponentResult failing = gated.outcome().results().stream().filter(ComponentResult::blocking)
          .findFirst().orElseThrow();
      condition(fp, status, PipelineCondition.UNKNOWN, "PlanIncomplete", "the plan could not be computed: "
          + failing.component() + ": " + failing.message());
    }
  }

  private void hold(FinancialPipeline fp, FinancialPipelineStatus status, PlanStatus last, ChangePlan plan,
                    PlanApproval.Hold hold) {
    boolean same = last != null && last.state == PlanStatus.State.Pending && hold.hash().equals(last.hash);
    status.plan = plan(PlanStatus.State.Pending, hold.hash(), plan.toStatus(), last == null ? null : last.appliedHash,
        fp, same ? last.computedAt : now());
    String approve = "approve it with: " + approveCommand(fp, hold.hash());
    String changes = plan.items().size() + " change(s) wait for approval (" + summary(plan.items()) + "); ";
    if (hold.staleApproval() != null) {
      String why = PLAN_HASH.matcher(hold.staleApproval()).matches() ? " is stale: the plan changed"
          : " is not a plan hash (the 64 hex digits of status.plan.hash)";
      String message = "the approval " + PlanApproval.ANNOTATION + "=" + hold.staleApproval() + why
          + "; nothing was applied. New plan " + hold.hash() + ": " + changes + approve;
      events.record(fp, EventReason.PlanStale, hold.staleApproval() + "->" + hold.hash(), message);
      condition(fp, status, "True", "PlanStale", message);
    } else {
      condition(fp, status, "True", CONDITION, "plan " + hold.hash() + ": " + changes + approve);
    }
    if (!same) {
      events.record(fp, EventReason.PlanPending, hold.hash(), "plan " + hold.hash() + ": " + changes + approve);
    }
    String waiting = "waits for approval of plan " + hold.hash();
    statusRecorder.condition(fp, status, PipelineCondition.PROGRESSING, "False", CONDITION, waiting);
    statusRecorder.condition(fp, status, PipelineCondition.RECONCILING, "False", CONDITION, waiting);
  }

  private void applying(FinancialPipeline fp, FinancialPipelineStatus status, PlanStatus last, Gated gated,
                        PlanApproval.Apply apply) {
    boolean done = gated.held().isEmpty() && gated.outcome().results().stream().allMatch(ComponentResult::ready);
    String applied = done ? apply.hash() : last == null ? null : last.appliedHash;
    boolean same = last != null && apply.hash().equals(last.hash);
    status.plan = plan(done ? PlanStatus.State.Applied : PlanStatus.State.Applying, apply.hash(), apply.approved(),
        applied, fp, same ? last.computedAt : now());
    if (apply.fresh()) {
      events.record(fp, EventReason.PlanApproved, apply.hash(), "plan " + apply.hash() + " approved: applying "
          + summary(gated.plan().items()));
    }
    condition(fp, status, "False", done ? "PlanApplied" : "PlanApproved", done
        ? "the plan " + apply.hash() + APPLIED
        : "applying the approved plan " + apply.hash());
  }

  private void upToDate(FinancialPipeline fp, FinancialPipelineStatus status, PlanStatus last,
                        PlanApproval.UpToDate upToDate) {
    if (upToDate.finished()) {
      status.plan = plan(PlanStatus.State.Applied, last.hash, last.changes, last.hash, fp, last.computedAt);
    } else if (last != null && last.state == PlanStatus.State.Applied) {
      status.plan = last;
    } else {
      status.plan = applied(last == null ? null : last.appliedHash);
      status.plan.state = PlanStatus.State.UpToDate;
    }
    condition(fp, status, "False", upToDate.finished() ? "PlanApplied" : "NoChanges", upToDate.finished()
        ? "the plan " + last.hash + APPLIED : "AWS matches the spec: nothing to approve");
  }

  private PlanStatus plan(PlanStatus.State state, String hash, List<PlannedChange> changes, String appliedHash,
                          FinancialPipeline fp, String computedAt) {
    PlanStatus plan = new PlanStatus();
    plan.state = state;
    plan.hash = hash;
    plan.changes = List.copyOf(changes);
    plan.appliedHash = appliedHash;
    plan.observedGeneration = fp.getMetadata().getGeneration();
    plan.computedAt = computedAt;
    return plan;
  }

  /** What an Automatic pass keeps of the plan: the hash last applied, so that switching back keeps its meaning. */
  private static PlanStatus applied(String appliedHash) {
    PlanStatus plan = new PlanStatus();
    plan.appliedHash = appliedHash;
    return plan;
  }

  private void condition(FinancialPipeline fp, FinancialPipelineStatus status, String value, String reason,
                         String message) {
    statusRecorder.condition(fp, status, CONDITION, value, reason, message);
  }

  private String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String approveCommand(FinancialPipeline fp, String hash) {
    return "kubectl annotate financialpipeline " + fp.getMetadata().getName() + " -n "
        + fp.getMetadata().getNamespace() + " --overwrite " + PlanApproval.ANNOTATION + "=" + hash;
  }

  /** The first changes, for a message (status.plan has them all). */
  private static String summary(List<ChangePlan.Item> items) {
    String first = String.join("; ", items.stream().limit(SUMMARIZED).map(i -> i.component() + " " + i.describe())
        .toList());
    return items.size() > SUMMARIZED ? first + "; and " + (items.size() - SUMMARIZED) + " more" : first;
  }

  private static PlanStatus lastPlan(FinancialPipeline fp) {
    return fp.getStatus() == null ? null : fp.getStatus().plan;
  }

  private static String approval(FinancialPipeline fp) {
    Map<String, String> annotations = fp.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations).map(a -> a.get(PlanApproval.ANNOTATION)).map(String::trim)
        .filter(s -> !s.isEmpty()).orElse(null);
  }
}
