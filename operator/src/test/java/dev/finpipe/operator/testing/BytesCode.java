package dev.finpipe.operator.testing;

import dev.finpipe.operator.aws.codestaging.StageableCode;
import dev.finpipe.operator.aws.function.DesiredFunction;
import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A small code zip held in memory, staged like the embedded jar. */
public record BytesCode(byte[] bytes) implements StageableCode {
  @Override
  public String sha256Base64() {
    return DesiredFunction.sha256Base64(bytes);
  }

  @Override
  public long length() {
    return bytes.length;
  }

  @Override
  public InputStream open() {
    return new ByteArrayInputStream(bytes);
  }
}
