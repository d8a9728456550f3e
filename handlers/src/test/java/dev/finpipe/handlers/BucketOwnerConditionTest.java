package dev.finpipe.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.finpipe.handlers.support.S3Clients;
import dev.finpipe.handlers.testing.Events;
import dev.finpipe.handlers.testing.MotoS3;
import dev.finpipe.handlers.testing.Pipeline;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every S3 request of the handlers names the account that must own the bucket. moto accepts the header but does not
 * check it, so the test reads the requests as the SDK sends them (AWS's check: JobStore's comment).
 */
class BucketOwnerConditionTest {
  private static final String OWNER = "x-amz-expected-bucket-owner";
  private static final String SOURCE_OWNER = "x-amz-source-expected-bucket-owner";

  private final List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
  private final S3Client recorded = S3Clients.builder(MotoS3.config("unused"))
      .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
          sent.add(context.httpRequest());
        }
      }))
      .build();

  @Test
  void everyRequestOfAJobNamesTheFunctionsAccountAsBucketOwner() {
    Pipeline pipeline = new Pipeline(recorded);
    APIGatewayProxyResponseEvent upload =
        pipeline.upload.handleRequest(Events.apiGateway("apigw-upload-csv.json"), pipeline.context);
    String jobId = Pipeline.body(upload).get("jobId").asText();
    pipeline.process(pipeline.eventFor("incoming/" + jobId + ".csv"));
    assertThat(pipeline.statusJson(jobId).get("state").asText()).isEqualTo("COMPLETED");
    assertThat(pipeline.results(jobId).getStatusCode()).isEqualTo(200);

    // TestContext's function ARN is in account 123456789012.
    assertThat(sent).extracting(r -> r.method().name()).contains("PUT", "GET", "HEAD", "DELETE");
    assertThat(sent).allSatisfy(r -> assertThat(r.firstMatchingHeader(OWNER)).as(r.toString()).contains("123456789012"));
    List<SdkHttpRequest> copies = sent.stream().filter(r -> r.firstMatchingHeader("x-amz-copy-source").isPresent())
        .toList();
    assertThat(copies).hasSize(1);
    assertThat(copies.get(0).firstMatchingHeader(SOURCE_OWNER)).contains("123456789012");
  }

  @Test
  void theConfiguredAccountComesBeforeTheArn() {
    Pipeline pipeline = new Pipeline(recorded, "BUCKET_OWNER_ACCOUNT_ID", "210987654321");

    pipeline.statusJson("8d3c1a3e-7b5f-4c2e-9a1d-2f6e8b9c0d1e");

    assertThat(sent).isNotEmpty();
    assertThat(sent).allSatisfy(r -> assertThat(r.firstMatchingHeader(OWNER)).contains("210987654321"));
  }
}
