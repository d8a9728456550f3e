package dev.finpipe.operator.aws;

import dev.finpipe.operator.support.Ownership;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One AWS resource kind: observe, diff, act. Knows nothing of Kubernetes. {@code D} is the typed desired
 * state (a record computed purely from the spec), {@code O} what was observed in AWS.
 *
 * <p>{@link #plan} reads and never writes; {@link #apply} carries a plan out. A converged resource costs only
 * read calls; a drifted one is corrected field by field; a resource owned by someone else is never written.
 */
public interface ResourceManager<D extends Desired, O extends Observed> {

  /** Reads the actual resource by its deterministic name; empty when it does not exist. */
  Optional<O> observe(D desired);

  /** Tags found on the observed resource (for the ownership check). */
  default Map<String, String> tagsOf(O observed) {
    return observed.tags();
  }

  /** Creates the resource with every managed field and the ownership tags. */
  O create(D desired);

  /** The managed fields whose actual value differs from the desired one; empty when converged. */
  List<FieldDrift> diff(D desired, O observed);

  /** Writes only the drifted fields. */
  void update(D desired, O observed, List<FieldDrift> drift);

  default String nameOf(D desired) {
    return desired.name();
  }

  String arnOf(D desired, O observed);

  /** A short kind for messages and events, e.g. {@code S3 bucket}. */
  String kind();

  /** Deletes the resource; called only for a resource this owner was checked to own. */
  void delete(D desired, O observed);

  /**
   * The parent a kind without tags of its own belongs to (a function's permission, a bucket's notification), as
   * found in AWS; empty for a kind with tags of its own, or while the parent does not exist. {@link #plan}
   * checks it before creating the resource, so nothing is added to a parent owned by someone else. Read calls
   * only.
   */
  default Optional<Parent> parent(D desired) {
    return Optional.empty();
  }

  /** A resource's parent: its kind and name (for messages) and the tags that say who owns it. */
  record Parent(String kind, String name, Map<String, String> tags) {
  }

  /** Whether the resource holds data a user may want to keep (objects, failed events); read calls only. */
  default boolean holdsData(O observed) {
    return false;
  }

  /**
   * Whether a resource found without ownership tags provably is this pipeline's all the same: created, then left
   * untagged by a crash or a lost answer before its tags were written. {@link #plan} then treats it as owned, and
   * the tag drift of its diff tags it. False unless a kind can prove it (the bucket: see BucketManager). Read
   * calls only.
   */
  default boolean provablyOursUntagged(D desired, O observed) {
    return false;
  }

  /**
   * Observes and diffs; refuses a resource owned by someone else, and the creation of one under a parent owned by
   * someone else. Read calls only.
   */
  default Plan<O> plan(D desired, Ownership owner) {
    Optional<O> observed = observe(desired);
    if (observed.isEmpty()) {
      parent(desired).ifPresent(p -> owner.requireOwned(p.kind(), p.name(), p.tags()));
      return Plan.create();
    }
    if (!owner.owns(tagsOf(observed.get())) && !provablyOursUntagged(desired, observed.get())) {
      owner.requireOwned(kind(), nameOf(desired), tagsOf(observed.get()));
    }
    return new Plan<>(observed, diff(desired, observed.get()));
  }

  /** Carries out a plan made by {@link #plan}. */
  default Convergence apply(D desired, Plan<O> plan) {
    if (plan.creates()) {
      O created = create(desired);
      return Convergence.created(nameOf(desired), arnOf(desired, created));
    }
    O actual = plan.observed().orElseThrow();
    if (plan.converged()) {
      return Convergence.unchanged(nameOf(desired), arnOf(desired, actual));
    }
    update(desired, actual, plan.drift());
    return Convergence.updated(nameOf(desired), arnOf(desired, actual), plan.drift());
  }

  default Convergence converge(D desired, Ownership owner) {
    return apply(desired, plan(desired, owner));
  }

  /**
   * Deletes the resource when it exists and is ours. A resource owned by someone else is left untouched
   * (reported as ABSENT for this pipeline).
   */
  default Convergence remove(D desired, Ownership owner) {
    return observeOwned(desired, owner).map(observed -> remove(desired, observed))
        .orElseGet(() -> Convergence.absent(nameOf(desired)));
  }

  /** The resource when it exists and is this owner's; one owned by someone else counts as absent. Reads only. */
  default Optional<O> observeOwned(D desired, Ownership owner) {
    return observe(desired).filter(observed -> owner.owns(tagsOf(observed)));
  }

  /** Deletes a resource found by {@link #observeOwned} and reports it. */
  default Convergence remove(D desired, O observed) {
    delete(desired, observed);
    return Convergence.deleted(nameOf(desired), arnOf(desired, observed));
  }
}
