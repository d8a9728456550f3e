package dev.finpipe.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external tool (helm, kubectl) with a timeout and captures its output. */
public final class Commands {
  private Commands() {
  }

  public static CommandResult run(List<String> command, Duration timeout) {
    return run(command, null, timeout);
  }

  /** Runs {@code command}, feeding {@code stdin} when not null; stderr is merged into the output. */
  public static CommandResult run(List<String> command, String stdin, Duration timeout) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      try (var in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
      }
      return new CommandResult(command, process.exitValue(), output.join());
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + " (is it on PATH?): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<output unreadable: " + e.getMessage() + ">";
    }
  }
}
