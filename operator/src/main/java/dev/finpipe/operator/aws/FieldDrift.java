package dev.finpipe.operator.aws;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One managed field whose actual value differs from the desired one. {@code key} singles out one instance of
 * a field that occurs several times (a route, a policy), null otherwise. Values are short human-readable
 * renderings for events and logs (never secrets).
 */
public record FieldDrift(ManagedField managed, String key, String desired, String actual) {
  static final String ABSENT = "<absent>";
  static final String NONE = "<none>";

  public static FieldDrift of(ManagedField field, Object desired, Object actual) {
    return keyed(field, null, desired, actual);
  }

  public static FieldDrift keyed(ManagedField field, String key, Object desired, Object actual) {
    return new FieldDrift(field, key, desired == null ? NONE : String.valueOf(desired),
        actual == null ? ABSENT : String.valueOf(actual));
  }

  /** The field's name as events and status show it, e.g. {@code route[GET /status/{jobId}].integration.uri}. */
  public String field() {
    return managed.render(key);
  }

  /** The drifted fields of one kind, for dispatching an update. */
  public static <F extends Enum<F> & ManagedField> Set<F> fields(List<FieldDrift> drift, Class<F> kind) {
    EnumSet<F> fields = EnumSet.noneOf(kind);
    drift.stream().map(FieldDrift::managed).filter(kind::isInstance).map(kind::cast).forEach(fields::add);
    return fields;
  }

  @Override
  public String toString() {
    return field();
  }
}
