package dev.finpipe.handlers.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** The floor of the cold-start benchmark: a Java handler that does nothing, on the same runtime and heap. */
public class MinimalHandler implements RequestHandler<Map<String, Object>, String> {
  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    return "ok";
  }
}
