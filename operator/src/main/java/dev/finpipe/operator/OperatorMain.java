package dev.finpipe.operator;

import dev.finpipe.operator.metrics.JvmAndProcessMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point: parses options, starts the operator, its probe port and its metrics port, stops on SIGTERM. */
public final class OperatorMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);
  private static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(10);
  @CommandLine.Mixin
  private final OperatorOptions options = new OperatorOptions();

  public static void main(String[] args) {
    System.exit(new CommandLine(new OperatorMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Metrics.addRegistry(registry);
    JvmAndProcessMetrics.bindTo(registry);
    options.checkPorts();
    options.checkCodeStagingBucket();
    KubernetesClient kubernetes = new KubernetesClientBuilder().build();
    OperatorRuntime runtime = new OperatorRuntime(options, kubernetes, registry);
    HealthServer health = new HealthServer(options.httpPort, runtime.operator()::getRuntimeInfo);
    MetricsServer metrics = new MetricsServer(options.metricsBindAddress, options.metricsPort, registry);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // Stopping can hang on a request the API server no longer answers: give it a bounded time.
      Thread stopper = new Thread(() -> {
        runtime.close();
        health.close();
        metrics.close();
        kubernetes.close();
      }, "stop");
      stopper.setDaemon(true);
      stopper.start();
      try {
        stopper.join(SHUTDOWN_GRACE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (stopper.isAlive()) {
        LOG.warn("operator did not stop within {}; exiting anyway", SHUTDOWN_GRACE);
      }
      stopped.countDown();
    }, "shutdown"));
    runtime.start();
    LOG.info("operator started: namespaces={}, selector={}, resync={}, aws endpoint={}, health port {}, metrics port {} on {}",
        options.watchedNamespaces().isEmpty() ? "all" : options.watchedNamespaces(),
        options.labelSelector().orElse("none"), options.resyncPeriod,
        options.awsEndpointUri().map(Object::toString).orElse("AWS"), health.port(), metrics.address().getPort(),
        metrics.address().getAddress().getHostAddress());
    stopped.await();
    return 0;
  }
}
