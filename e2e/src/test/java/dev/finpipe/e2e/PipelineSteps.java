package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

/** Steps of a pipeline's life that several e2e classes take, each awaited to its end in AWS and status. */
public final class PipelineSteps {
  private PipelineSteps() {
  }

  /** The name of the pipeline's bucket, from status.resources. */
  public static String bucketName(FinancialPipelines pipelines, String pipeline) {
    return pipelines.statusResources(pipeline).stream().filter(r -> "S3 bucket".equals(r.get("kind")))
        .map(r -> String.valueOf(r.get("name"))).findFirst().orElseThrow();
  }

  /** Sets processed/ to expire after 7 days; awaits the bucket's lifecycle rule and Ready for that generation. */
  public static void changeExpirationAndConverge(FinancialPipelines pipelines, AwsState aws, RunningOperator operator,
                                                 String pipeline, Duration timeout) {
    String bucket = bucketName(pipelines, pipeline);
    pipelines.patchSpec(pipeline, "{\"bucket\":{\"processedExpirationDays\":7}}");
    Eventually.await("lifecycle rule of processed/ expiring after 7 days", timeout, operator,
        () -> aws.expirationDays(bucket, "processed/").equals(Optional.of(7)),
        () -> "expiration " + aws.expirationDays(bucket, "processed/"));
    Eventually.await("Ready for the new generation", timeout, operator,
        () -> pipelines.isObserved(pipeline) && pipelines.isReady(pipeline), () -> pipelines.describe(pipeline));
  }

  /** Sets deletionPolicy Delete, deletes the pipeline and awaits it gone; its bucket must be gone too. */
  public static void deleteWithItsData(FinancialPipelines pipelines, AwsState aws, RunningOperator operator,
                                       String pipeline, Duration timeout) {
    String bucket = bucketName(pipelines, pipeline);
    pipelines.patchSpec(pipeline, "{\"deletionPolicy\":\"Delete\"}");
    Eventually.await("the Delete policy observed", timeout, operator, () -> pipelines.isObserved(pipeline),
        () -> pipelines.describe(pipeline));
    pipelines.delete(pipeline);
    Eventually.await("pipeline " + pipeline + " gone", timeout, operator,
        () -> pipelines.get(pipeline).isEmpty(), () -> pipelines.describe(pipeline));
    assertThat(aws.bucketExists(bucket)).as("bucket %s after deletion", bucket).isFalse();
  }
}
