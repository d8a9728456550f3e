package dev.finpipe.operator.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.ApiSpec;
import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.api.FinancialPipelineStatus;
import dev.finpipe.operator.api.ResourceStatus;
import dev.finpipe.operator.policy.PipelineFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineOutputsTest {
  private static final String ACCOUNT = "123456789012";

  @Test
  void aConvergedPipelineHasEveryOutputInAStableOrder() {
    Map<String, String> outputs = PipelineOutputs.of(spec("v1"), converged(), Optional.empty()).orElseThrow();

    assertThat(outputs.keySet()).containsExactly("API_URL", "API_STAGE", "REGION", "BUCKET_NAME", "BUCKET_ARN",
        "UPLOAD_FUNCTION_ARN", "UPLOAD_DLQ_URL", "STATUS_FUNCTION_ARN", "STATUS_DLQ_URL", "RESULTS_FUNCTION_ARN",
        "RESULTS_DLQ_URL", "PROCESSOR_FUNCTION_ARN", "PROCESSOR_DLQ_URL");
    assertThat(outputs).containsEntry("API_URL", "https://abc.execute-api.eu-west-1.amazonaws.com/v1")
        .containsEntry("API_STAGE", "v1")
        .containsEntry("REGION", "eu-west-1")
        .containsEntry("BUCKET_NAME", "fp-bucket")
        .containsEntry("BUCKET_ARN", "arn:aws:s3:::fp-bucket")
        .containsEntry("PROCESSOR_FUNCTION_ARN", "arn:aws:lambda:eu-west-1:" + ACCOUNT + ":function:fp-processor")
        .containsEntry("UPLOAD_DLQ_URL", "https://sqs.eu-west-1.amazonaws.com/" + ACCOUNT + "/fp-upload-dlq");
  }

  @Test
  void nothingWhileTheApiUrlIsNotKnown() {
    FinancialPipelineStatus status = converged();
    status.apiEndpointUrl = null;
    assertThat(PipelineOutputs.of(spec("v1"), status, Optional.empty())).isEmpty();
  }

  @Test
  void nothingWhileAResourceHasNoArnYet() {
    FinancialPipelineStatus status = converged();
    status.resources.stream().filter(r -> r.component.equals("results-function")).findFirst().orElseThrow().arn =
        null;
    assertThat(PipelineOutputs.of(spec("v1"), status, Optional.empty())).isEmpty();
  }

  @Test
  void nothingWithoutStatus() {
    assertThat(PipelineOutputs.of(spec("v1"), null, Optional.empty())).isEmpty();
  }

  private static FinancialPipelineSpec spec(String stage) {
    FinancialPipelineSpec spec = new FinancialPipelineSpec();
    spec.region = "eu-west-1";
    spec.api = new ApiSpec();
    spec.api.stageName = stage;
    return spec;
  }

  private static FinancialPipelineStatus converged() {
    FinancialPipelineStatus status = new FinancialPipelineStatus();
    status.apiEndpointUrl = "https://abc.execute-api.eu-west-1.amazonaws.com/v1";
    status.bucketName = "fp-bucket";
    List<ResourceStatus> resources = new ArrayList<>();
    resources.add(new ResourceStatus("bucket", "S3 bucket", "fp-bucket", "arn:aws:s3:::fp-bucket", "Ready", null));
    for (PipelineFunction f : PipelineFunction.values()) {
      String n = f.shortName();
      resources.add(new ResourceStatus(n + "-function", "Lambda function", "fp-" + n,
          "arn:aws:lambda:eu-west-1:" + ACCOUNT + ":function:fp-" + n, "Ready", null));
      resources.add(new ResourceStatus(n + "-queue", "SQS queue", "fp-" + n + "-dlq",
          "arn:aws:sqs:eu-west-1:" + ACCOUNT + ":fp-" + n + "-dlq", "Ready", null));
    }
    status.resources = resources;
    return status;
  }
}
