package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.RecordingProxy;
import dev.finpipe.operator.testing.Requeue;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * Every S3 request the operator makes for a pipeline, through a whole converge and deletion, names the
 * pipeline's account as the expected bucket owner, so that S3 refuses a bucket another account owns ("Verifying
 * bucket ownership with bucket owner condition",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html). CreateBucket alone has no
 * such parameter. The emulator does not check the header: a pass-through in front of it records what is sent.
 */
class BucketOwnerConditionTest {
  @Test
  void everyS3RequestOfAPipelineNamesItsAccountAsBucketOwner() {
    FinancialPipeline fp = Pipelines.inMemory("owner");
    try (RecordingProxy proxy = new RecordingProxy(Moto.endpoint(), "x-amz-expected-bucket-owner");
         var http = ApacheHttpClient.builder().build();
         AwsClients aws = new AwsClients(Moto.target(proxy.uri()), http, new AwsCallRecorder());
         PipelineConverger converger = new PipelineConverger(8)) {
      var outcome = Requeue.converge(converger, () -> PipelineContext.of(fp, aws, Moto.ACCOUNT_ID));
      assertThat(outcome.results()).allSatisfy(r -> assertThat(r.ready()).as(r.component()).isTrue());
      converger.delete(PipelineContext.of(fp, aws, Moto.ACCOUNT_ID));

      String bucket = PipelineContext.of(fp, aws, Moto.ACCOUNT_ID).identity().bucketName();
      List<RecordingProxy.Seen> s3 = proxy.seen().stream()
          .filter(r -> r.pathAndQuery().startsWith("/" + bucket)).toList();
      assertThat(s3).hasSizeGreaterThan(10);
      assertThat(s3).filteredOn(r -> !isCreateBucket(r, bucket)).allSatisfy(r ->
          assertThat(r.headerValue()).as(r.method() + " " + r.pathAndQuery()).isEqualTo(Moto.ACCOUNT_ID));
    }
  }

  private static boolean isCreateBucket(RecordingProxy.Seen r, String bucket) {
    return "PUT".equals(r.method()) && (r.pathAndQuery().equals("/" + bucket) || r.pathAndQuery().equals("/" + bucket
        + "/"));
  }
}
