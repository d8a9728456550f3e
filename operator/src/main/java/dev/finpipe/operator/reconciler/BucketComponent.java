package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.aws.bucket.BucketManager;
import dev.finpipe.operator.aws.bucket.DesiredBucket;
import java.util.Optional;

/** The pipeline's bucket, converged by {@link BucketManager}; deletion honours spec.deletionPolicy. */
final class BucketComponent {
  static final String ID = "bucket";

  private BucketComponent() {
  }

  static ComponentResult converge(PipelineContext ctx, DesiredState desired) {
    return Steps.converge(ID, new BucketManager(ctx.aws().s3()), desired.bucket(), ctx);
  }

  /** With Retain the bucket and its objects stay; with Delete only an empty bucket is removed. */
  static ComponentResult delete(PipelineContext ctx, DesiredState desiredState) {
    DesiredBucket desired = desiredState.bucket();
    if (ctx.spec().deletionPolicy != DeletionPolicy.Delete) {
      return new ComponentResult(ID, "S3 bucket", desired.name(), desired.arn(), ComponentResult.State.Retained,
          null, "kept by deletionPolicy Retain", Optional.empty());
    }
    return Steps.delete(ID, new BucketManager(ctx.aws().s3()), desired, ctx);
  }
}
