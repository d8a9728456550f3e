package dev.finpipe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * One deployed Lambda function executed as Lambda executes it: AWS's Runtime Interface Emulator
 * ({@code aws-lambda-rie}, built by {@code e2e/testenv/lib/build-lambda-rie.sh}) runs AWS's Java runtime interface
 * client with the function's handler string, its environment, its memory (as the heap limit) and its timeout, all
 * read back from {@code GetFunctionConfiguration}, on the code whose SHA-256 is the function's {@code CodeSha256},
 * unzipped into a task directory as Lambda unzips a deployment package into {@code /var/task} (the runtime client
 * loads the handler from its working directory). One process per function, started once and reused (warm).
 */
public final class LambdaRuntimeEmulator implements AutoCloseable {
  /** The Java runtime interface client's entry point; its last argument is the handler string. */
  public static final String RUNTIME_ENTRY = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path binary;

  private final Definition definition;
  private final Process process;
  private final URI invocations;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A function as Lambda holds it: what {@code GetFunctionConfiguration} answers. */
  public record Definition(String functionName, String functionArn, String handler, Map<String, String> environment,
                           int memoryMb, int timeoutSeconds, String codeSha256) {
    public static Definition of(GetFunctionConfigurationResponse c) {
      return new Definition(c.functionName(), c.functionArn(), c.handler(),
          c.environment() == null ? Map.of() : c.environment().variables(), c.memorySize(), c.timeout(),
          c.codeSha256());
    }
  }

  /** What the function answered: its JSON payload, or Lambda's error document ({@code errorType}). */
  public record Invocation(JsonNode payload) {
    public Optional<String> errorType() {
      return payload != null && payload.has("errorType") ? Optional.of(payload.get("errorType").asText())
          : Optional.empty();
    }

    /** The payload; fails with the function's error when it raised one. */
    public JsonNode result() {
      errorType().ifPresent(t -> {
        throw new AssertionError("the function failed: " + payload);
      });
      return payload;
    }
  }

  private LambdaRuntimeEmulator(Definition definition, Process process, URI invocations, Path log) {
    this.definition = definition;
    this.process = process;
    this.invocations = invocations;
    this.log = log;
  }

  /** Starts the function named (or ARN) as the emulator defines it, on {@code code} (checked against its hash). */
  public static LambdaRuntimeEmulator start(LambdaClient lambda, String functionNameOrArn, byte[] code) {
    return start(Definition.of(lambda.getFunctionConfiguration(b -> b.functionName(functionNameOrArn))), code);
  }

  public static LambdaRuntimeEmulator start(Definition d, byte[] code) {
    return start(d, code, new AwsIdentities.Keys("admin", System.getenv().getOrDefault("AWS_ACCESS_KEY_ID", "testing"),
        System.getenv().getOrDefault("AWS_SECRET_ACCESS_KEY", "testing"), null), E2eEnvironment.awsEndpoint());
  }

  /**
   * Starts the function named (or ARN) as the emulator defines it, with the credentials of its execution role
   * (STS AssumeRole of the role its configuration names, as Lambda does), reaching AWS at {@code awsEndpoint}.
   */
  public static LambdaRuntimeEmulator startUnderItsRole(LambdaClient lambda, String functionNameOrArn, byte[] code,
                                                        String awsEndpoint) {
    GetFunctionConfigurationResponse c = lambda.getFunctionConfiguration(b -> b.functionName(functionNameOrArn));
    AwsIdentities.Keys role = AwsIdentities.assumeRole(c.role(), c.functionName());
    return start(Definition.of(c), code, role, awsEndpoint);
  }

  /** Starts the function with {@code credentials} (what Lambda gives it from its role) and AWS at that endpoint. */
  public static LambdaRuntimeEmulator start(Definition d, byte[] code, AwsIdentities.Keys credentials,
                                            String awsEndpoint) {
    String sha = sha256Base64(code);
    if (!sha.equals(d.codeSha256())) {
      throw new AssertionError("the code given for " + d.functionName() + " (SHA-256 " + sha + ") is not the code "
          + "deployed (CodeSha256 " + d.codeSha256() + ")");
    }
    Path dir = E2eEnvironment.outputDir().resolve("lambda").resolve(d.functionName() + "-"
        + UUID.randomUUID().toString().substring(0, 8));
    Path task = dir.resolve("task");
    unzip(code, task);
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(binary().toString(),
        "--runtime-interface-emulator-address", "127.0.0.1:" + port,
        // One emulator per function: each needs its own Runtime API port (the default 9001 would collide).
        "--runtime-api-address", "127.0.0.1:" + freePort(),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + d.memoryMb() + "m",
        // C1 only: a short-lived function JVM starts faster (what Lambda's Java runtimes do too).
        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
        "-cp", runtimeClassPath(), RUNTIME_ENTRY, d.handler()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile());
    Path log = dir.resolve("function.log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    // The environment Lambda gives every function
    // (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
    // then the function's own variables as the operator configured them.
    env.put("AWS_REGION", E2eEnvironment.awsRegion());
    env.put("AWS_DEFAULT_REGION", E2eEnvironment.awsRegion());
    env.put("AWS_LAMBDA_FUNCTION_NAME", d.functionName());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(d.memoryMb()));
    env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", String.valueOf(d.timeoutSeconds()));
    env.put("LAMBDA_TASK_ROOT", task.toString());
    env.putAll(d.environment());
    // Lambda gives the function its execution role's temporary credentials in these variables; the one difference
    // from AWS is where AWS is: the emulator (S3 by path: it has no DNS name per bucket).
    credentials.applyTo(env);
    env.put("AWS_ENDPOINT_URL", awsEndpoint);
    env.put("S3_FORCE_PATH_STYLE", "true");
    try {
      Files.writeString(dir.resolve("command.txt"), String.join(" ", command) + "\n");
      Process process = builder.start();
      LambdaRuntimeEmulator emulator = new LambdaRuntimeEmulator(d, process,
          URI.create("http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations"), log);
      emulator.awaitListening(port);
      return emulator;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Invokes the function synchronously with {@code event}; the first call also initialises the runtime. */
  public Invocation invoke(String event) {
    HttpRequest request = HttpRequest.newBuilder(invocations)
        .timeout(Duration.ofSeconds(definition.timeoutSeconds() + 30L))
        .POST(HttpRequest.BodyPublishers.ofString(event, StandardCharsets.UTF_8)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      JsonNode payload = body == null || body.isBlank() ? null : JSON.readTree(body);
      // A function error is an error document; one raised while the runtime initialises comes with a 502.
      boolean functionError = payload != null && payload.has("errorType");
      if (response.statusCode() != 200 && !functionError) {
        throw new AssertionError(definition.functionName() + ": emulator answered " + response.statusCode() + " "
            + body + "\n" + log());
      }
      return new Invocation(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(definition.functionName() + " invocation failed\n" + log(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Definition definition() {
    return definition;
  }

  /** The function's output so far (runtime and handler logs). */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "<cannot read " + log + ">";
    }
  }

  @Override
  public void close() {
    // The runtime (java) is the emulator's child: stop it first, then the emulator.
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The emulator binary, built into the tool cache on first use (about 20 s cold). */
  public static synchronized Path binary() {
    if (binary == null) {
      Path script = E2eEnvironment.repoRoot().resolve("e2e/testenv/lib/build-lambda-rie.sh");
      // The script prints the binary's path last (build logs go before it).
      String[] lines = Commands.run(List.of(script.toString()), Duration.ofMinutes(10)).orFail().output().strip()
          .split("\n");
      binary = Path.of(lines[lines.length - 1].strip());
    }
    return binary;
  }

  /** The code the operator deploys: the handlers jar it embeds (what its functions' CodeSha256 must match). */
  public static byte[] operatorEmbeddedCode() {
    try (ZipFile jar = new ZipFile(E2eEnvironment.operatorJar().toFile())) {
      ZipEntry entry = jar.getEntry("lambda/financial-pipeline-handlers.jar");
      if (entry == null) {
        throw new IllegalStateException(E2eEnvironment.operatorJar()
            + " holds no lambda/financial-pipeline-handlers.jar");
      }
      try (InputStream in = jar.getInputStream(entry)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lambda's CodeSha256: the base64 SHA-256 of the deployment package. */
  public static String sha256Base64(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The runtime's jars (runtime interface client and its dependencies), copied by the e2e pom. */
  private static String runtimeClassPath() {
    Path dir = Path.of(System.getProperty("finpipe.lambdaRuntimeDir", "target/lambda-runtime"));
    try (Stream<Path> jars = Files.list(dir)) {
      String cp = jars.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString)
          .collect(Collectors.joining(":"));
      if (cp.isEmpty()) {
        throw new IllegalStateException("no jars in " + dir);
      }
      return cp;
    } catch (IOException e) {
      throw new IllegalStateException("the Lambda Java runtime jars are missing from " + dir
          + ": run the e2e module through Maven (generate-test-resources copies them)", e);
    }
  }

  private static void unzip(byte[] zip, Path into) {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      Files.createDirectories(into);
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path target = into.resolve(e.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IllegalStateException("zip entry outside the task root: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unzip the deployment package into " + into, e);
    }
  }

  private void awaitListening(int port) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("aws-lambda-rie exited with " + process.exitValue() + "\n" + log());
      }
      try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    close();
    throw new IllegalStateException("aws-lambda-rie not listening on " + port + " after 20 s\n" + log());
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
