package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.PlannedChange;
import dev.finpipe.operator.api.PlannedChange.Action;
import dev.finpipe.operator.aws.FieldDrift;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What converging a pipeline would change, found with read calls only: one {@link Item} per AWS resource, in the
 * order the pass met them. Its {@link #hash} is what an approval names.
 */
record ChangePlan(List<Item> items) {
  ChangePlan {
    items = List.copyOf(items);
  }

  /**
   * One resource's change. {@code drift} (Update only) carries the drifted fields with their desired values:
   * the hash covers what will be written, so a second change of the same field is a new plan.
   */
  record Item(String component, String kind, String name, Action action, List<FieldDrift> drift) {
    Item {
      drift = List.copyOf(drift);
    }

    static Item create(String component, String kind, String name) {
      return new Item(component, kind, name, Action.Create, List.of());
    }

    static Item update(String component, String kind, String name, List<FieldDrift> drift) {
      return new Item(component, kind, name, Action.Update, drift);
    }

    static Item delete(String component, String kind, String name) {
      return new Item(component, kind, name, Action.Delete, List.of());
    }

    List<String> fields() {
      return drift.stream().map(FieldDrift::field).distinct().sorted().toList();
    }

    /**
     * One line per item, independent of the order AWS listed things in: the fields sorted, each with the value
     * it will be given. Actual values, times and request ids are left out: they do not change what is written.
     */
    String canonical() {
      return String.join("\t", component, kind, name, action.name(), drift.stream()
          .map(d -> d.field() + "=" + d.desired()).sorted().collect(Collectors.joining("\u001f")));
    }

    /** Whether applying this change is part of the {@code approved} change of the same component. */
    boolean within(PlannedChange approved) {
      if (!component.equals(approved.component) || action == Action.Delete && approved.action != Action.Delete) {
        return false;
      }
      // A creation approved covers the calls that complete it in later passes (a created resource's own updates).
      return approved.action == Action.Create
          || approved.action == action && approved.fields.containsAll(fields());
    }

    PlannedChange toStatus() {
      return new PlannedChange(component, kind, name, action, fields());
    }

    /** E.g. {@code update memorySize} for a status message. */
    String describe() {
      return action.name().toLowerCase(java.util.Locale.ROOT)
          + (drift.isEmpty() ? "" : " " + String.join(", ", fields()));
    }
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  /**
   * SHA-256 (hex) over the canonical items, sorted (the order components finish in within a stage means
   * nothing), chained to {@code previous}, the hash of the last plan applied (null: none). The chain makes a
   * later plan with the same content as an applied one (drift back to the same values) a new plan: the
   * approval still on the object does not approve it.
   */
  String hash(String previous) {
    String canonical = "previous=" + Objects.requireNonNullElse(previous, "") + "\n"
        + items.stream().map(Item::canonical).sorted().collect(Collectors.joining("\n"));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Whether every change of this plan is part of the {@code approved} one. */
  boolean within(List<PlannedChange> approved) {
    return items.stream().allMatch(item -> approved.stream().anyMatch(item::within));
  }

  List<PlannedChange> toStatus() {
    return items.stream().map(Item::toStatus).toList();
  }

  /** The items in the order of {@code components} (the pass's results), each component once. */
  static ChangePlan ordered(List<Item> items, List<String> components) {
    return new ChangePlan(items.stream()
        .sorted(Comparator.comparingInt(i -> order(components, i.component()))).toList());
  }

  private static int order(List<String> components, String component) {
    int index = components.indexOf(component);
    return index < 0 ? Integer.MAX_VALUE : index;
  }
}
