package dev.finpipe.operator.aws;

import dev.finpipe.operator.support.Ownership;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One AWS resource kind: observe, diff, act. Knows nothing of Kubernetes. {@code D} is the typed desired
 * state (a record computed purely from the spec), {@code O} what was observed in AWS.
 *
 * <p>{@link #converge} is the whole contract: a converged resource costs only read calls; a drifted one is
 * corrected field by field; a resource owned by someone else is never written.
 */
public interface ResourceManager<D, O> {

  /** Reads the actual resource by its deterministic name; empty when it does not exist. */
  Optional<O> observe(D desired);

  /** Tags found on the observed resource (for the ownership check). */
  Map<String, String> tagsOf(O observed);

  /** Creates the resource with every managed field and the ownership tags. */
  O create(D desired);

  /** The managed fields whose actual value differs from the desired one; empty when converged. */
  List<FieldDrift> diff(D desired, O observed);

  /** Writes only the drifted fields. */
  void update(D desired, O observed, List<FieldDrift> drift);

  String nameOf(D desired);

  String arnOf(D desired, O observed);

  /** A short kind for messages and events, e.g. {@code S3 bucket}. */
  String kind();

  /** Deletes the resource; called only for a resource this owner was checked to own. */
  void delete(D desired, O observed);

  default Convergence converge(D desired, Ownership owner) {
    Optional<O> observed = observe(desired);
    if (observed.isEmpty()) {
      O created = create(desired);
      return Convergence.created(nameOf(desired), arnOf(desired, created));
    }
    O actual = observed.get();
    owner.requireOwned(kind(), nameOf(desired), tagsOf(actual));
    List<FieldDrift> drift = diff(desired, actual);
    if (drift.isEmpty()) {
      return Convergence.unchanged(nameOf(desired), arnOf(desired, actual));
    }
    update(desired, actual, drift);
    return Convergence.updated(nameOf(desired), arnOf(desired, actual), drift);
  }

  /**
   * Deletes the resource when it exists and is ours. A resource owned by someone else is left untouched
   * (reported as ABSENT for this pipeline).
   */
  default Convergence remove(D desired, Ownership owner) {
    Optional<O> observed = observe(desired);
    if (observed.isEmpty() || !owner.owns(tagsOf(observed.get()))) {
      return new Convergence(Convergence.Action.ABSENT, nameOf(desired), null, List.of());
    }
    delete(desired, observed.get());
    return new Convergence(Convergence.Action.DELETED, nameOf(desired), arnOf(desired, observed.get()), List.of());
  }
}
