package dev.finpipe.operator.aws.notification;

import dev.finpipe.operator.aws.Observed;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;

/** The bucket's whole notification configuration, ours (found by id) singled out. */
public record ObservedNotification(Map<String, String> bucketTags, NotificationConfiguration configuration,
                                   Optional<LambdaFunctionConfiguration> ours) implements Observed {

  /** The notification belongs to whoever owns the bucket. */
  @Override
  public Map<String, String> tags() {
    return bucketTags;
  }
}
