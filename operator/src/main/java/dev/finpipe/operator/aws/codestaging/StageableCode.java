package dev.finpipe.operator.aws.codestaging;

import java.io.InputStream;

/** Code the operator uploads to its staging bucket: read as a stream, never held whole in memory. */
public interface StageableCode {
  /** Base64 SHA-256 of the content: Lambda's {@code CodeSha256} and S3's {@code x-amz-checksum-sha256}. */
  String sha256Base64();

  long length();

  /** A fresh stream over the content (the SDK may ask again to retry an upload). */
  InputStream open();
}
