package dev.finpipe.operator.support;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes Kubernetes Events on a FinancialPipeline. Best effort: a failed event never fails a reconcile. */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "financial-pipeline-operator";
  private static final int MAX_MESSAGE = 1024;
  private final KubernetesClient kubernetes;

  public EventRecorder(KubernetesClient kubernetes) {
    this.kubernetes = kubernetes;
  }

  public void normal(HasMetadata resource, String reason, String message) {
    record(resource, "Normal", reason, message);
  }

  public void warning(HasMetadata resource, String reason, String message) {
    record(resource, "Warning", reason, message);
  }

  private void record(HasMetadata resource, String type, String reason, String message) {
    var meta = resource.getMetadata();
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
    try {
      kubernetes.v1().events().inNamespace(meta.getNamespace()).resource(new EventBuilder()
          .withNewMetadata()
          .withName(meta.getName() + "." + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
          .withNamespace(meta.getNamespace())
          .endMetadata()
          .withNewInvolvedObject()
          .withApiVersion(resource.getApiVersion()).withKind(resource.getKind())
          .withName(meta.getName()).withNamespace(meta.getNamespace()).withUid(meta.getUid())
          .withResourceVersion(meta.getResourceVersion())
          .endInvolvedObject()
          .withType(type).withReason(reason).withMessage(text)
          .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent(COMPONENT)
          .build()).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {}/{}: {}", reason, meta.getNamespace(), meta.getName(),
          e.getMessage());
    }
  }
}
