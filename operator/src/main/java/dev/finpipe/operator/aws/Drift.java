package dev.finpipe.operator.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Collects the drift of one resource: each managed field compared once, the same way for every kind. */
public final class Drift {
  private final List<FieldDrift> found = new ArrayList<>();

  /** Records {@code field} when the values differ ({@link Objects#equals}). */
  public Drift compare(ManagedField field, Object desired, Object actual) {
    return compare(field, null, desired, actual);
  }

  public Drift compare(ManagedField field, String key, Object desired, Object actual) {
    if (!Objects.equals(desired, actual)) {
      found.add(FieldDrift.keyed(field, key, desired, actual));
    }
    return this;
  }

  /** Records the tags field when a desired tag is absent or different; tags others added are left alone. */
  public Drift tags(ManagedField field, Map<String, String> desired, Map<String, String> actual) {
    Map<String, String> missing = TagDiff.missing(desired, actual);
    if (!missing.isEmpty()) {
      found.add(FieldDrift.of(field, missing.keySet(), "absent or different"));
    }
    return this;
  }

  /** Records a drift found by a kind's own rule. */
  public Drift add(FieldDrift drift) {
    found.add(drift);
    return this;
  }

  public Drift addAll(List<FieldDrift> drift) {
    found.addAll(drift);
    return this;
  }

  public List<FieldDrift> list() {
    return List.copyOf(found);
  }
}
