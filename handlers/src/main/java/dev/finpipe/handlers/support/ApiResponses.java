package dev.finpipe.handlers.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** API Gateway proxy responses; every body is a JSON object (null members left out). */
public final class ApiResponses {
  private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json");

  private ApiResponses() {}

  public static APIGatewayProxyResponseEvent json(int statusCode, Map<String, ?> body) {
    return raw(statusCode, JsonStreams.objectText(body, false));
  }

  /** A body that is already a stored JSON document (results), passed through unchanged. */
  public static APIGatewayProxyResponseEvent storedJson(int statusCode, byte[] json) {
    return raw(statusCode, new String(json, StandardCharsets.UTF_8));
  }

  public static APIGatewayProxyResponseEvent error(int statusCode, String message, String requestId) {
    return error(statusCode, message, requestId, Map.of());
  }

  public static APIGatewayProxyResponseEvent error(
      int statusCode, String message, String requestId, Map<String, ?> details) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.putAll(details);
    if (requestId != null) {
      body.put("requestId", requestId);
    }
    return json(statusCode, body);
  }

  private static APIGatewayProxyResponseEvent raw(int statusCode, String body) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(statusCode)
        .withHeaders(JSON_HEADERS)
        .withIsBase64Encoded(false)
        .withBody(body);
  }
}
