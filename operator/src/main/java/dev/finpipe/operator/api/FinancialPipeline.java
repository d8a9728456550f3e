package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A serverless financial-data pipeline on AWS: bucket, dead-letter queues, IAM roles, four Lambda functions,
 * a REST API and error-rate alarms, provisioned and kept converged by the operator.
 */
@Group(FinancialPipeline.GROUP)
@Version(FinancialPipeline.VERSION)
@Plural("financialpipelines")
@Singular("financialpipeline")
@ShortNames("fp")
@Categories({"finpipe", "aws"})
// kubectl shows the columns in this order (PrinterColumnOrder restores it after the generator sorted them by
// jsonPath); -o wide adds the priority-1 ones.
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "API URL", jsonPath = ".status.apiEndpointUrl",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Failing", jsonPath = ".status.failingComponent",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
public class FinancialPipeline extends CustomResource<FinancialPipelineSpec, FinancialPipelineStatus>
    implements Namespaced {
  public static final String GROUP = "finpipe.dev";
  public static final String VERSION = "v1alpha1";
  public static final String CRD_NAME = "financialpipelines." + GROUP;

  // Overridden only to document the two top-level fields for kubectl explain.
  @Override
  @io.fabric8.generator.annotation.Required
  @JsonPropertyDescription("The pipeline the user wants: region, environment, and the settings of each part.")
  public FinancialPipelineSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the operator built and observed: conditions, phase, API URL, one entry per AWS "
      + "resource. Written only by the operator.")
  public FinancialPipelineStatus getStatus() {
    return super.getStatus();
  }
}
