package dev.finpipe.operator.aws.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.support.TerminalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The bucket's request building and HeadBucket classification, without AWS. */
class BucketPureTest {

  /** ap-southeast-7 and mx-central-1 are newer than the SDK's BucketLocationConstraint enum. */
  @ParameterizedTest
  @CsvSource({"ap-southeast-7", "mx-central-1", "eu-central-1", "cn-northwest-1", "us-gov-west-1"})
  void theLocationConstraintIsTheRegionEvenOneTheSdkEnumDoesNotKnow(String region) {
    CreateBucketRequest request = BucketManager.createBucketRequest("b", region);

    assertThat(request.bucket()).isEqualTo("b");
    assertThat(request.createBucketConfiguration().locationConstraintAsString()).isEqualTo(region);
  }

  @Test
  void usEast1NamesNoLocationConstraint() {
    assertThat(BucketManager.createBucketRequest("b", "us-east-1").createBucketConfiguration()).isNull();
  }

  private static S3Exception headBucketAnswer(int status, String bucketRegion) {
    SdkHttpResponse.Builder http = SdkHttpResponse.builder().statusCode(status);
    if (bucketRegion != null) {
      http.putHeader("x-amz-bucket-region", bucketRegion);
    }
    // HEAD answers have no body: no error code, as from S3 itself
    return (S3Exception) S3Exception.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().serviceName("S3").sdkHttpResponse(http.build()).build()).build();
  }

  /**
   * 301: the bucket exists in another region, named when S3 sent x-amz-bucket-region; asking again cannot help.
   * 403: another account owns it, or the operator lacks s3:ListBucket; the message names both.
   */
  @ParameterizedTest
  @CsvSource(nullValues = "-", delimiter = '|', value = {
      "301 | eu-west-3 | BucketInAnotherRegion | in region eu-west-3",
      "301 | -         | BucketInAnotherRegion | in another region",
      "403 | us-east-1 | ForeignResource       | another AWS account owns",
      "403 | -         | ForeignResource       | s3:ListBucket"})
  void redirectsAndRefusalsAreTerminalWithTheirCause(int status, String bucketRegion, String reason, String says) {
    RuntimeException e = BucketReads.headBucketFailure("data", headBucketAnswer(status, bucketRegion));

    assertThat(e).isInstanceOfSatisfying(TerminalException.class, t -> {
      assertThat(t.reason()).isEqualTo(reason);
      assertThat(t.getMessage()).contains("data", says);
    });
  }

  @ParameterizedTest
  @CsvSource({"500", "503", "400"})
  void otherAnswersAreClassifiedAsAnyCall(int status) {
    assertThat(BucketReads.headBucketFailure("data", headBucketAnswer(status, null)))
        .isInstanceOf(RetryableException.class);
  }
}
