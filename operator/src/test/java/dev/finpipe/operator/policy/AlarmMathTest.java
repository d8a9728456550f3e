package dev.finpipe.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

class AlarmMathTest {
  private static final Set<String> IDS = Set.of("m1", "m2");

  @Test
  void errorRateIsAGuardedPercentageOfErrorsOverInvocations() {
    AlarmMath alarm = AlarmMath.errorRate("fn-error-rate", "fn");
    List<MetricDataQuery> q = alarm.queries();
    assertThat(q).extracting(MetricDataQuery::id).containsExactly("m1", "m2", "e1");
    assertThat(q).extracting(MetricDataQuery::returnData).containsExactly(false, false, true);
    assertThat(q.get(0).metricStat().metric().metricName()).isEqualTo("Errors");
    assertThat(q.get(1).metricStat().metric().metricName()).isEqualTo("Invocations");
    for (MetricDataQuery metric : q.subList(0, 2)) {
      assertThat(metric.metricStat().metric().namespace()).isEqualTo("AWS/Lambda");
      assertThat(metric.metricStat().stat()).isEqualTo("Sum");
      assertThat(metric.metricStat().period()).isEqualTo(300);
      assertThat(metric.metricStat().metric().dimensions()).singleElement()
          .satisfies(d -> assertThat(d.name() + "=" + d.value()).isEqualTo("FunctionName=fn"));
    }
    assertThat(q.get(2).expression()).isEqualTo("IF(m2 > 0, 100 * m1 / m2, 0)");
    assertThat(q.get(2).label()).isNotBlank();
    assertThat(alarm.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_THRESHOLD);
    assertThat(alarm.thresholdPercent()).isEqualTo(1.0);
    assertThat(alarm.treatMissingData()).isEqualTo("notBreaching");
    assertThat(alarm.evaluationPeriods()).isEqualTo(1);
    assertThat(alarm.datapointsToAlarm()).isEqualTo(1);
  }

  @Test
  void ourExpressionIsValidMetricMath() {
    assertThat(AlarmMath.errorRate("a", "fn").expressionProblems()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "(m1 / m2) * 100 > 1 ? 1 : 0 | IF(condition",
      "PERCENT(m1, m2)             | unknown metric math function PERCENT()",
      "100 * m1 / m3               | unknown metric id 'm3'",
      "IF(m2 > 0, 100 * m1 / m2, 0 | unbalanced '('",
      "m1 / m2)                    | unbalanced ')'",
      "''                          | empty"})
  void invalidExpressionsAreRejected(String expression, String problem) {
    assertThat(MetricMath.problems(expression, IDS)).anySatisfy(p -> assertThat(p).contains(problem));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "m1 + m2", "IF(m2 > 0 AND m1 >= 1, m1, 0)", "FILL(m1, 0)", "SUM(METRICS())", "RATE(m1) * 60",
      "IF(m1 != 0 && m2 == 0, 1, 0)", "m1 >= 1 OR m2 <= 0"})
  void validExpressionsPass(String expression) {
    assertThat(MetricMath.problems(expression, IDS)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"60, 5.5, 3, 2", "120, 0, 1, 1", "3600, 99, 5, 5", "900, 1, 96, 96", "86400, 1, 7, 7"})
  void settingsFlowIntoTheQueries(int period, double threshold, int evaluations, int datapoints) {
    AlarmMath alarm = AlarmMath.errorRate("a", "fn", period, threshold, evaluations, datapoints);
    assertThat(alarm.queries().get(0).metricStat().period()).isEqualTo(period);
    assertThat(alarm.thresholdPercent()).isEqualTo(threshold);
    assertThat(alarm.evaluationPeriods()).isEqualTo(evaluations);
    assertThat(alarm.datapointsToAlarm()).isEqualTo(datapoints);
  }

  @ParameterizedTest
  @CsvSource({"45, 1, 1, 1", "10, 1, 1, 1", "30, 1, 1, 1", "900, 1, 97, 1", "86400, 1, 8, 1", "300, 100, 1, 1", "300, -1, 1, 1", "300, 1, 0, 1", "300, 1, 2, 3"})
  void impossibleSettingsAreRefused(int period, double threshold, int evaluations, int datapoints) {
    assertThatThrownBy(() -> AlarmMath.errorRate("a", "fn", period, threshold, evaluations, datapoints))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
