package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.policy.AdministratorAllowances;
import dev.finpipe.operator.policy.Arns;
import dev.finpipe.operator.policy.ResourceNames;
import dev.finpipe.operator.support.Ownership;

/**
 * Who a pipeline is in AWS: its resource, account, resource names, ARNs, owner and the permissions boundary of
 * its roles. Pure: everything follows from the resource, the account id and the administrator's allowances, so
 * the desired state can be computed (and tested) without AWS.
 */
public record PipelineIdentity(FinancialPipeline pipeline, String accountId, ResourceNames names, Arns arns,
                               Ownership owner, String permissionsBoundaryArn) {

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
        allowances.permissionsBoundaryArn(arns));
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
