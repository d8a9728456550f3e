package dev.finpipe.handlers.bench;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finpipe.handlers.ProcessorHandler;
import dev.finpipe.handlers.processing.FileOutcome;
import dev.finpipe.handlers.processing.TransactionFileProcessor;
import dev.finpipe.handlers.support.HandlerConfig;
import dev.finpipe.handlers.support.JobIds;
import dev.finpipe.handlers.support.JobStore;
import dev.finpipe.handlers.support.S3Clients;
import dev.finpipe.handlers.testing.Events;
import dev.finpipe.handlers.testing.MotoS3;
import dev.finpipe.handlers.testing.TestContext;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Generates a transactions CSV of the given size, stores it in moto's S3 and measures, on the same
 * object: a raw read of the S3 stream, the CSV processing of that stream, and the whole processor
 * handler (including status, results and the move). Meant to run with the heap capped far below the
 * file size (bench/run.sh uses -Xmx128m); not a test, Surefire does not pick it up.
 *
 * <p>Usage: ProcessorBenchmark [sizeMB] [accounts]
 */
public final class ProcessorBenchmark {
  private static final double MB = 1024.0 * 1024.0;

  public static void main(String[] args) throws Exception {
    long targetBytes = (long) (Double.parseDouble(args.length > 0 ? args[0] : "100") * MB);
    int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    MotoS3.endpoint(); // fails with instructions when no emulator is configured

    Path csv = Files.createTempFile("finpipe-bench-", ".csv");
    try {
      long rows = generate(csv, targetBytes, accounts);
      long bytes = Files.size(csv);
      System.out.printf("file: %.1f MB, %d rows, %d accounts, max heap %d MB%n",
          bytes / MB, rows, accounts, Runtime.getRuntime().maxMemory() / (1024 * 1024));

      String bucket = MotoS3.newBucket();
      HandlerConfig config = MotoS3.config(bucket);
      S3Client s3 = S3Clients.client(config);
      String jobId = JobIds.newJobId();
      String key = config.incomingKey(jobId);
      long t0 = System.nanoTime();
      s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(csv));
      System.out.printf("upload to S3:          %6.1f MB/s%n", bytes / MB / seconds(t0));

      rawRead(s3, bucket, key); // warm-up: connection, classes, JIT
      t0 = System.nanoTime();
      long read;
      double rawMbPerSecond;
      try (HeapWatch heap = new HeapWatch()) {
        read = rawRead(s3, bucket, key);
        rawMbPerSecond = read / MB / seconds(t0);
        report("raw S3 read", read, t0, heap);
      }

      // Warm-up, as for the raw read: the first pass also pays for class loading and JIT compilation (a Lambda
      // function's later invocations do not); it is reported, not compared.
      t0 = System.nanoTime();
      try (HeapWatch heap = new HeapWatch();
          InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
        new TransactionFileProcessor().process(in);
        report("CSV processing, 1st pass", bytes, t0, heap);
      }
      System.out.printf("load average before the timed passes: %.2f%n",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

      t0 = System.nanoTime();
      FileOutcome outcome;
      double processingMbPerSecond;
      try (HeapWatch heap = new HeapWatch();
          InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
        outcome = new TransactionFileProcessor().process(in);
        processingMbPerSecond = bytes / MB / seconds(t0);
        report("CSV processing", bytes, t0, heap);
      }
      double bound = 0.5 * rawMbPerSecond;
      System.out.printf("P4 target: processing >= 0.5 x raw read of the same stream | bound %.1f MB/s | measured %.1f MB/s"
          + " (%.2f x raw) | %s%n", bound, processingMbPerSecond, processingMbPerSecond / rawMbPerSecond,
          processingMbPerSecond >= bound ? "MET" : "NOT MET");
      if (outcome.isFailed() || outcome.summary().rows().accepted() != rows) {
        throw new IllegalStateException("unexpected outcome: " + outcome);
      }

      S3Event event = Events.objectCreated(bucket, key, s3.headObject(b -> b.bucket(bucket).key(key)).eTag(), bytes);
      t0 = System.nanoTime();
      try (HeapWatch heap = new HeapWatch()) {
        new ProcessorHandler(new JobStore(config, s3)).handleRequest(event, new TestContext());
        report("processor handler", bytes, t0, heap);
      }
      JsonNode results = new ObjectMapper().readTree(
          s3.getObjectAsBytes(b -> b.bucket(bucket).key(config.resultsKey(jobId))).asByteArray());
      System.out.printf("results: %s, %d account/currency lines%n",
          results.get("rows"), results.get("accounts").size());
      if (results.get("rows").get("accepted").asLong() != rows) {
        throw new IllegalStateException("processor counted " + results.get("rows") + ", generated " + rows);
      }
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  private static long rawRead(S3Client s3, String bucket, String key) throws Exception {
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        total += n;
      }
    }
    return total;
  }

  /** Rows of realistic shape; every 10th description is quoted with a comma and an escaped quote. */
  private static long generate(Path file, long targetBytes, int accounts) throws Exception {
    Random random = new Random(42);
    String[] currencies = {"USD", "EUR", "GBP", "JPY", "CHF"};
    long rows = 0;
    long written = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      String header = "transaction_id,account_id,amount,currency,timestamp,description\n";
      out.write(header);
      written += header.length();
      StringBuilder line = new StringBuilder(128);
      while (written < targetBytes) {
        line.setLength(0);
        line.append("tx-").append(rows).append(",ACC-").append(random.nextInt(accounts)).append(',')
            .append(random.nextInt(2_000_000) - 1_000_000).append('.')
            .append(String.format("%02d", random.nextInt(100))).append(',')
            .append(currencies[random.nextInt(currencies.length)]).append(",2024-")
            .append(String.format("%02d-%02dT%02d:%02d:%02dZ", 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(60)))
            .append(rows % 10 == 0 ? ",\"Invoice \"\"" + rows + "\"\", paid\"\n" : ",Card payment\n");
        out.append(line);
        written += line.length();
        rows++;
      }
    }
    return rows;
  }

  private static void report(String phase, long bytes, long startNanos, HeapWatch heap) {
    double s = seconds(startNanos);
    // CPU time of the JVM too: on a shared machine wall-clock MB/s says as much about the neighbours.
    double cpu = heap.cpuNanos() / 1e9;
    System.out.printf(
        "%-24s %6.1f MB/s wall (%.2f s), %6.1f MB per CPU-second of the JVM (%.2f s), peak heap used %d MB,"
            + " max heap after a GC %d MB%n",
        phase + ":", bytes / MB / s, s, bytes / MB / cpu, cpu, heap.peakUsedBytes() >> 20,
        heap.peakAfterGcBytes() >> 20);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
