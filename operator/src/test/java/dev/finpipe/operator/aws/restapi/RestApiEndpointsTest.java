package dev.finpipe.operator.aws.restapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The REST API's ARNs and invoke URL follow the partition of the region (pure, no AWS). Sources: "API Gateway Amazon
 * Resource Name (ARN) reference", https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html;
 * "Beijing Region Endpoints", https://docs.amazonaws.cn/en_us/general/latest/gr/cnnorth_region.html.
 */
class RestApiEndpointsTest {
  private static final String ACCOUNT = "123456789012";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "us-east-1     | arn:aws:execute-api:us-east-1:123456789012:a1b2c3"
          + "        | https://a1b2c3.execute-api.us-east-1.amazonaws.com/prod",
      "cn-north-1    | arn:aws-cn:execute-api:cn-north-1:123456789012:a1b2c3"
          + "     | https://a1b2c3.execute-api.cn-north-1.amazonaws.com.cn/prod",
      "cn-northwest-1| arn:aws-cn:execute-api:cn-northwest-1:123456789012:a1b2c3"
          + " | https://a1b2c3.execute-api.cn-northwest-1.amazonaws.com.cn/prod",
      "us-gov-west-1 | arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:a1b2c3"
          + " | https://a1b2c3.execute-api.us-gov-west-1.amazonaws.com/prod"})
  void executionArnAndInvokeUrlArePartitionAware(String region, String executionArn, String url) {
    RestApiEndpoints endpoints = RestApiEndpoints.of(region, ACCOUNT, "a1b2c3", "prod");

    assertThat(endpoints.executionArn()).isEqualTo(executionArn);
    assertThat(endpoints.url()).isEqualTo(url);
    assertThat(RestApiEndpoints.fromExecutionArn(executionArn, "prod")).isEqualTo(endpoints);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "us-east-1     | arn:aws:apigateway:us-east-1::/restapis/a1b2c3",
      "cn-north-1    | arn:aws-cn:apigateway:cn-north-1::/restapis/a1b2c3",
      "us-gov-east-1 | arn:aws-us-gov:apigateway:us-gov-east-1::/restapis/a1b2c3"})
  void theArnTagsAreWrittenToIsInThePartitionOfTheRegion(String region, String expected) {
    DesiredRestApi api = new DesiredRestApi("fp_api", "d", region, ACCOUNT, List.of(), null, "prod", true, 10, 5.0,
        Map.of());
    assertThat(RestApiManager.resourceArn(api, "a1b2c3")).isEqualTo(expected);
  }

  @Test
  void anExecutionArnWhosePartitionContradictsItsRegionIsRefused() {
    assertThatThrownBy(() -> RestApiEndpoints.fromExecutionArn("arn:aws:execute-api:cn-north-1:123456789012:a1b2c3",
        "prod")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aws");
    assertThatThrownBy(() -> RestApiEndpoints.fromExecutionArn("arn:aws:lambda:us-east-1:123456789012:a1b2c3",
        "prod")).isInstanceOf(IllegalArgumentException.class);
  }
}
