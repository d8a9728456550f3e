package dev.finpipe.operator.aws.bucket;

import dev.finpipe.operator.aws.Observed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/** Every managed field of a bucket, as read from S3. Absent configurations are empty. */
public record ObservedBucket(String name, Map<String, String> tags, Optional<ServerSideEncryptionRule> encryption,
                             List<LifecycleRule> lifecycleRules,
                             Optional<PublicAccessBlockConfiguration> publicAccessBlock, Optional<String> policy)
    implements Observed {
}
