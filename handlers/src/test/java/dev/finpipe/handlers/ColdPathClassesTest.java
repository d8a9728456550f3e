package dev.finpipe.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.handlers.testing.Events;
import dev.finpipe.handlers.testing.MotoS3;
import dev.finpipe.handlers.testing.OneStreamInvocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * What a cold start of a function loads, checked in a fresh JVM with {@code -Xlog:class+load}: neither Jackson
 * data binding nor the Lambda runtime's event serializers. Each costs a few hundred milliseconds of class loading on
 * the first invocation (docs/PERFORMANCE.md, cold start); this keeps them from coming back unnoticed.
 */
class ColdPathClassesTest {
  private static final String DATA_BINDING = "com.fasterxml.jackson.databind.";
  private static final String RUNTIME_SERIALIZERS = "com.amazonaws.services.lambda.runtime.serialization.";

  @TempDir Path dir;

  @Test
  void aStatusRequestLoadsNeitherDataBindingNorTheRuntimeSerializers() throws Exception {
    String jobId = "3f2c1a9e-8b7d-4c6e-9f1a-2b3c4d5e6f70"; // unknown: a 404 after a real S3 read
    List<String> loaded = invoke(MotoS3.newBucket(), StatusHandler.class, Events.json("apigw-get-status.json", json -> {
      json.put("path", "/status/" + jobId);
      json.withObjectProperty("pathParameters").put("jobId", jobId);
    }));

    assertThat(loaded).anyMatch(line -> line.contains("answer: {\"statusCode\":404"));
    assertThat(loaded).anyMatch(line -> line.contains(" software.amazon.awssdk.services.s3.S3Client "));
    assertThat(loaded).noneMatch(line -> line.contains(DATA_BINDING));
    assertThat(loaded).noneMatch(line -> line.contains(RUNTIME_SERIALIZERS));
  }

  @Test
  void anUploadLoadsNeitherDataBindingNorThePresigner() throws Exception {
    List<String> loaded = invoke(MotoS3.newBucket(), UploadHandler.class, Events.json("apigw-upload-csv.json", json -> {}));

    assertThat(loaded).anyMatch(line -> line.contains("answer: {\"statusCode\":202"));
    assertThat(loaded).noneMatch(line -> line.contains(DATA_BINDING));
    assertThat(loaded).noneMatch(line -> line.contains(".DefaultS3Presigner "));
  }

  @Test
  void processingAFileLoadsNeitherDataBindingNorTheRuntimeSerializers() throws Exception {
    String bucket = MotoS3.newBucket();
    String key = "incoming/3f2c1a9e-8b7d-4c6e-9f1a-2b3c4d5e6f70.csv";
    MotoS3.client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(
        "transaction_id,account_id,amount,currency,timestamp\nt-1,ACC-1,12.50,USD,2024-01-31T09:30:00Z\n"));
    var head = MotoS3.client().headObject(b -> b.bucket(bucket).key(key));

    List<String> loaded = invoke(bucket, ProcessorHandler.class,
        Events.objectCreatedJson(bucket, key, head.eTag().replace("\"", ""), head.contentLength()));

    assertThat(loaded).anyMatch(line -> line.equals("answer: null"));
    assertThat(MotoS3.client().getObjectAsBytes(b -> b.bucket(bucket).key("results/"
        + "3f2c1a9e-8b7d-4c6e-9f1a-2b3c4d5e6f70.json")).asUtf8String()).contains("\"accepted\":1");
    assertThat(loaded).noneMatch(line -> line.contains(DATA_BINDING));
    assertThat(loaded).noneMatch(line -> line.contains(RUNTIME_SERIALIZERS));
  }

  /** The class-load log and answer of one invocation in a new JVM on the test class path. */
  private List<String> invoke(String bucket, Class<?> handler, byte[] event) throws IOException, InterruptedException {
    Path eventFile = Files.write(dir.resolve("event.json"), event);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xlog:class+load",
        "-cp", System.getProperty("java.class.path"), OneStreamInvocation.class.getName(), handler.getName(),
        eventFile.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile());
    Map<String, String> env = builder.environment();
    env.put("BUCKET_NAME", bucket);
    env.put("AWS_ENDPOINT_URL", MotoS3.endpoint());
    env.put("S3_FORCE_PATH_STYLE", "true");
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("invocation finished").isTrue();
    List<String> lines = Files.readAllLines(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
        .isZero();
    return lines;
  }
}
