package dev.finpipe.operator.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small checker for CloudWatch metric math expressions: known functions, metric-math operators, ids
 * that exist, balanced parentheses. It rejects what CloudWatch would reject at PutMetricAlarm time, such
 * as a C-style {@code a > b ? 1 : 0} ternary (metric math has {@code IF(condition, a, b)}).
 */
public final class MetricMath {
  /** The metric math functions CloudWatch documents. */
  static final Set<String> FUNCTIONS = Set.of("ABS", "ANOMALY_DETECTION_BAND", "AVG", "CEIL", "DATAPOINT_COUNT",
      "DB_PERF_INSIGHTS", "DIFF", "DIFF_TIME", "FILL", "FIRST", "FLOOR", "IF", "INSIGHT_RULE_METRIC", "LAMBDA",
      "LAST", "LOG", "LOG10", "MAX", "METRIC_COUNT", "METRICS", "MIN", "MINUTE", "HOUR", "DAY", "DATE", "MONTH",
      "YEAR", "EPOCH", "PERIOD", "RATE", "REMOVE_EMPTY", "RUNNING_SUM", "SEARCH", "SERVICE_QUOTA", "SLICE",
      "SORT", "STDDEV", "SUM", "TIME_SERIES");
  private static final Set<String> WORD_OPERATORS = Set.of("AND", "OR");
  private static final Pattern TOKEN = Pattern.compile(
      "\\s*(?:(?<number>\\d+(?:\\.\\d+)?)|(?<word>[A-Za-z_][A-Za-z0-9_]*)|(?<op><=|>=|==|!=|&&|\\|\\||[-+*/^<>(),])"
          + "|(?<string>\"[^\"]*\"|'[^']*')|(?<other>\\S))");

  private MetricMath() {
  }

  /** Why {@code expression} is not valid metric math over the query ids {@code ids}; empty when it is. */
  public static List<String> problems(String expression, Set<String> ids) {
    List<String> problems = new ArrayList<>();
    if (expression == null || expression.isBlank()) {
      return List.of("the expression is empty");
    }
    int depth = 0;
    Matcher m = TOKEN.matcher(expression);
    int at = 0;
    while (at < expression.length() && m.find(at) && m.start() == at) {
      at = m.end();
      if (m.group("other") != null) {
        String c = m.group("other");
        problems.add("?".equals(c) || ":".equals(c)
            ? "'" + c + "' is not metric math: write a condition as IF(condition, whenTrue, whenFalse)"
            : "unexpected character '" + c + "'");
      } else if (m.group("word") != null) {
        String word = m.group("word");
        boolean call = expression.substring(at).stripLeading().startsWith("(");
        if (call && !FUNCTIONS.contains(word)) {
          problems.add("unknown metric math function " + word + "()");
        } else if (!call && !WORD_OPERATORS.contains(word) && !ids.contains(word)) {
          problems.add("unknown metric id '" + word + "'");
        }
      } else if ("(".equals(m.group("op"))) {
        depth++;
      } else if (")".equals(m.group("op")) && --depth < 0) {
        problems.add("unbalanced ')'");
        depth = 0;
      }
    }
    if (!expression.substring(at).isBlank()) {
      problems.add("cannot read the expression from position " + at);
    }
    if (depth > 0) {
      problems.add("unbalanced '('");
    }
    return problems;
  }
}
