package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.BucketSpec;
import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.aws.BucketManager;
import dev.finpipe.operator.aws.DesiredBucket;
import java.util.Optional;

/** The pipeline's bucket: desired state from the spec, converged by {@link BucketManager}. */
final class BucketComponent {
  static final String ID = "bucket";

  private BucketComponent() {
  }

  static DesiredBucket desired(PipelineContext ctx, Optional<String> processorArn) {
    BucketSpec spec = ctx.spec().bucketOrDefault();
    String name = ctx.bucketName();
    return new DesiredBucket(name, ctx.spec().region, ctx.arns().bucket(name), Optional.ofNullable(spec.kmsKeyArn),
        spec.processedExpirationDays, ctx.owner().tags(), processorArn);
  }

  static ComponentResult converge(PipelineContext ctx, Optional<String> processorArn) {
    return Steps.converge(ID, new BucketManager(ctx.aws().s3()), desired(ctx, processorArn), ctx);
  }

  /** With Retain the bucket and its objects stay; with Delete only an empty bucket is removed. */
  static ComponentResult delete(PipelineContext ctx) {
    DesiredBucket desired = desired(ctx, Optional.empty());
    if (ctx.spec().deletionPolicy != DeletionPolicy.Delete) {
      return new ComponentResult(ID, "S3 bucket", desired.name(), desired.arn(), ComponentResult.State.Retained,
          null, "kept by deletionPolicy Retain", Optional.empty());
    }
    return Steps.delete(ID, new BucketManager(ctx.aws().s3()), desired, ctx);
  }
}
