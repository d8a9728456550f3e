package dev.finpipe.operator.aws;

import java.util.List;

/** What one converge step did to one AWS resource. */
public record Convergence(Action action, String name, String arn, List<FieldDrift> corrected) {
  public enum Action { UNCHANGED, CREATED, UPDATED, DELETED, ABSENT }

  public static Convergence unchanged(String name, String arn) {
    return new Convergence(Action.UNCHANGED, name, arn, List.of());
  }

  public static Convergence created(String name, String arn) {
    return new Convergence(Action.CREATED, name, arn, List.of());
  }

  public static Convergence updated(String name, String arn, List<FieldDrift> corrected) {
    return new Convergence(Action.UPDATED, name, arn, List.copyOf(corrected));
  }

  public static Convergence deleted(String name, String arn) {
    return new Convergence(Action.DELETED, name, arn, List.of());
  }

  /** Nothing of ours to delete: absent, or owned by someone else. */
  public static Convergence absent(String name) {
    return new Convergence(Action.ABSENT, name, null, List.of());
  }

  public boolean mutated() {
    return action == Action.CREATED || action == Action.UPDATED || action == Action.DELETED;
  }
}
