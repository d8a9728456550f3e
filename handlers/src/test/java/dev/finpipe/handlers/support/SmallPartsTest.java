package dev.finpipe.handlers.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmallPartsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "incoming/plain.csv | incoming/plain.csv",
      "incoming/with+space.csv | incoming/with space.csv",
      "incoming/a%2Bb%3Dc.csv | incoming/a+b=c.csv",
      "in+coming%C3%A9/x.csv | in comingé/x.csv"})
  void decodesS3EventKeys(String eventKey, String key) {
    assertThat(S3EventKeys.decode(eventKey)).isEqualTo(key);
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
