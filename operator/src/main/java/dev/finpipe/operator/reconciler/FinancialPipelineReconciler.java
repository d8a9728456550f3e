package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineStatus;
import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.policy.AdministratorAllowances;
import dev.finpipe.operator.metrics.PipelineMetrics;
import dev.finpipe.operator.outputs.OutputsConfigMap;
import dev.finpipe.operator.outputs.PipelineOutputs;
import dev.finpipe.operator.support.EventReason;
import dev.finpipe.operator.support.EventRecorder;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.support.TerminalException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin: validates, resolves AWS access, lets {@link PipelineConverger} converge the components, records
 * events and writes status through {@link StatusRecorder}; {@link RequeuePolicy} decides when the next pass
 * comes. A component still pending makes the reconcile fail with {@link PipelineNotReadyException}, so JOSDK's
 * retry backs off; its status is written on the way.
 */
// Generation-aware filtering is off so that annotations (reconcile-requested-at, adopt-retained) start a pass;
// ReconcileTriggers keeps the operator's own status writes from doing so.
@ControllerConfiguration(name = "financialpipeline", generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = ReconcileTriggers.class))
@GradualRetry(maxAttempts = 100_000, initialInterval = 2_000, intervalMultiplier = 2.0, maxInterval = 120_000)
public class FinancialPipelineReconciler implements Reconciler<FinancialPipeline>, Cleaner<FinancialPipeline> {
  private static final Logger LOG = LoggerFactory.getLogger(FinancialPipelineReconciler.class);
  /**
   * The SDK's call timeout (AwsClients): a pass whose calls each may take that long still fits once; a Lambda
   * waiter cut short is picked up again by the next pass.
   */
  public static final Duration DEFAULT_PASS_BUDGET = AwsClients.API_CALL_TIMEOUT;
  private final AwsAccessResolver access;
  private final PipelineConverger converger;
  private final StatusRecorder statusRecorder;
  private final EventRecorder events;
  private final Duration resyncPeriod;
  private final AdministratorAllowances allowances;
  private final PipelineMetrics metrics;
  private final PassBudget budget;
  private final ManualChangePolicy changePolicy;
  private final HealthCheck health;

  public FinancialPipelineReconciler(AwsAccessResolver access, PipelineConverger converger,
                                     StatusRecorder statusRecorder, EventRecorder events, Duration resyncPeriod,
                                     AdministratorAllowances allowances, PipelineMetrics metrics) {
    this(access, converger, statusRecorder, events, resyncPeriod, allowances, metrics,
        new PassBudget(DEFAULT_PASS_BUDGET));
  }

  public FinancialPipelineReconciler(AwsAccessResolver access, PipelineConverger converger,
                                     StatusRecorder statusRecorder, EventRecorder events, Duration resyncPeriod,
                                     AdministratorAllowances allowances, PipelineMetrics metrics,
                                     PassBudget budget) {
    this(access, converger, statusRecorder, events, resyncPeriod, allowances, metrics, budget,
        new HealthCheck(HealthCheck.DEFAULT_PERIOD, statusRecorder, events, metrics, java.time.Clock.systemUTC()));
  }

  public FinancialPipelineReconciler(AwsAccessResolver access, PipelineConverger converger,
                                     StatusRecorder statusRecorder, EventRecorder events, Duration resyncPeriod,
                                     AdministratorAllowances allowances, PipelineMetrics metrics,
                                     PassBudget budget, HealthCheck health) {
    this.health = health;
    this.budget = budget;
    this.allowances = allowances;
    this.metrics = metrics;
    this.access = access;
    this.converger = converger;
    this.statusRecorder = statusRecorder;
    this.events = events;
    this.resyncPeriod = resyncPeriod;
    this.changePolicy = new ManualChangePolicy(converger, statusRecorder, events, java.time.Clock.systemUTC());
  }

  @Override
  public UpdateControl<FinancialPipeline> reconcile(FinancialPipeline fp, Context<FinancialPipeline> context) {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      UpdateControl<FinancialPipeline> control = pass(fp, context);
      outcome = phaseOf(fp.getStatus());
      return control;
    } catch (PipelineNotReadyException notReady) {
      outcome = phaseOf(notReady.status());
      throw notReady;
    } finally {
      metrics.reconciled(Duration.ofNanos(System.nanoTime() - start), outcome);
    }
  }

  private static String phaseOf(FinancialPipelineStatus status) {
    return status == null || status.phase == null ? "unknown" : status.phase.name().toLowerCase(java.util.Locale.ROOT);
  }

  private UpdateControl<FinancialPipeline> pass(FinancialPipeline fp, Context<FinancialPipeline> context) {
    List<String> problems = specProblems(fp);
    if (!problems.isEmpty()) {
      return invalid(fp, problems);
    }
    if (fp.getSpec().paused) {
      return patch(fp, statusRecorder.paused(fp));
    }
    AwsClients aws = access.clientsFor(fp);
    if (health.onlyHealthDue(fp, resync(fp))) {
      FinancialPipelineStatus checked = health.checkOnly(fp,
          PipelineIdentity.of(fp, access.accountId(aws), allowances), aws, withinBudget(fp, aws));
      return patch(fp, checked, health.nextPass(fp, requeue(fp), resync(fp)));
    }
    AwsPass awsPass = budget.run(key(fp), endpointOf(aws), () -> {
      PipelineContext ctx = PipelineContext.of(fp, aws, access.accountId(aws), allowances);
      List<String> arnProblems = SpecValidator.arnProblems(fp.getSpec(), ctx.identity().arns(), allowances);
      return arnProblems.isEmpty() ? new AwsPass(List.of(), changePolicy.converge(fp, ctx), ctx.identity())
          : new AwsPass(arnProblems, null, null);
    });
    if (!awsPass.problems().isEmpty()) {
      return invalid(fp, awsPass.problems());
    }
    PipelineConverger.Outcome outcome = awsPass.outcome().outcome();
    List<ComponentResult> results = outcome.results();
    boolean graced = RequeuePolicy.graced(context.getRetryInfo().map(RetryInfo::getAttemptCount).orElse(0));
    boolean wasReady = StatusRecorder.isReady(fp.getStatus());
    FinancialPipelineStatus status = health.afterConverge(fp,
        statusRecorder.converged(fp, results, outcome.apiUrl().orElse(null), graced),
        results.stream().allMatch(ComponentResult::ready), awsPass.identity(), aws, withinBudget(fp, aws));
    publishOutputs(fp, status, aws, context.getClient());
    changePolicy.record(fp, status, awsPass.outcome());
    recordEvents(fp, results); // after the health reads: Events and counters go out right before the status
    metrics.observed(fp, status);
    RequeuePolicy.Next next = requeue(fp).afterConverge(results, wasReady);
    if (next instanceof RequeuePolicy.Backoff backoff) {
      throw new PipelineNotReadyException(status, backoff.retrying());
    }
    fp.setStatus(status);
    return UpdateControl.patchStatus(fp).rescheduleAfter(health.nextPass(fp, requeue(fp),
        ((RequeuePolicy.After) next).delay()));
  }

  @Override
  public ErrorStatusUpdateControl<FinancialPipeline> updateErrorStatus(FinancialPipeline fp,
      Context<FinancialPipeline> context, Exception thrown) {
    Throwable e = rootCause(thrown);
    if (isConflict(thrown)) {
      // Someone changed the resource while the pass ran (a spec edit, an annotation): the status write lost an
      // optimistic-lock race, nothing failed. Keep the status; the retry (or the change's own event) comes soon.
      LOG.debug("status of {}/{} not written: the resource changed meanwhile", fp.getMetadata().getNamespace(),
          fp.getMetadata().getName());
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    if (e instanceof PipelineNotReadyException notReady) {
      fp.setStatus(notReady.status());
    } else if (e instanceof RetryableException r) {
      fp.setStatus(statusRecorder.error(fp, r.reason(), r.getMessage()));
    } else if (e instanceof TerminalException t) {
      fp.setStatus(statusRecorder.terminalError(fp, t.reason(), t.getMessage()));
      metrics.observed(fp, fp.getStatus());
      return ErrorStatusUpdateControl.patchStatus(fp).withNoRetry();
    } else {
      LOG.error("unexpected error reconciling {}/{}", fp.getMetadata().getNamespace(), fp.getMetadata().getName(),
          thrown);
      fp.setStatus(statusRecorder.error(fp, "InternalError", e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
    metrics.observed(fp, fp.getStatus());
    return ErrorStatusUpdateControl.patchStatus(fp);
  }

  @Override
  public DeleteControl cleanup(FinancialPipeline fp, Context<FinancialPipeline> context) {
    List<String> problems = specProblems(fp);
    if (!problems.isEmpty()) {
      if (!createdAnything(fp)) {
        metrics.removed(fp);
        return DeleteControl.defaultDelete(); // nothing was ever created for an invalid spec
      }
      // AWS cannot be reached sensibly with this spec: say so, and let the user fix it (or drop the finalizer).
      fp.setStatus(statusRecorder.invalid(fp, problems));
      context.getClient().resource(fp).patchStatus();
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(resync(fp));
    }
    if (fp.getSpec().paused) {
      // Paused means no AWS call at all, also for deletion: keep the finalizer until unpaused.
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(resync(fp));
    }
    AwsClients aws = access.clientsFor(fp);
    List<ComponentResult> results = budget.run(key(fp), endpointOf(aws),
        () -> converger.delete(PipelineContext.of(fp, aws, access.accountId(aws), allowances)));
    recordEvents(fp, results);
    if (requeue(fp).afterDeletion(results) instanceof RequeuePolicy.After after) {
      fp.setStatus(statusRecorder.deleting(fp, results));
      context.getClient().resource(fp).patchStatus();
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(after.delay());
    }
    LOG.info("deleted pipeline {}/{}", fp.getMetadata().getNamespace(), fp.getMetadata().getName());
    metrics.removed(fp);
    health.forget(fp);
    access.forget(fp);
    return DeleteControl.defaultDelete();
  }

  /** What the budgeted part of a converge pass found: the ARN problems of the spec, or the outcome. */
  private record AwsPass(List<String> problems, ManualChangePolicy.Gated outcome, PipelineIdentity identity) {
  }

  private HealthCheck.Budget withinBudget(FinancialPipeline fp, AwsClients aws) {
    return reads -> budget.run(key(fp), endpointOf(aws), reads);
  }

  private static String key(FinancialPipeline fp) {
    return fp.getMetadata().getNamespace() + "/" + fp.getMetadata().getName() + "/" + fp.getMetadata().getUid();
  }

  /** Where the pipeline's calls go, for a status message: the endpoint, or AWS in the pipeline's region. */
  private static String endpointOf(AwsClients aws) {
    return aws.target().endpoint().map(Object::toString).orElse("AWS (" + aws.region() + ")");
  }

  /** Everything that stops the operator from calling AWS for this spec (reconcile and cleanup alike). */
  private List<String> specProblems(FinancialPipeline fp) {
    List<String> problems = SpecValidator.problems(fp.getSpec());
    problems = problems.isEmpty() ? SpecValidator.administratorProblems(fp.getSpec(), allowances) : problems;
    problems = problems.isEmpty() ? SpecValidator.tagProblems(fp.getSpec(), allowances) : problems;
    Optional<String> annotation = ReconcileTriggers.annotationProblem(fp);
    if (annotation.isEmpty()) {
      return problems;
    }
    List<String> all = new java.util.ArrayList<>(problems);
    all.add(annotation.get());
    return all;
  }

  /** The pipeline's own resync period (annotation), else the operator's. */
  private Duration resync(FinancialPipeline fp) {
    return ReconcileTriggers.annotationProblem(fp).isPresent() ? resyncPeriod
        : ReconcileTriggers.resyncPeriod(fp).orElse(resyncPeriod);
  }

  private RequeuePolicy requeue(FinancialPipeline fp) {
    return new RequeuePolicy(resync(fp));
  }

  private static boolean createdAnything(FinancialPipeline fp) {
    return fp.getStatus() != null && fp.getStatus().resources != null && fp.getStatus().resources.stream()
        .anyMatch(r -> r.arn != null);
  }

  /** An HTTP 409 of the API server: the resource's resourceVersion changed since it was read. */
  private static boolean isConflict(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getCode() == 409) {
        return true;
      }
    }
    return false;
  }

  /** JOSDK wraps what the reconciler threw; the classification is on the innermost of our exceptions. */
  private static Throwable rootCause(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof PipelineNotReadyException || t instanceof RetryableException
          || t instanceof TerminalException) {
        return t;
      }
    }
    return thrown;
  }

  private UpdateControl<FinancialPipeline> invalid(FinancialPipeline fp, List<String> problems) {
    events.record(fp, EventReason.InvalidSpec, String.join("; ", problems));
    fp.setStatus(statusRecorder.invalid(fp, problems));
    metrics.observed(fp, fp.getStatus());
    return UpdateControl.patchStatus(fp); // no retry: a spec change triggers the next reconcile
  }

  private UpdateControl<FinancialPipeline> patch(FinancialPipeline fp, FinancialPipelineStatus status) {
    return patch(fp, status, resync(fp));
  }

  private UpdateControl<FinancialPipeline> patch(FinancialPipeline fp, FinancialPipelineStatus status,
                                                 Duration next) {
    metrics.observed(fp, status);
    fp.setStatus(status);
    return UpdateControl.patchStatus(fp).rescheduleAfter(next);
  }

  /**
   * Writes the outputs ConfigMap and records its name in {@code status}. Its failure never fails the pass: the
   * AWS side is converged, and the next pass tries again; an Event says why.
   */
  private void publishOutputs(FinancialPipeline fp, FinancialPipelineStatus status, AwsClients aws,
                              KubernetesClient kubernetes) {
    String previous = status.outputsConfigMap;
    try {
      var result = new OutputsConfigMap(kubernetes).publish(fp,
          PipelineOutputs.of(fp.getSpec(), status, aws.target().endpoint()), previous);
      if (result instanceof OutputsConfigMap.Written written) {
        status.outputsConfigMap = written.name();
        if (written.changed()) {
          events.record(fp, EventReason.OutputsPublished, "ConfigMap " + written.name() + " holds the outputs");
        }
      } else {
        status.outputsConfigMap = null;
        if (result instanceof OutputsConfigMap.Conflict conflict) {
          events.record(fp, EventReason.OutputsNotPublished, conflict.message());
        }
      }
    } catch (KubernetesClientException e) {
      LOG.warn("outputs ConfigMap of {}/{} not written: {}", fp.getMetadata().getNamespace(),
          fp.getMetadata().getName(), e.getMessage());
      events.record(fp, EventReason.OutputsNotPublished, "outputs ConfigMap " + OutputsConfigMap.nameFor(fp)
          + " not written (retried at the next pass): " + e.getMessage());
    }
  }

  private void recordEvents(FinancialPipeline fp, List<ComponentResult> results) {
    for (ComponentResult r : results) {
      Optional<Convergence> c = r.convergence();
      if (c.isPresent() && c.get().mutated()) {
        Convergence done = c.get();
        if (done.action() == Convergence.Action.UPDATED) {
          done.corrected().forEach(drift -> metrics.driftCorrected(r.kind(), drift.field()));
        }
        EventReason reason = switch (done.action()) {
          case CREATED -> EventReason.Created;
          case UPDATED -> EventReason.DriftCorrected;
          default -> EventReason.Deleted;
        };
        String what = switch (done.action()) {
          case CREATED -> "created";
          case UPDATED -> "corrected: " + done.corrected().stream().map(FieldDrift::field)
              .collect(java.util.stream.Collectors.joining(", "));
          default -> "deleted";
        };
        events.record(fp, reason, r.kind() + " " + r.name() + " " + what);
      } else if (r.state() == ComponentResult.State.Failed) {
        events.record(fp, EventReason.ComponentFailed, r.component() + "/" + r.reason(),
            r.component() + " (" + r.reason() + "): " + r.message());
      }
    }
  }
}
