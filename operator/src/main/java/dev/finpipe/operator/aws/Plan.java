package dev.finpipe.operator.aws;

import java.util.List;
import java.util.Optional;

/**
 * What converging one resource would do, found with read calls only: create it ({@code observed} empty), correct
 * the {@code drift}ed fields, or nothing. Applying a plan is the only way a manager writes.
 */
public record Plan<O>(Optional<O> observed, List<FieldDrift> drift) {
  public Plan {
    drift = List.copyOf(drift);
  }

  public static <O> Plan<O> create() {
    return new Plan<>(Optional.empty(), List.of());
  }

  public boolean creates() {
    return observed.isEmpty();
  }

  public boolean converged() {
    return observed.isPresent() && drift.isEmpty();
  }
}
