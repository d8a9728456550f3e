package dev.finpipe.operator.aws.loggroup;

import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.tagging.OwnedResourceTags;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/**
 * The pipeline's log groups as one {@code DescribeLogGroups} by their common prefix lists them (all its pages), for
 * one pass: the log-group rows of a pass share it instead of one listing each. The prefix also matches longer names
 * (another pipeline's, anyone's): only exact names count. Never kept across passes, and forgotten by every write,
 * so a read after a create or an update sees AWS again. A log group not named up front is listed on its own.
 * Source: "DescribeLogGroups" (logGroupNamePrefix, results paginated with nextToken, up to 50 a page),
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html.
 */
public final class PipelineLogGroupReads {
  private final CloudWatchLogsClient logs;
  private final List<String> names;
  private final String prefix;
  private final OwnedResourceTags listedTags;
  private Map<String, LogGroup> byName;

  /** Reads of {@code names} shared by one pass, tags from {@code listedTags}. */
  public PipelineLogGroupReads(CloudWatchLogsClient logs, List<String> names, OwnedResourceTags listedTags) {
    this.logs = logs;
    this.names = List.copyOf(names);
    this.prefix = commonPrefix(names);
    this.listedTags = listedTags;
  }

  /** Reads that share nothing: every log group is listed by its own name. */
  public static PipelineLogGroupReads unshared(CloudWatchLogsClient logs) {
    return new PipelineLogGroupReads(logs, List.of(), OwnedResourceTags.none());
  }

  /** The pass's tag listing: the log group's tags when it lists the log group. */
  OwnedResourceTags listedTags() {
    return listedTags;
  }

  /** The log group of that exact name; empty when it does not exist. */
  public Optional<LogGroup> find(String name) {
    if (!names.contains(name) || prefix.isEmpty()) {
      return Optional.ofNullable(list(name, List.of(name)).get(name));
    }
    synchronized (this) {
      if (byName == null) {
        byName = list(prefix, names);
      }
      return Optional.ofNullable(byName.get(name));
    }
  }

  /** After a write: the next {@link #find} lists again. */
  synchronized void forget() {
    byName = null;
  }

  /** The longest prefix the names share; empty for none (DescribeLogGroups wants at least one character). Pure. */
  static String commonPrefix(List<String> names) {
    if (names.isEmpty()) {
      return "";
    }
    String prefix = names.get(0);
    for (String name : names) {
      int i = 0;
      while (i < prefix.length() && i < name.length() && prefix.charAt(i) == name.charAt(i)) {
        i++;
      }
      prefix = prefix.substring(0, i);
    }
    return prefix;
  }

  private Map<String, LogGroup> list(String namePrefix, List<String> wanted) {
    Map<String, LogGroup> found = new HashMap<>();
    AwsCall.get("DescribeLogGroups " + namePrefix,
        () -> logs.describeLogGroupsPaginator(b -> b.logGroupNamePrefix(namePrefix)).logGroups().stream()
            .filter(g -> wanted.contains(g.logGroupName())).toList())
        .forEach(g -> found.put(g.logGroupName(), g));
    return found;
  }
}
