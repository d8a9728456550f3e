package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.aws.codestaging.StageableCode;
import dev.finpipe.operator.aws.codestaging.StreamSha256;
import java.io.InputStream;

/**
 * The handlers jar shipped inside the operator's jar, read from the class path as a stream each time it is
 * staged; its SHA-256 and length are computed once, streaming, so the jar is never held in the heap.
 */
final class EmbeddedJar implements StageableCode {
  private final String resource;
  private final StreamSha256 digest;

  private EmbeddedJar(String resource, StreamSha256 digest) {
    this.resource = resource;
    this.digest = digest;
  }

  /** Reads {@code resource} once to digest it. */
  static EmbeddedJar digest(String resource) {
    return new EmbeddedJar(resource, StreamSha256.of(open(resource)));
  }

  @Override
  public String sha256Base64() {
    return digest.base64();
  }

  @Override
  public long length() {
    return digest.length();
  }

  @Override
  public InputStream open() {
    return open(resource);
  }

  private static InputStream open(String resource) {
    InputStream in = EmbeddedJar.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("the operator was built without the handlers jar (" + resource + ")");
    }
    return in;
  }
}
