package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.policy.AdministratorAllowances;
import dev.finpipe.operator.policy.Arns;
import dev.finpipe.operator.policy.ResourceNames;
import dev.finpipe.operator.policy.ResourceTags;
import dev.finpipe.operator.support.Ownership;
import java.util.Map;

/**
 * Who a pipeline is in AWS: its resource, account, resource names, ARNs, owner, the permissions boundary of
 * its roles and the operator's default tags. Pure: everything follows from the resource, the account id and the administrator's allowances, so
 * the desired state can be computed (and tested) without AWS.
 */
public record PipelineIdentity(FinancialPipeline pipeline, String accountId, ResourceNames names, Arns arns,
                               Ownership owner, String permissionsBoundaryArn, Map<String, String> defaultTags) {

  public static PipelineIdentity of(FinancialPipeline pipeline, String accountId) {
    return of(pipeline, accountId, AdministratorAllowances.DEFAULTS);
  }

  public static PipelineIdentity of(FinancialPipeline pipeline, String accountId,
                                    AdministratorAllowances allowances) {
    var meta = pipeline.getMetadata();
    var spec = pipeline.getSpec();
    Arns arns = Arns.of(spec.region, accountId);
    return new PipelineIdentity(pipeline, accountId,
        new ResourceNames(meta.getNamespace(), meta.getName(), spec.environment), arns,
        new Ownership(meta.getNamespace(), meta.getName(), meta.getUid(), meta.getAnnotations() == null ? null
            : meta.getAnnotations().get(Ownership.ADOPT_RETAINED_ANNOTATION)),
        allowances.permissionsBoundaryArn(arns), allowances.defaultTags());
  }

  /** The tags of every AWS resource of the pipeline: ownership over spec.tags over the default tags. */
  public Map<String, String> tags() {
    return ResourceTags.merge(owner.tags(), spec().tags, defaultTags);
  }

  public FinancialPipelineSpec spec() {
    return pipeline.getSpec();
  }

  /** {@code spec.bucket.name}, or the generated name. */
  public String bucketName() {
    String explicit = spec().bucketOrDefault().name;
    return explicit != null ? explicit : names.bucket(accountId, spec().region);
  }

  /** Whether {@link #bucketName} is the generated name (no {@code spec.bucket.name}). */
  public boolean bucketNameGenerated() {
    return spec().bucketOrDefault().name == null;
  }
}
