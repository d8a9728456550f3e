package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.function.FunctionTags;
import dev.finpipe.operator.policy.Arns;
import dev.finpipe.operator.policy.ResourceNames;
import dev.finpipe.operator.support.Ownership;

/**
 * Everything one reconcile of one pipeline needs: the resource, its AWS clients, names, ARNs, owner, and what
 * the current pass has read of its functions' tags ({@link #forPass()} starts a pass with none).
 */
public record PipelineContext(FinancialPipeline pipeline, AwsClients aws, String accountId, ResourceNames names,
                              Arns arns, Ownership owner, FunctionTags functionTags) {

  public static PipelineContext of(FinancialPipeline pipeline, AwsClients aws, String accountId) {
    var meta = pipeline.getMetadata();
    var spec = pipeline.getSpec();
    return new PipelineContext(pipeline, aws, accountId,
        new ResourceNames(meta.getNamespace(), meta.getName(), spec.environment),
        Arns.of(spec.region, accountId),
        new Ownership(meta.getNamespace(), meta.getName(), meta.getUid(), meta.getAnnotations() != null
            && "true".equals(meta.getAnnotations().get(Ownership.ADOPT_RETAINED_ANNOTATION))),
        new FunctionTags(aws.lambda()));
  }

  /** The same pipeline with nothing read yet: tags read in an earlier pass may have changed since. */
  public PipelineContext forPass() {
    return new PipelineContext(pipeline, aws, accountId, names, arns, owner, new FunctionTags(aws.lambda()));
  }

  public FinancialPipelineSpec spec() {
    return pipeline.getSpec();
  }

  public String bucketName() {
    String explicit = spec().bucketOrDefault().name;
    return explicit != null ? explicit : names.bucket(accountId, spec().region);
  }
}
