package dev.finpipe.handlers.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finpipe.handlers.processing.JobResults;
import dev.finpipe.handlers.processing.TransactionFileProcessor;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonStreamsTest {
  // How the handlers wrote statuses and bodies with data binding: the stored format must not change.
  private static final ObjectMapper DATA_BINDING =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  @Test
  void writesPlainValuesInOrderAndLeavesNullMembersOutUnlessAsked() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("text", "a \"quoted\" é\n");
    members.put("none", null);
    members.put("count", 3);
    members.put("big", 12345678901L);
    members.put("exact", new BigDecimal("10.50"));
    members.put("huge", new BigInteger("123456789012345678901234567890"));
    members.put("flag", true);
    members.put("state", JobState.COMPLETED);
    members.put("list", Arrays.asList(1, null, "x"));
    members.put("nested", Map.of("k", "v"));

    assertThat(JsonStreams.objectText(members, false)).isEqualTo("{\"text\":\"a \\\"quoted\\\" é\\n\",\"count\":3,"
        + "\"big\":12345678901,\"exact\":10.50,\"huge\":123456789012345678901234567890,\"flag\":true,"
        + "\"state\":\"COMPLETED\",\"list\":[1,null,\"x\"],\"nested\":{\"k\":\"v\"}}");
    assertThat(JsonStreams.objectText(Map.of("jobId", Map.of()), true)).isEqualTo("{\"jobId\":{}}");
    Map<String, Object> withNull = new LinkedHashMap<>();
    withNull.put("jobId", null);
    assertThat(JsonStreams.objectText(withNull, true)).isEqualTo("{\"jobId\":null}");
    assertThat(JsonStreams.objectText(withNull, false)).isEqualTo("{}");
  }

  @Test
  void refusesValuesThatAreNotPlainJson() {
    assertThatThrownBy(() -> JsonStreams.object(Map.of("when", new Object()), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void readsDocumentsIntoPlainValues() {
    Object read = JsonStreams.read(utf8(
        "{\"s\":\"x\",\"i\":1,\"l\":12345678901,\"b\":123456789012345678901234567890,\"d\":1.50,"
            + "\"t\":true,\"n\":null,\"a\":[1,\"y\"],\"o\":{\"k\":false}}"));

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("s", "x");
    expected.put("i", 1);
    expected.put("l", 12345678901L);
    expected.put("b", new BigInteger("123456789012345678901234567890"));
    expected.put("d", new BigDecimal("1.50"));
    expected.put("t", true);
    expected.put("n", null);
    expected.put("a", List.of(1, "y"));
    expected.put("o", Map.of("k", false));
    assertThat(read).isEqualTo(expected);
    assertThatThrownBy(() -> JsonStreams.read(utf8(""))).hasMessageContaining("empty JSON document");
    assertThatThrownBy(() -> JsonStreams.read(utf8("{\"a\":"))).isInstanceOf(java.io.UncheckedIOException.class);
  }

  @Test
  void aJobStatusIsStoredExactlyAsDataBindingStoredIt() throws Exception {
    for (JobStatus status : List.of(JobStatus.of("j-1", JobState.RECEIVED), JobStatus.completed("j-2", "etag"),
        JobStatus.rejected("j-3", "no header", "etag"), JobStatus.failedUnexpectedly("j-4", "boom"))) {
      byte[] bound = DATA_BINDING.writeValueAsBytes(status);

      assertThat(JsonStreams.object(status.toJson(), false)).isEqualTo(bound);
      assertThat(JobStatus.fromJson(bound)).isEqualTo(status);
    }
  }

  @Test
  void aResultsDocumentIsStoredExactlyAsDataBindingStoredIt() throws Exception {
    String csv = "transaction_id,account_id,amount,currency,timestamp\n"
        + "t-1,ACC-1,12.50,USD,2024-01-31T09:30:00Z\nt-2,ACC-2,7.25,EUR,2024-01-31T10:00:00Z\n"
        + "t-3,ACC-1,oops,USD,2024-01-31T10:00:00Z\n";
    var summary = new TransactionFileProcessor().process(new ByteArrayInputStream(utf8(csv))).summary();
    JobResults results = JobResults.of("j-1", "incoming/j-1.csv", "etag", summary);

    assertThat(new String(JsonStreams.document(results, false), StandardCharsets.UTF_8))
        .isEqualTo(DATA_BINDING.writeValueAsString(results))
        .contains("\"rejects\":[{\"line\":4,");
  }

  @Test
  void aJobStatusIgnoresUnknownMembersAndRefusesAnUnknownState() {
    assertThat(JobStatus.fromJson(utf8("{\"jobId\":\"j\",\"state\":\"PROCESSING\",\"extra\":{\"a\":1}}")))
        .isEqualTo(new JobStatus("j", JobState.PROCESSING, null, null, null, null));
    assertThatThrownBy(() -> JobStatus.fromJson(utf8("{\"jobId\":\"j\",\"state\":\"LOST\"}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JobStatus.fromJson(utf8("[]"))).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
