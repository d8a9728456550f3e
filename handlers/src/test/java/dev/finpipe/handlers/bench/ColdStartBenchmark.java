package dev.finpipe.handlers.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finpipe.handlers.testing.MotoS3;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Cold start of the four functions as Lambda runs them: AWS's Runtime Interface Emulator ({@code aws-lambda-rie})
 * starts AWS's Java runtime interface client on the unzipped production jar, with the heap the operator's memory
 * settings give (512 MB, the processor 1024 MB), the environment the operator sets, and S3 on moto. Per function and
 * JVM flag set it starts a fresh emulator N times and times the first invocation (runtime init + handler init + the
 * request: what a caller waits for on a cold start) and a second one (warm). Next to them, {@link MinimalHandler} on
 * the same runtime and heap: the floor, started in turn with the functions. Beside wall time it reports the CPU time
 * the function's JVM used up to its first answer. The first invocations form one job: upload, process it, read its status and
 * results, so every function does its real work. Not a test; bench/run.sh runs it.
 *
 * <p>Usage: ColdStartBenchmark lambdaJar runtimeDir rieBinary minimalClassesDir runs
 */
public final class ColdStartBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** JVM flag sets compared; the first is what the emulator harness (and Lambda's Java runtimes) use. */
  static final Map<String, List<String>> FLAG_SETS = new LinkedHashMap<>();

  static {
    FLAG_SETS.put("C1 only", List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
    FLAG_SETS.put("JVM defaults", List.of());
  }

  record LambdaFunction(String name, String handler, int memoryMb, Path task) {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    String runtimeClassPath = classPath(Path.of(args[1]));
    Path rie = Path.of(args[2]);
    Path minimalClasses = Path.of(args[3]);
    int runs = Integer.parseInt(args[4]);
    Path work = Files.createTempDirectory("finpipe-coldstart-");
    Path task = work.resolve("task");
    unzip(jar, task);
    Path minimalTask = work.resolve("minimal");
    copyMinimal(minimalClasses, minimalTask);
    String bucket = MotoS3.newBucket();
    System.out.printf("jar: %.1f MB; runs per function and flag set: %d%n", Files.size(jar) / 1e6, runs);

    List<LambdaFunction> functions = List.of(
        new LambdaFunction("minimal (floor)", "dev.finpipe.handlers.bench.MinimalHandler::handleRequest", 512, minimalTask),
        new LambdaFunction("upload", "dev.finpipe.handlers.UploadHandler::handleRequest", 512, task),
        new LambdaFunction("processor", "dev.finpipe.handlers.ProcessorHandler::handleRequest", 1024, task),
        new LambdaFunction("status", "dev.finpipe.handlers.StatusHandler::handleRequest", 512, task),
        new LambdaFunction("results", "dev.finpipe.handlers.ResultsHandler::handleRequest", 512, task));
    // COLDSTART_FLAG_SETS="C1 only" measures the production flags alone.
    String only = System.getenv("COLDSTART_FLAG_SETS");
    for (String flagSet : FLAG_SETS.keySet()) {
      if (only != null && !only.isBlank() && !List.of(only.split(",")).contains(flagSet)) {
        continue;
      }
      System.out.printf("%n%s (%s), load average before: %s%n", flagSet, String.join(" ", FLAG_SETS.get(flagSet)),
          loadAverage());
      // Round robin: every run starts each function once, the floor included, so a change of load on the shared
      // machine hits the floor and the functions alike. Each run is one job: upload it, then the others see it.
      long[][] first = new long[functions.size()][runs];
      long[][] cpu = new long[functions.size()][runs];
      long[][] warm = new long[functions.size()][runs];
      for (int run = 0; run < runs; run++) {
        for (int i = 0; i < functions.size(); i++) {
          long[] times = coldAndWarm(functions.get(i), rie, runtimeClassPath, FLAG_SETS.get(flagSet), bucket, run);
          first[i][run] = times[0];
          warm[i][run] = times[1];
          cpu[i][run] = times[2];
        }
      }
      System.out.printf("  %-16s %8s %8s %8s %10s %9s %10s %8s%n", "function", "heap", "first", "first", "ratio to",
          "JVM CPU", "CPU ratio", "warm");
      System.out.printf("  %-16s %8s %8s %8s %10s %9s %10s %8s%n", "", "", "median", "min", "floor", "median",
          "to floor", "median");
      long floor = median(first[0]);
      long floorCpu = median(cpu[0]);
      for (int i = 0; i < functions.size(); i++) {
        LambdaFunction f = functions.get(i);
        long median = median(first[i]);
        System.out.printf("  %-16s %6d MB %6d ms %6d ms %9.2f× %6d ms %9.2f× %6d ms%s%n", f.name(), f.memoryMb(),
            median, Arrays.stream(first[i]).min().orElse(0), (double) median / floor, median(cpu[i]),
            (double) median(cpu[i]) / floorCpu, median(warm[i]),
            i == 0 ? "" : String.format("   target <= 2 x floor: bound %d ms, %s", 2 * floor,
                median <= 2 * floor ? "MET" : "NOT MET"));
      }
      System.out.printf("  load average after: %s%n", loadAverage());
    }
  }

  /** The 1, 5 and 15 minute load averages: the machine is shared, so figures need them beside. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * CPU time (user + system) the function's JVM has used so far, from /proc/[pid]/stat (fields 14 and 15, in clock
   * ticks of 1/100 s, proc(5)); less sensitive than wall time to other work on the machine. -1 when unreadable.
   */
  private static long jvmCpuMillis(Process emulator) {
    return emulator.descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .findFirst()
        .map(p -> {
          try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
          } catch (IOException | RuntimeException e) {
            return -1L;
          }
        })
        .orElse(-1L);
  }

  // ---- one cold and one warm invocation -------------------------------------------------------------------------

  private static final Map<Integer, String> JOBS = new HashMap<>();

  private static long[] coldAndWarm(LambdaFunction f, Path rie, String runtimeClassPath, List<String> flags, String bucket,
      int run) throws Exception {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(rie.toString(),
        "--runtime-interface-emulator-address", "127.0.0.1:" + port,
        "--runtime-api-address", "127.0.0.1:" + freePort(),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + f.memoryMb() + "m"));
    command.addAll(flags);
    command.addAll(List.of("-cp", runtimeClassPath,
        "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", f.handler()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(f.task().toFile()).redirectErrorStream(true)
        .redirectOutput(f.task().resolveSibling(f.name().split(" ")[0] + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("AWS_REGION", System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
    env.put("AWS_DEFAULT_REGION", env.get("AWS_REGION"));
    env.put("AWS_LAMBDA_FUNCTION_NAME", f.name().split(" ")[0]);
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(f.memoryMb()));
    env.put("LAMBDA_TASK_ROOT", f.task().toString());
    env.put("AWS_ACCESS_KEY_ID", System.getenv().getOrDefault("AWS_ACCESS_KEY_ID", "testing"));
    env.put("AWS_SECRET_ACCESS_KEY", System.getenv().getOrDefault("AWS_SECRET_ACCESS_KEY", "testing"));
    env.put("AWS_ENDPOINT_URL", MotoS3.endpoint());
    env.put("S3_FORCE_PATH_STYLE", "true");
    env.put("BUCKET_NAME", bucket);
    // Extra JVM options the way Lambda takes them ("Customize Java runtime startup behavior for Lambda functions",
    // https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html): e.g. -Xlog:class+load to profile.
    String toolOptions = System.getenv("COLDSTART_JAVA_TOOL_OPTIONS");
    if (toolOptions != null && !toolOptions.isBlank()) {
      env.put("JAVA_TOOL_OPTIONS", toolOptions.replace("{function}", f.name().split(" ")[0]));
    }
    Process process = builder.start();
    try {
      awaitListening(port, process);
      URI invoke = URI.create("http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations");
      String firstEvent = event(f, bucket, run);
      long t0 = System.nanoTime();
      String answer = post(invoke, firstEvent);
      long first = (System.nanoTime() - t0) / 1_000_000;
      long cpu = jvmCpuMillis(process);
      remember(f, run, answer);
      t0 = System.nanoTime();
      // A second request of the same kind; the processor's is a redelivery (a no-op, like most retries).
      post(invoke, firstEvent);
      long warm = (System.nanoTime() - t0) / 1_000_000;
      return new long[] {first, warm, cpu};
    } finally {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      process.waitFor();
    }
  }

  /** The first invocation's event: upload a CSV, process it, or ask for its status or results. */
  private static String event(LambdaFunction f, String bucket, int run) throws IOException {
    return switch (f.name()) {
      case "upload" -> resource("apigw-upload-csv.json");
      case "processor" -> s3Event(bucket, JOBS.get(run));
      case "status", "results" -> getJob(f.name(), JOBS.get(run));
      default -> "{}";
    };
  }

  private static void remember(LambdaFunction f, int run, String answer) throws IOException {
    if (f.name().equals("upload")) {
      JOBS.put(run, JSON.readTree(JSON.readTree(answer).get("body").asText()).get("jobId").asText());
    } else if (answer.contains("errorType") || answer.contains("\"statusCode\":5")) {
      throw new IllegalStateException(f.name() + " failed: " + answer);
    }
  }

  private static String s3Event(String bucket, String jobId) throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(resource("s3-object-created.json"));
    ObjectNode s3 = (ObjectNode) json.get("Records").get(0).get("s3");
    String key = "incoming/" + jobId + ".csv";
    String eTag = MotoS3.client().headObject(b -> b.bucket(bucket).key(key)).eTag().replace("\"", "");
    s3.withObjectProperty("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
    s3.withObjectProperty("object").put("key", key).put("eTag", eTag);
    return JSON.writeValueAsString(json);
  }

  private static String getJob(String route, String jobId) throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(resource("apigw-get-" + route + ".json"));
    json.put("path", "/" + route + "/" + jobId);
    json.withObjectProperty("pathParameters").put("jobId", jobId);
    json.withObjectProperty("requestContext").put("path", "/prod/" + route + "/" + jobId);
    return JSON.writeValueAsString(json);
  }

  // ---- plumbing -------------------------------------------------------------------------------------------------

  private static String post(URI uri, String body) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("emulator answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ColdStartBenchmark.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String classPath(Path dir) throws IOException {
    try (var jars = Files.list(dir)) {
      return String.join(":", jars.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString).toList());
    }
  }

  private static void unzip(Path zip, Path into) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path target = into.resolve(e.getName()).normalize();
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
  }

  /** The minimal handler's task: its class and the Lambda core interfaces it implements. */
  private static void copyMinimal(Path classes, Path into) throws IOException {
    Path cls = Path.of("dev/finpipe/handlers/bench/MinimalHandler.class");
    Files.createDirectories(into.resolve(cls).getParent());
    Files.copy(classes.resolve(cls), into.resolve(cls));
  }

  private static void awaitListening(int port, Process process) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      if (!process.isAlive()) {
        throw new IllegalStateException("aws-lambda-rie exited with " + process.exitValue());
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(25);
      }
    }
    throw new IllegalStateException("aws-lambda-rie not listening on " + port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
