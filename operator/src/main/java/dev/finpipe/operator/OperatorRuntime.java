package dev.finpipe.operator;

import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsRateLimits;
import dev.finpipe.operator.metrics.PipelineMetrics;
import dev.finpipe.operator.reconciler.AwsAccessResolver;
import dev.finpipe.operator.reconciler.FinancialPipelineReconciler;
import dev.finpipe.operator.reconciler.PassBudget;
import dev.finpipe.operator.reconciler.PipelineConverger;
import dev.finpipe.operator.reconciler.HealthCheck;
import dev.finpipe.operator.reconciler.StatusRecorder;
import dev.finpipe.operator.support.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/** The wired operator: JOSDK with the reconciler, metrics and optional leader election. */
public final class OperatorRuntime implements AutoCloseable {
  public static final String LEASE_NAME = "financial-pipeline-operator";
  private final Operator operator;
  private final AwsAccessResolver access;
  private final SdkHttpClient http;
  private final AwsCallRecorder awsCalls;
  private final PipelineConverger converger;
  private final PassBudget budget;

  public OperatorRuntime(OperatorOptions options, KubernetesClient kubernetes, MeterRegistry registry) {
    this.awsCalls = new AwsCallRecorder(registry);
    this.http = ApacheHttpClient.builder().maxConnections(Math.max(50, options.concurrency * 5)).build();
    this.access = new AwsAccessResolver(kubernetes, options.awsEndpointUri(), http, awsCalls,
        new AwsRateLimits(AwsRateLimits.parse(options.awsRateLimits)));
    // AWS calls of one pipeline's stage run in parallel on threads of this pool, made as needed.
    this.converger = new PipelineConverger(Math.max(8, options.concurrency * 2), options.codeStagingBucket);
    this.budget = new PassBudget(options.passBudget);
    StatusRecorder statusRecorder = new StatusRecorder(Clock.systemUTC());
    EventRecorder events = new EventRecorder(kubernetes);
    PipelineMetrics metrics = new PipelineMetrics(registry, Clock.systemUTC());
    FinancialPipelineReconciler reconciler = new FinancialPipelineReconciler(access, converger, statusRecorder,
        events, options.resyncPeriod, options.allowances(), metrics, budget,
        new HealthCheck(options.healthPeriod, statusRecorder, events, metrics, Clock.systemUTC()));
    this.operator = new Operator(o -> {
      o.withKubernetesClient(kubernetes)
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
          .withConcurrentReconciliationThreads(options.concurrency)
          .withCloseClientOnStop(false);
      if (options.leaderElection) {
        if (options.renewDeadline.compareTo(options.leaseDuration) >= 0) {
          throw new IllegalArgumentException("--leader-election-renew-deadline (" + options.renewDeadline
              + ") must be shorter than --leader-election-lease-duration (" + options.leaseDuration + ")");
        }
        // A null namespace is the pod's own, as with JOSDK's shorter constructors.
        o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(options.leaseName,
            options.leaderElectionNamespace, options.leaseDuration, options.renewDeadline, options.retryPeriod));
      }
    });
    operator.register(reconciler, c -> {
      if (!options.watchedNamespaces().isEmpty()) {
        c.settingNamespaces(options.watchedNamespaces().toArray(String[]::new));
      }
      // The informer lists and watches only the matching pipelines: another operator's are never seen.
      options.labelSelector().ifPresent(c::withLabelSelector);
    });
  }

  public void start() {
    operator.start();
  }

  public Operator operator() {
    return operator;
  }

  /** Every AWS call this operator made, by service and operation. */
  public AwsCallRecorder awsCalls() {
    return awsCalls;
  }

  @Override
  public void close() {
    operator.stop();
    converger.close();
    budget.close();
    access.close();
    http.close();
  }
}
