package dev.finpipe.operator.aws.codestaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StagingBucketNameTest {
  @ParameterizedTest
  @CsvSource({
      "finpipe-code-{account}-{region}, 123456789012, eu-west-1, finpipe-code-123456789012-eu-west-1",
      "finpipe-code-{account}-{region}, 123456789012, us-gov-west-1, finpipe-code-123456789012-us-gov-west-1",
      "acme-{region}-lambda-{account}, 210987654321, ap-southeast-5, acme-ap-southeast-5-lambda-210987654321",
  })
  void aTemplateGivesOneNamePerAccountAndRegion(String template, String account, String region, String name) {
    assertThat(StagingBucketName.of(StagingBucketName.checkTemplate(template), account, region)).isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "finpipe-code                      | must contain {account} and {region}",
      "finpipe-code-{account}            | must contain {account} and {region}",
      "finpipe-code-{region}             | must contain {account} and {region}",
      "Finpipe-{account}-{region}        | does not give a valid S3 bucket name",
      "a-very-long-prefix-that-leaves-no-room-{account}-{region} | does not give a valid S3 bucket name",
      "finpipe..{account}-{region}       | does not give a valid S3 bucket name",
  })
  void aTemplateThatCannotNameOneValidBucketPerAccountAndRegionIsRefused(String template, String message) {
    assertThatThrownBy(() -> StagingBucketName.checkTemplate(template))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource({
      "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=, lambda-code/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.jar",
  })
  void theKeyIsTheHexSha256OfTheContent(String sha256Base64, String key) {
    assertThat(CodeStager.key(sha256Base64)).isEqualTo(key);
  }
}
