package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.FinancialPipeline;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which updates of a FinancialPipeline start a pass. JOSDK's generation-aware filtering (on by default) ignores
 * metadata-only changes, so an annotation such as {@code finpipe.dev/adopt-retained} waited for the next resync;
 * the controller turns that filtering off and uses this filter instead: a spec change (generation), a change of
 * any {@code finpipe.dev/} annotation, finalizers, or the deletion mark start a pass; the operator's own status
 * writes do not.
 */
public final class ReconcileTriggers implements OnUpdateFilter<FinancialPipeline> {
  /** Set to any new value (e.g. the current time) to ask for a pass now. */
  public static final String RECONCILE_REQUESTED_AT = "finpipe.dev/reconcile-requested-at";
  /** ISO-8601 duration: this pipeline's resync period instead of the operator's --resync-period. */
  public static final String RESYNC_PERIOD = "finpipe.dev/resync-period";
  static final Duration MIN_RESYNC = Duration.ofSeconds(10);
  private static final String PREFIX = "finpipe.dev/";

  @Override
  public boolean accept(FinancialPipeline updated, FinancialPipeline old) {
    ObjectMeta now = updated.getMetadata();
    ObjectMeta before = old.getMetadata();
    return !Objects.equals(now.getGeneration(), before.getGeneration())
        || updated.isMarkedForDeletion()
        || !Objects.equals(now.getFinalizers(), before.getFinalizers())
        || !ours(now.getAnnotations()).equals(ours(before.getAnnotations()));
  }

  /** The {@code finpipe.dev/} annotations: a change of any of them asks for a full pass. */
  static Map<String, String> ours(Map<String, String> annotations) {
    Map<String, String> ours = new TreeMap<>();
    if (annotations != null) {
      annotations.forEach((k, v) -> {
        if (k.startsWith(PREFIX)) {
          ours.put(k, v);
        }
      });
    }
    return ours;
  }

  /** The pipeline's own resync period, or empty for the operator's default. */
  public static Optional<Duration> resyncPeriod(FinancialPipeline fp) {
    String value = annotation(fp, RESYNC_PERIOD);
    return value == null ? Optional.empty() : Optional.of(Duration.parse(value.trim()));
  }

  /** A problem with the pipeline's annotations, said for the user, or empty. */
  public static Optional<String> annotationProblem(FinancialPipeline fp) {
    String value = annotation(fp, RESYNC_PERIOD);
    if (value == null) {
      return Optional.empty();
    }
    try {
      Duration d = Duration.parse(value.trim());
      return d.compareTo(MIN_RESYNC) < 0
          ? Optional.of(RESYNC_PERIOD + " must be at least " + MIN_RESYNC + ", got " + value)
          : Optional.empty();
    } catch (DateTimeParseException e) {
      return Optional.of(RESYNC_PERIOD + " must be an ISO-8601 duration such as PT2M, got " + value);
    }
  }

  private static String annotation(FinancialPipeline fp, String key) {
    Map<String, String> annotations = fp.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
