package dev.finpipe.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;

/**
 * The operator as the chart's Deployment (kind path, FINPIPE_E2E_OPERATOR=in-cluster): logs through the API,
 * /metrics through a port-forward to its pod.
 */
public final class InClusterOperator implements RunningOperator {
  private final KubernetesClient admin;
  private final String namespace;
  private final String deployment;
  private final int metricsPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public InClusterOperator(KubernetesClient admin, String namespace, String deployment, int metricsPort) {
    this.admin = admin;
    this.namespace = namespace;
    this.deployment = deployment;
    this.metricsPort = metricsPort;
  }

  @Override
  public String log() {
    return admin.apps().deployments().inNamespace(namespace).withName(deployment).getLog();
  }

  @Override
  public String metrics() {
    return metrics(newestPod().getMetadata().getName());
  }

  /** The scrape of one pod of the Deployment (with several replicas each pod has its own). */
  public String metrics(String pod) {
    try (LocalPortForward forward = admin.pods().inNamespace(namespace).withName(pod).portForward(metricsPort)) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + forward.getLocalPort() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("GET /metrics answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new AssertionError("GET /metrics through a port-forward failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void assertRunning() {
    Deployment d = admin.apps().deployments().inNamespace(namespace).withName(deployment).get();
    Integer ready = d == null || d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
    if (ready == null || ready < 1) {
      throw new AssertionError("deployment " + namespace + "/" + deployment + " has no ready pod; log ends with:\n"
          + logTail(40));
    }
  }

  /** The pods belong to the Helm release: uninstalling it stops them. */
  @Override
  public void close() {
  }

  private Pod newestPod() {
    var selector = admin.apps().deployments().inNamespace(namespace).withName(deployment).get().getSpec()
        .getSelector().getMatchLabels();
    return admin.pods().inNamespace(namespace).withLabels(selector).list().getItems().stream()
        .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()))
        .orElseThrow(() -> new AssertionError("no pod of deployment " + namespace + "/" + deployment));
  }
}
