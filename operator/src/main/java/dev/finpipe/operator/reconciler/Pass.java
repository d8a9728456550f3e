package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.aws.alarm.PipelineAlarmReads;
import dev.finpipe.operator.aws.bucket.PassBucketReads;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.function.CodeUploads;
import dev.finpipe.operator.aws.loggroup.PipelineLogGroupReads;
import dev.finpipe.operator.aws.tagging.OwnedResourceTags;
import dev.finpipe.operator.policy.Arns;
import dev.finpipe.operator.aws.restapi.RestApiEndpoints;
import dev.finpipe.operator.policy.PipelineFunction;
import dev.finpipe.operator.policy.ResourceNames;
import dev.finpipe.operator.support.Ownership;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the rows of the {@link ComponentTable} read in one converge or delete pass: the pipeline's context and
 * desired state, its function code (resolved on first use), the results of the stages run so far, and the reads
 * its rows share (one GetResources for the tags of the alarms, log groups, queues and bucket, one DescribeAlarms
 * for every alarm, one DescribeLogGroups for every log group, the bucket's HeadBucket and tags for the bucket and
 * its notification). A new pass starts with none of them read:
 * a pass sees AWS as it is.
 */
record Pass(PipelineContext ctx, DesiredState desired, Supplier<FunctionCode.Artifact> code, CodeUploads uploads,
            List<ComponentResult> done, OwnedResourceTags listedTags, PipelineAlarmReads alarms,
            PipelineLogGroupReads logGroups, PassBucketReads bucket) {

  /** A pass with nothing done and nothing read yet. */
  static Pass start(PipelineContext ctx, Supplier<FunctionCode.Artifact> code, CodeUploads uploads) {
    ResourceNames names = ctx.identity().names();
    AwsClients aws = ctx.aws();
    OwnedResourceTags listed = new OwnedResourceTags(aws::tagging, Ownership.TAG_UID, ctx.owner().uid());
    return new Pass(ctx, new DesiredState(ctx.identity()), code, uploads,
        new CopyOnWriteArrayList<>(), // read by the stages' tasks while results are added
        listed, new PipelineAlarmReads(aws.cloudWatch(), each(names::errorRateAlarm), listed),
        new PipelineLogGroupReads(aws.logs(), each(names::logGroup), listed),
        PassBucketReads.ofPass(aws.s3(), listed, Arns.partitionOf(aws.region())));
  }

  private static List<String> each(Function<PipelineFunction, String> name) {
    return Arrays.stream(PipelineFunction.values()).map(name).toList();
  }

  /** The ARN of the function's role as its (earlier) component reported it; the new-role ARN until then. */
  String roleArn(PipelineFunction f) {
    String component = ComponentTable.roleComponent(f);
    return done.stream().filter(r -> r.component().equals(component) && r.arn() != null).findFirst()
        .map(ComponentResult::arn).orElseGet(() -> desired.roleArn(f));
  }

  /** The REST API's endpoints once an earlier stage made it ready. */
  Optional<RestApiEndpoints> api() {
    return done.stream().filter(r -> r.component().equals(ComponentTable.API) && r.ready() && r.arn() != null)
        .findFirst()
        .map(r -> RestApiEndpoints.fromExecutionArn(r.arn(), ctx.spec().apiOrDefault().stageName));
  }
}
