package dev.finpipe.operator.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Empties the AWS emulator before each test class (registered for every class through
 * junit-platform.properties). moto keeps every function's code in memory, about 12 MB a function, so a suite
 * that never resets grows it by gigabytes. Test classes never share AWS resources, so nothing is lost.
 */
public final class FreshEmulatorPerClass implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    if (System.getenv("AWS_ENDPOINT_URL") != null) {
      Moto.reset();
    }
  }
}
