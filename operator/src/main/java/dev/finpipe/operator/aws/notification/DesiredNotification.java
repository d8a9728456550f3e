package dev.finpipe.operator.aws.notification;

import dev.finpipe.operator.aws.Desired;
import java.util.Map;

/**
 * The bucket notification that invokes the processor for every object created under {@code prefix}.
 * {@code ownerTags} are the bucket's ownership tags: the notification belongs to whoever owns the bucket.
 */
public record DesiredNotification(String bucket, String id, String functionArn, String prefix,
                                  Map<String, String> ownerTags) implements Desired {

  /** The notification is an entry of its bucket's configuration. */
  @Override
  public String name() {
    return bucket + "#" + id;
  }
}
