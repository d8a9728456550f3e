package dev.finpipe.operator.support;

/** Every reason the operator writes on a FinancialPipeline's Events (kubectl get events --field-selector reason=...). */
public enum EventReason {
  /** Normal: an AWS resource was created. */
  Created(EventRecorder.NORMAL),
  /** Normal: fields of an AWS resource that differed from the spec were written back (named in the message). */
  DriftCorrected(EventRecorder.NORMAL),
  /** Normal: an AWS resource was deleted. */
  Deleted(EventRecorder.NORMAL),
  /** Warning: the spec (or an annotation) is refused before any AWS call; the message says why. */
  InvalidSpec(EventRecorder.WARNING),
  /** Warning: a component failed for good until the spec or AWS changes; the message names it and the cause. */
  ComponentFailed(EventRecorder.WARNING),
  /** Normal: the outputs ConfigMap (spec.outputs) was written with new values. */
  OutputsPublished(EventRecorder.NORMAL),
  /** Warning: the outputs ConfigMap could not be written (a foreign ConfigMap of that name, or the API refused). */
  OutputsNotPublished(EventRecorder.WARNING),
  /** Normal: under spec.changePolicy Manual a new plan waits for approval; the message has its hash. */
  PlanPending(EventRecorder.NORMAL),
  /** Normal: the plan with the hash in the message was approved and is being applied. */
  PlanApproved(EventRecorder.NORMAL),
  /** Warning: the approval names a hash that is not the current plan's; nothing applied, the message has both. */
  PlanStale(EventRecorder.WARNING),
  /** Warning: Healthy turned False: an error-rate alarm is in ALARM or a dead-letter queue holds messages. */
  Unhealthy(EventRecorder.WARNING),
  /** Normal: Healthy turned True again after it was False. */
  HealthRestored(EventRecorder.NORMAL);

  private final String type;

  EventReason(String type) {
    this.type = type;
  }

  /** The Event type: Normal or Warning. */
  public String type() {
    return type;
  }
}
