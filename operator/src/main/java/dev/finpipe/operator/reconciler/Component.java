package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.aws.Desired;
import dev.finpipe.operator.aws.ResourceManager;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One row of the {@link ComponentTable}: a component id (as status reports it), its stage, the manager of its
 * kind, its desired record, what deleting the pipeline does to it, and when the spec wants it at all (a component
 * not wanted is removed). An empty desired record means it waits for {@code waitsFor}. {@code name}, when
 * given, names the resource without computing its desired record (which may then be costly, like a function's
 * code): the record is computed only when the component's step runs.
 */
record Component<D extends Desired>(String id, Stage stage, Function<Pass, ResourceManager<D, ?>> manager,
                    Function<Pass, Optional<D>> desired, Deletion deletion,
                    Predicate<FinancialPipelineSpec> wanted, String waitsFor, Function<Pass, String> name) {

  static <D extends Desired> Component<D> of(String id, Stage stage, Function<Pass, ResourceManager<D, ?>> manager,
                             Function<Pass, D> desired, Deletion deletion) {
    return new Component<>(id, stage, manager, pass -> Optional.of(desired.apply(pass)), deletion, spec -> true,
        null, null);
  }

  /** The same component, present only while the spec wants it. */
  Component<D> when(Predicate<FinancialPipelineSpec> wanted) {
    return new Component<>(id, stage, manager, desired, deletion, wanted, waitsFor, name);
  }

  /** The same component, named without computing its desired record. */
  Component<D> named(Function<Pass, String> name) {
    return new Component<>(id, stage, manager, desired, deletion, wanted, waitsFor, name);
  }

  /** A component whose desired record exists only once {@code dependency} (an earlier stage's) is ready. */
  static <D extends Desired> Component<D> after(String dependency, String id, Stage stage,
                                Function<Pass, ResourceManager<D, ?>> manager, Function<Pass, Optional<D>> desired,
                                Deletion deletion) {
    return new Component<>(id, stage, manager, desired, deletion, spec -> true, dependency, null);
  }
}
