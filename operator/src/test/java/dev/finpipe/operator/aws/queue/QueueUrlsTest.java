package dev.finpipe.operator.aws.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueueUrlsTest {

  @ParameterizedTest
  @CsvSource({
      "eu-west-1, , https://sqs.eu-west-1.amazonaws.com/123456789012/q",
      "us-east-1, , https://sqs.us-east-1.amazonaws.com/123456789012/q",
      "cn-north-1, , https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q",
      "cn-northwest-1, , https://sqs.cn-northwest-1.amazonaws.com.cn/123456789012/q",
      "us-gov-west-1, , https://sqs.us-gov-west-1.amazonaws.com/123456789012/q",
      "eu-west-1, http://moto:5000, http://moto:5000/123456789012/q",
      "eu-west-1, http://moto:5000/, http://moto:5000/123456789012/q",
  })
  void fromRegionAccountAndName(String region, String endpoint, String url) {
    assertThat(QueueUrls.of(region, "123456789012", "q", Optional.ofNullable(endpoint).map(URI::create)))
        .isEqualTo(url);
  }

  @ParameterizedTest
  @CsvSource({
      "arn:aws:sqs:eu-west-1:123456789012:q, , https://sqs.eu-west-1.amazonaws.com/123456789012/q",
      "arn:aws-cn:sqs:cn-north-1:123456789012:q, , https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q",
      "arn:aws-us-gov:sqs:us-gov-west-1:123456789012:q, , https://sqs.us-gov-west-1.amazonaws.com/123456789012/q",
      "arn:aws:sqs:eu-west-1:123456789012:q, http://moto:5000, http://moto:5000/123456789012/q",
      "arn:aws:sqs:eu-west-1:123456789012:q, http://moto:5000/, http://moto:5000/123456789012/q",
  })
  void fromArn(String arn, String endpoint, String url) {
    assertThat(QueueUrls.fromArn(arn, Optional.ofNullable(endpoint).map(URI::create))).isEqualTo(url);
  }

  @Test
  void aNonQueueArnIsABug() {
    assertThatThrownBy(() -> QueueUrls.fromArn("arn:aws:s3:::bucket", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
