package dev.finpipe.handlers.support;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One JSON object per line for one invocation: level, message, requestId, jobId, durationMs (+ fields).
 * Callers pass identifiers and counts only, never file contents, request bodies or credentials.
 */
public final class JsonLog {
  private final Consumer<String> sink;
  private final String handler;
  private final String requestId;
  private final long startNanos = System.nanoTime();
  private String jobId;

  private JsonLog(Consumer<String> sink, String handler, String requestId) {
    this.sink = sink;
    this.handler = handler;
    this.requestId = requestId;
  }

  public static JsonLog start(Context context, String handler) {
    LambdaLogger logger = context == null ? null : context.getLogger();
    Consumer<String> sink = logger == null ? System.out::println : line -> logger.log(line + "\n");
    return new JsonLog(sink, handler, context == null ? null : context.getAwsRequestId());
  }

  public String requestId() {
    return requestId;
  }

  /** Every later line of this invocation carries the job id. */
  public JsonLog jobId(String jobId) {
    this.jobId = jobId;
    return this;
  }

  public void info(String message, Object... keyValues) {
    write("INFO", message, null, keyValues);
  }

  public void warn(String message, Object... keyValues) {
    write("WARN", message, null, keyValues);
  }

  public void error(String message, Throwable error, Object... keyValues) {
    write("ERROR", message, error, keyValues);
  }

  private void write(String level, String message, Throwable error, Object... keyValues) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", Instant.now().toString());
    line.put("level", level);
    line.put("handler", handler);
    line.put("message", message);
    line.put("requestId", requestId);
    line.put("jobId", jobId);
    line.put("durationMs", (System.nanoTime() - startNanos) / 1_000_000);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    }
    if (error != null) {
      // Class and message only: SDK messages name buckets/keys, never credentials or object contents.
      line.put("error", error.getClass().getName() + ": " + error.getMessage());
    }
    // Null members kept (e.g. "jobId":null) so every line has the same keys.
    sink.accept(JsonStreams.objectText(line, true));
  }
}
