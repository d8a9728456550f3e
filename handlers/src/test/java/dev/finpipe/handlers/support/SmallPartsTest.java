package dev.finpipe.handlers.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmallPartsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "incoming/plain.csv | incoming/plain.csv",
      "incoming/with+space.csv | incoming/with space.csv",
      "incoming/a%2Bb%3Dc.csv | incoming/a+b=c.csv",
      "in+coming%C3%A9/x.csv | in comingé/x.csv"})
  void decodesS3EventKeys(String eventKey, String key) {
    assertThat(S3EventKeys.decode(eventKey)).contains(key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"incoming/%zz.csv", "incoming/100%.csv", "incoming/%4.csv"})
  void aBrokenEscapeIsNoKey(String eventKey) {
    assertThat(S3EventKeys.decode(eventKey)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "arn:aws:lambda:eu-west-1:123456789012:function:fp-x-upload | 123456789012",
      "arn:aws:lambda:eu-west-1:123456789012:function:fp-x-upload:live | 123456789012",
      "arn:aws-cn:lambda:cn-north-1:210987654321:function:f | 210987654321",
      "arn:aws:lambda:eu-west-1:12345:function:f | -",
      "arn:aws:s3:::bucket | -",
      "- | -"})
  void readsTheAccountOfAFunctionArn(String arn, String account) {
    assertThat(LambdaArns.accountOf(arn)).isEqualTo(java.util.Optional.ofNullable(account));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"abc\" | abc", "abc | abc", "\"abc-2\" | abc-2"})
  void comparesETagsWithoutQuotes(String eTag, String normalized) {
    assertThat(ETags.normalize(eTag)).isEqualTo(normalized);
    assertThat(ETags.quoted(eTag)).isEqualTo("\"" + normalized + "\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "/prod/upload | /upload | prod | /prod",
      "/v1/upload | /upload | prod | /v1",
      "- | /upload | dev | /dev",
      "- | - | - | ''"})
  void linksStayUnderTheStage(String contextPath, String path, String stage, String base) {
    APIGatewayProxyRequestEvent request = new APIGatewayProxyRequestEvent().withPath(path)
        .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withPath(contextPath).withStage(stage));

    assertThat(ApiPaths.basePath(request)).isEqualTo(base);
    assertThat(ApiPaths.statusPath(request, "j")).isEqualTo(base + "/status/j");
  }
}
