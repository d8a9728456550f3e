package dev.finpipe.e2e;

/** The operator under test, wherever it runs: what the suite reads from it, and how it stops. */
public interface RunningOperator extends AutoCloseable {
  /** Everything it logged so far. */
  String log();

  /** Its Prometheus scrape ({@code GET /metrics}). */
  String metrics();

  /** Fails with the log tail when it is no longer running: a crashed operator must not look like a slow one. */
  void assertRunning();

  @Override
  void close();

  /** The last {@code lines} lines of the log, for failure messages. */
  default String logTail(int lines) {
    String[] all = log().split("\n");
    int from = Math.max(0, all.length - lines);
    return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
  }
}
