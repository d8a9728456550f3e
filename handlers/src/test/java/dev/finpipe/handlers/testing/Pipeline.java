package dev.finpipe.handlers.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finpipe.handlers.ProcessorHandler;
import dev.finpipe.handlers.ResultsHandler;
import dev.finpipe.handlers.StatusHandler;
import dev.finpipe.handlers.UploadHandler;
import dev.finpipe.handlers.support.HandlerConfig;
import dev.finpipe.handlers.support.JobStore;
import dev.finpipe.handlers.support.S3Clients;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The four handlers wired to one fresh moto bucket, plus direct S3 access for assertions. */
public final class Pipeline {
  private static final ObjectMapper JSON = new ObjectMapper();

  public final String bucket;
  public final HandlerConfig config;
  public final JobStore store;
  public final UploadHandler upload;
  public final ProcessorHandler processor;
  public final StatusHandler status;
  public final ResultsHandler results;
  public final TestContext context = new TestContext();

  public Pipeline(String... configOverrides) {
    this(MotoS3.client(), configOverrides);
  }

  /** A pipeline whose handlers reach S3 through {@code s3} (e.g. a client that records its requests). */
  public Pipeline(S3Client handlersS3, String... configOverrides) {
    bucket = MotoS3.newBucket();
    config = MotoS3.config(bucket, configOverrides);
    store = new JobStore(config, handlersS3);
    upload = new UploadHandler(store, S3Clients.presigner(config));
    processor = new ProcessorHandler(store);
    status = new StatusHandler(store);
    results = new ResultsHandler(store);
  }

  /** The tests' own client (not recorded). */
  public S3Client s3() {
    return MotoS3.client();
  }

  /** Puts a file where an upload would and returns the event S3 would send for it. */
  public S3Event putIncoming(String key, byte[] content) {
    s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
    return eventFor(key);
  }

  /** The ObjectCreated event for an object as it is stored now. */
  public S3Event eventFor(String key) {
    var head = s3().headObject(b -> b.bucket(bucket).key(key));
    return Events.objectCreated(bucket, key, head.eTag().replace("\"", ""), head.contentLength());
  }

  public void process(S3Event event) {
    processor.handleRequest(event, context);
  }

  public JsonNode statusJson(String jobId) {
    return body(status.handleRequest(Events.getJob("status", jobId), context));
  }

  public APIGatewayProxyResponseEvent results(String jobId) {
    return results.handleRequest(Events.getJob("results", jobId), context);
  }

  public Optional<String> object(String key) {
    try {
      return Optional.of(s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public static JsonNode body(APIGatewayProxyResponseEvent response) {
    try {
      return JSON.readTree(response.getBody());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] resource(String path) {
    try (InputStream in = Pipeline.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
