package dev.finpipe.e2e.node;

/** Reads samples out of a Prometheus text exposition (what {@code GET /metrics} serves). */
final class PrometheusScrape {
  private PrometheusScrape() {
  }

  /** The sum of every sample of {@code metric}, whatever its labels; 0 when it has none. */
  static double sum(String scrape, String metric) {
    double sum = 0;
    for (String line : scrape.split("\n")) {
      String rest;
      if (line.startsWith(metric + "{")) {
        rest = line.substring(line.lastIndexOf('}') + 1);
      } else if (line.startsWith(metric + " ")) {
        rest = line.substring(metric.length());
      } else {
        continue;
      }
      sum += Double.parseDouble(rest.trim().split("\\s+")[0]); // value, then an optional timestamp
    }
    return sum;
  }
}
