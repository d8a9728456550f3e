package dev.finpipe.handlers.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandlerConfigTest {

  @Test
  void defaultsFollowTheOperatorContract() {
    HandlerConfig config = HandlerConfig.from(Map.of("BUCKET_NAME", "data"));

    assertThat(config.bucket()).isEqualTo("data");
    assertThat(config.incomingKey("j")).isEqualTo("incoming/j.csv");
    assertThat(config.processedKey("j")).isEqualTo("processed/j.csv");
    assertThat(config.resultsKey("j")).isEqualTo("results/j.json");
    assertThat(config.statusKey("j")).isEqualTo("status/j.json");
    assertThat(config.maxUploadBytes()).isEqualTo(HandlerConfig.DEFAULT_MAX_UPLOAD_BYTES);
    assertThat(config.presignTtl()).isEqualTo(Duration.ofSeconds(900));
    assertThat(config.forcePathStyle()).isFalse();
    assertThat(config.endpoint()).isEmpty();
  }

  @Test
  void readsEveryOverride() {
    HandlerConfig config = HandlerConfig.from(Map.of(
        "BUCKET_NAME", "data", "INCOMING_PREFIX", "in", "PROCESSED_PREFIX", "done/",
        "RESULTS_PREFIX", "out/", "STATUS_PREFIX", "state/", "MAX_UPLOAD_BYTES", "1000",
        "PRESIGN_TTL_SECONDS", "60", "AWS_ENDPOINT_URL", "http://127.0.0.1:5000", "S3_FORCE_PATH_STYLE", "true"));

    assertThat(config.incomingKey("j")).isEqualTo("in/j.csv");
    assertThat(config.processedKey("j")).isEqualTo("done/j.csv");
    assertThat(config.resultsKey("j")).isEqualTo("out/j.json");
    assertThat(config.statusKey("j")).isEqualTo("state/j.json");
    assertThat(config.maxUploadBytes()).isEqualTo(1000);
    assertThat(config.presignTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.endpoint()).contains(URI.create("http://127.0.0.1:5000"));
    assertThat(config.forcePathStyle()).isTrue();
  }

  @Test
  void bucketIsRequired() {
    assertThatThrownBy(() -> HandlerConfig.from(Map.of())).hasMessage("BUCKET_NAME is not set");
  }

  @ParameterizedTest
  @CsvSource({"MAX_UPLOAD_BYTES, 0", "MAX_UPLOAD_BYTES, lots", "PRESIGN_TTL_SECONDS, -5"})
  void numbersMustBePositive(String name, String value) {
    assertThatThrownBy(() -> HandlerConfig.from(Map.of("BUCKET_NAME", "b", name, value)))
        .hasMessageContaining(name);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "incoming/3F2C1A9E-8B7D-4C6E-9F1A-2B3C4D5E6F70.csv | 3f2c1a9e-8b7d-4c6e-9f1a-2b3c4d5e6f70",
      "incoming/3f2c1a9e-8b7d-4c6e-9f1a-2b3c4d5e6f70.txt | -",
      "processed/3f2c1a9e-8b7d-4c6e-9f1a-2b3c4d5e6f70.csv | -",
      "incoming/sub/3f2c1a9e-8b7d-4c6e-9f1a-2b3c4d5e6f70.csv | -",
      "incoming/report.csv | -"})
  void findsTheJobIdOfAnIncomingKey(String key, String jobId) {
    HandlerConfig config = HandlerConfig.from(Map.of("BUCKET_NAME", "b"));

    assertThat(config.jobIdOfIncomingKey(key)).isEqualTo(Optional.ofNullable(jobId));
  }
}
