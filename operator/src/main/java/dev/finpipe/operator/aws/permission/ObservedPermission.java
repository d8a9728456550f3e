package dev.finpipe.operator.aws.permission;

import dev.finpipe.operator.aws.Observed;
import java.util.Map;

/**
 * The policy statement found by its Sid, parsed. {@code occurrences} counts statements with that Sid (the
 * emulator appends duplicates instead of refusing them). {@code foreignStatements}: the other statements of the
 * function's policy, Sid to principal. {@code functionTags} are the owning function's.
 */
public record ObservedPermission(String sid, String principal, String action, String sourceArn,
                                    String sourceAccount, int occurrences, Map<String, String> foreignStatements,
                                    Map<String, String> functionTags)
    implements Observed {
  public ObservedPermission {
    foreignStatements = Map.copyOf(foreignStatements);
    functionTags = Map.copyOf(functionTags);
  }

  ObservedPermission withTags(Map<String, String> tags) {
    return new ObservedPermission(sid, principal, action, sourceArn, sourceAccount, occurrences, foreignStatements,
        tags);
  }

  /** It belongs to whoever owns the function. */
  @Override
  public Map<String, String> tags() {
    return functionTags;
  }
}
