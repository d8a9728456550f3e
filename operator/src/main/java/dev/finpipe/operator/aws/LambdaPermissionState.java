package dev.finpipe.operator.aws;

import java.util.Map;

/**
 * The policy statement found by its Sid, parsed. {@code occurrences} counts statements with that Sid (the
 * emulator appends duplicates instead of refusing them). {@code functionTags} are the owning function's.
 */
public record LambdaPermissionState(String sid, String principal, String action, String sourceArn,
                                    String sourceAccount, int occurrences, Map<String, String> functionTags) {
  public LambdaPermissionState {
    functionTags = Map.copyOf(functionTags);
  }

  LambdaPermissionState withTags(Map<String, String> tags) {
    return new LambdaPermissionState(sid, principal, action, sourceArn, sourceAccount, occurrences, tags);
  }
}
