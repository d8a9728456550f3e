package dev.finpipe.handlers.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway REST proxy events as JSON ("Input format of a Lambda function for proxy integration" and "Output format
 * of a Lambda function for proxy integration",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html), read and written
 * with Jackson's streaming core. The request keeps every top-level member and, of the request context, the
 * identifiers and the path and stage; the caller identity and authorizer data are not read.
 */
public final class ApiGatewayJson {
  private ApiGatewayJson() {}

  public static APIGatewayProxyRequestEvent readRequest(InputStream event) throws IOException {
    if (!(JsonStreams.read(event) instanceof Map<?, ?> json)) {
      throw new IOException("an API Gateway proxy event is a JSON object");
    }
    Map<?, ?> context = json.get("requestContext") instanceof Map<?, ?> c ? c : null;
    return new APIGatewayProxyRequestEvent()
        .withVersion(text(json, "version"))
        .withResource(text(json, "resource"))
        .withPath(text(json, "path"))
        .withHttpMethod(text(json, "httpMethod"))
        .withHeaders(texts(json.get("headers")))
        .withMultiValueHeaders(textLists(json.get("multiValueHeaders")))
        .withQueryStringParameters(texts(json.get("queryStringParameters")))
        .withMultiValueQueryStringParameters(textLists(json.get("multiValueQueryStringParameters")))
        .withPathParameters(texts(json.get("pathParameters")))
        .withStageVariables(texts(json.get("stageVariables")))
        .withRequestContext(context == null ? null : requestContext(context))
        .withBody(text(json, "body"))
        .withIsBase64Encoded(json.get("isBase64Encoded") instanceof Boolean b ? b : null);
  }

  /** The members API Gateway reads: statusCode, headers, multiValueHeaders, body, isBase64Encoded; nulls left out. */
  public static void writeResponse(APIGatewayProxyResponseEvent response, OutputStream out) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("statusCode", response.getStatusCode());
    json.put("headers", response.getHeaders());
    json.put("multiValueHeaders", response.getMultiValueHeaders());
    json.put("body", response.getBody());
    json.put("isBase64Encoded", response.getIsBase64Encoded());
    JsonStreams.write(out, json, false);
  }

  private static ProxyRequestContext requestContext(Map<?, ?> json) {
    return new ProxyRequestContext()
        .withAccountId(text(json, "accountId"))
        .withApiId(text(json, "apiId"))
        .withResourceId(text(json, "resourceId"))
        .withResourcePath(text(json, "resourcePath"))
        .withHttpMethod(text(json, "httpMethod"))
        .withRequestId(text(json, "requestId"))
        .withExtendedRequestId(text(json, "extendedRequestId"))
        .withStage(text(json, "stage"))
        .withPath(text(json, "path"))
        .withDomainName(text(json, "domainName"))
        .withProtocol(text(json, "protocol"));
  }

  private static String text(Map<?, ?> json, String name) {
    Object value = json.get(name);
    return value == null ? null : value.toString();
  }

  private static Map<String, String> texts(Object json) {
    if (!(json instanceof Map<?, ?> map)) {
      return null;
    }
    Map<String, String> result = new LinkedHashMap<>();
    map.forEach((name, value) -> result.put(String.valueOf(name), value == null ? null : value.toString()));
    return result;
  }

  private static Map<String, List<String>> textLists(Object json) {
    if (!(json instanceof Map<?, ?> map)) {
      return null;
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    map.forEach((name, values) -> result.put(String.valueOf(name), values instanceof List<?> list
        ? list.stream().map(v -> v == null ? null : v.toString()).toList() : null));
    return result;
  }
}
