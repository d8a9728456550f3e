package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.aws.function.CodeUploads;
import dev.finpipe.operator.aws.restapi.RestApiEndpoints;
import dev.finpipe.operator.policy.PipelineFunction;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the rows of the {@link ComponentTable} read in one converge or delete pass: the pipeline's context and
 * desired state, its function code (resolved on first use) and the results of the stages run so far.
 */
record Pass(PipelineContext ctx, DesiredState desired, Supplier<FunctionCode.Artifact> code, CodeUploads uploads,
            List<ComponentResult> done) {

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
