package dev.finpipe.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyDocumentsTest {
  private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\","
      + "\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::b/x+y/*\"]},{\"Sid\":\"B\",\"Effect\":\"Allow\","
      + "\"Action\":[\"sqs:SendMessage\"],\"Resource\":[\"arn:aws:sqs:us-east-1:123456789012:q\"]}]}";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // same keys, other order and whitespace
      "{ \"Statement\":[{\"Effect\":\"Allow\",\"Sid\":\"A\",\"Resource\":[\"arn:aws:s3:::b/x+y/*\"],\"Action\":[\"s3:GetObject\"]},{\"Sid\":\"B\",\"Effect\":\"Allow\",\"Action\":[\"sqs:SendMessage\"],\"Resource\":[\"arn:aws:sqs:us-east-1:123456789012:q\"]}], \"Version\":\"2012-10-17\"} | true",
      // statements swapped: order is part of what we write
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"B\",\"Effect\":\"Allow\",\"Action\":[\"sqs:SendMessage\"],\"Resource\":[\"arn:aws:sqs:us-east-1:123456789012:q\"]},{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::b/x+y/*\"]}]} | false",
      // one action more
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":[\"arn:aws:s3:::b/x+y/*\"]},{\"Sid\":\"B\",\"Effect\":\"Allow\",\"Action\":[\"sqs:SendMessage\"],\"Resource\":[\"arn:aws:sqs:us-east-1:123456789012:q\"]}]} | false"})
  void documentsAreComparedParsed(String other, boolean same) {
    assertThat(PolicyDocuments.sameDocument(DOC, other)).isEqualTo(same);
  }

  @Test
  void urlEncodedDocumentsAsIamReturnsThemEqualTheirSource() {
    String encoded = URLEncoder.encode(DOC, StandardCharsets.UTF_8);
    assertThat(encoded).startsWith("%7B");
    assertThat(PolicyDocuments.sameDocument(encoded, DOC)).isTrue();
    assertThat(PolicyDocuments.sameDocument(PolicyDocuments.parse(DOC), encoded)).isTrue();
  }

  @Test
  void aPlainDocumentKeepsItsPlusSigns() {
    assertThat(PolicyDocuments.parse(DOC).toString()).contains("x+y");
  }

  @Test
  void garbageIsRefusedClearly() {
    assertThatThrownBy(() -> PolicyDocuments.parse("not json")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON policy document");
  }
}
