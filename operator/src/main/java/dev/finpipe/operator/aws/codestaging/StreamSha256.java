package dev.finpipe.operator.aws.codestaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The SHA-256 (base64, as Lambda's CodeSha256) and length of a stream, read through once in small buffers. */
public record StreamSha256(String base64, long length) {
  /** Reads {@code in} to its end and closes it. */
  public static StreamSha256 of(InputStream in) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    try (InputStream digesting = new DigestInputStream(in, sha)) {
      long length = digesting.transferTo(OutputStream.nullOutputStream());
      return new StreamSha256(Base64.getEncoder().encodeToString(sha.digest()), length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
