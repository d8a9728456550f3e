package dev.finpipe.handlers.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One invocation as Lambda makes it, in a JVM of its own: the handler class built by its no-argument constructor
 * (configured from the environment), the event file's bytes into its stream entry point, the answer printed.
 *
 * <p>Usage: OneStreamInvocation handlerClass eventFile
 */
public final class OneStreamInvocation {
  private OneStreamInvocation() {}

  public static void main(String[] args) throws Exception {
    RequestStreamHandler handler =
        (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))), out, new TestContext());
    System.out.println("answer: " + out);
  }
}
