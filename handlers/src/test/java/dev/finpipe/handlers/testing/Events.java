package dev.finpipe.handlers.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Sample events from src/test/resources/events, shaped as AWS sends them, optionally adjusted as JSON,
 * then deserialized by the Lambda Java runtime's own event serializer.
 */
public final class Events {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Events() {}

  public static APIGatewayProxyRequestEvent apiGateway(String resource, Consumer<ObjectNode> adjust) {
    return deserialize(resource, adjust, APIGatewayProxyRequestEvent.class);
  }

  public static APIGatewayProxyRequestEvent apiGateway(String resource) {
    return apiGateway(resource, json -> {});
  }

  /** A GET /status/{jobId} or /results/{jobId} request for any path parameter text. */
  public static APIGatewayProxyRequestEvent getJob(String route, String jobId) {
    return apiGateway(
        "apigw-get-" + route + ".json",
        json -> {
          json.put("path", "/" + route + "/" + jobId);
          json.withObjectProperty("pathParameters").put("jobId", jobId);
          json.withObjectProperty("requestContext").put("path", "/prod/" + route + "/" + jobId);
        });
  }

  /** The ObjectCreated:Put event S3 sends for this object, with the key URL-encoded as S3 does. */
  public static S3Event objectCreated(String bucket, String key, String eTag, long size) {
    return objectCreatedWithEventKey(bucket, s3EventKey(key), eTag, size);
  }

  /** The same event with the key field exactly as given (for keys S3 would never send). */
  public static S3Event objectCreatedWithEventKey(String bucket, String eventKey, String eTag, long size) {
    return deserialize(
        "s3-object-created.json", json -> objectCreatedAt(json, bucket, eventKey, eTag, size), S3Event.class);
  }

  /** S3 event keys are form-encoded: space as '+', other reserved characters as %xx, '/' kept. */
  public static String s3EventKey(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
  }

  /** The event's JSON as Lambda hands it to a stream handler. */
  public static byte[] json(String resource, Consumer<ObjectNode> adjust) {
    try (InputStream in = Events.class.getResourceAsStream("/events/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test event " + resource);
      }
      ObjectNode json = (ObjectNode) JSON.readTree(in);
      adjust.accept(json);
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The S3 event JSON for an object, as {@link #objectCreated} builds it. */
  public static byte[] objectCreatedJson(String bucket, String key, String eTag, long size) {
    return json("s3-object-created.json", json -> objectCreatedAt(json, bucket, s3EventKey(key), eTag, size));
  }

  private static void objectCreatedAt(ObjectNode json, String bucket, String eventKey, String eTag, long size) {
    ObjectNode s3 = (ObjectNode) json.get("Records").get(0).get("s3");
    s3.withObjectProperty("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
    s3.withObjectProperty("object").put("key", eventKey).put("eTag", eTag).put("size", size);
  }

  private static <T> T deserialize(String resource, Consumer<ObjectNode> adjust, Class<T> type) {
    return LambdaEventSerializers.serializerFor(type, Events.class.getClassLoader())
        .fromJson(new String(json(resource, adjust), java.nio.charset.StandardCharsets.UTF_8));
  }
}
