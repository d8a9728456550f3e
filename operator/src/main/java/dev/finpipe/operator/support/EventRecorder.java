package dev.finpipe.operator.support;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events on a FinancialPipeline. A repeat of the same reason about the same thing on the same
 * object counts up one Event ({@code count}, {@code lastTimestamp}, latest message), as client-go's recorder does,
 * instead of writing a new Event each resync: the Event's name is derived from that identity. Best effort: a
 * failed event never fails a reconcile.
 */
public final class EventRecorder {
  static final String NORMAL = "Normal";
  static final String WARNING = "Warning";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "financial-pipeline-operator";
  private static final int MAX_MESSAGE = 1024;
  private final KubernetesClient kubernetes;

  public EventRecorder(KubernetesClient kubernetes) {
    this.kubernetes = kubernetes;
  }

  /** Records {@code message}; repeats with the same reason and message count up one Event. */
  public void record(HasMetadata resource, EventReason reason, String message) {
    record(resource, reason, message, message);
  }

  /**
   * Records {@code message}; repeats with the same reason and {@code about} count up one Event, whose message
   * becomes the latest (AWS error texts differ by request id from one try to the next).
   */
  public void record(HasMetadata resource, EventReason reason, String about, String message) {
    var meta = resource.getMetadata();
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
    String name = eventName(meta.getName(), meta.getUid(), reason, about);
    var events = kubernetes.v1().events().inNamespace(meta.getNamespace());
    try {
      Event existing = events.withName(name).get();
      if (existing != null) {
        events.withName(name).edit(e -> new EventBuilder(e)
            .withCount(e.getCount() == null ? 2 : e.getCount() + 1)
            .withLastTimestamp(now).withMessage(text).build());
        return;
      }
      events.resource(new EventBuilder()
          .withNewMetadata().withName(name).withNamespace(meta.getNamespace()).endMetadata()
          .withNewInvolvedObject()
          .withApiVersion(resource.getApiVersion()).withKind(resource.getKind())
          .withName(meta.getName()).withNamespace(meta.getNamespace()).withUid(meta.getUid())
          .withResourceVersion(meta.getResourceVersion())
          .endInvolvedObject()
          .withType(reason.type()).withReason(reason.name()).withMessage(text)
          .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
          .withNewSource().withComponent(COMPONENT).endSource()
          .withReportingComponent(COMPONENT)
          .build()).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {}/{}: {}", reason, meta.getNamespace(), meta.getName(),
          e.getMessage());
    }
  }

  /** One name per (object uid, reason, what it is about): the identity repeats are counted under. */
  static String eventName(String objectName, String uid, EventReason reason, String about) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((uid + "\n" + reason + "\n" + about).getBytes(StandardCharsets.UTF_8));
      String prefix = objectName.length() > 236 ? objectName.substring(0, 236) : objectName; // name max 253
      return prefix + "." + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
