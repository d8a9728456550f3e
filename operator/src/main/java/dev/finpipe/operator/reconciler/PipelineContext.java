package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.function.FunctionTags;
import dev.finpipe.operator.policy.AdministratorAllowances;
import dev.finpipe.operator.support.Ownership;

/**
 * One reconcile of one pipeline: its {@link PipelineIdentity}, its AWS clients, and what the current pass has
 * read of its functions' tags ({@link #forPass()} starts a pass with none).
 */
public record PipelineContext(PipelineIdentity identity, AwsClients aws, FunctionTags functionTags) {

  public static PipelineContext of(dev.finpipe.operator.api.FinancialPipeline pipeline, AwsClients aws,
                                   String accountId) {
    return of(pipeline, aws, accountId, AdministratorAllowances.DEFAULTS);
  }

  public static PipelineContext of(dev.finpipe.operator.api.FinancialPipeline pipeline, AwsClients aws,
                                   String accountId, AdministratorAllowances allowances) {
    aws.expectBucketOwner(accountId); // the clients act in this account: its buckets are the only ones to touch
    return new PipelineContext(PipelineIdentity.of(pipeline, accountId, allowances), aws,
        new FunctionTags(aws.lambda()));
  }

  /** The same pipeline with nothing read yet: tags read in an earlier pass may have changed since. */
  public PipelineContext forPass() {
    return new PipelineContext(identity, aws, new FunctionTags(aws.lambda()));
  }

  public FinancialPipelineSpec spec() {
    return identity.spec();
  }

  public Ownership owner() {
    return identity.owner();
  }
}
