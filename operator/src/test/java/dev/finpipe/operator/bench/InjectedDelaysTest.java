package dev.finpipe.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InjectedDelaysTest {
  @ParameterizedTest(name = "iam {0} + pending {1} + s3 {2} (update {3}, API scale {4}) = {5}")
  @CsvSource({
      "2.0, 1.0, 1.0, 1.0, 1.0, 4.0",
      "0.5, 0.3, 0.3, 0.3, 150, 1.1",
      "0.0, 0.0, 0.0, 5.0, 1.0, 0.0"})
  void onlyTheDelaysOfACreatePassAddUp(double iam, double pending, double s3, double update, double scale,
                                       double expected) {
    Map<String, Double> timings = Map.of("iam_seconds", iam, "lambda_pending_seconds", pending,
        "s3_destination_seconds", s3, "lambda_update_seconds", update, "apigateway_scale", scale);

    assertThat(InjectedDelays.onCriticalPathSeconds(timings)).isCloseTo(expected, org.assertj.core.data.Offset
        .offset(1e-9));
  }
}
