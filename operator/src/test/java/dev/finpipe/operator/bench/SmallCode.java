package dev.finpipe.operator.bench;

import dev.finpipe.operator.api.CodeLocation;
import dev.finpipe.operator.aws.client.AwsClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A few-hundred-byte code zip staged in the emulator's S3 for the large P3 runs. moto keeps every function's
 * code in memory (tens of MB per function with the 12 MB handlers jar), so 400 functions would exhaust the
 * machine; the operator's work per function is the same whatever the size of the code.
 */
final class SmallCode {
  static final String BUCKET = "finpipe-bench-code";
  static final String KEY = "small-handlers.zip";

  private SmallCode() {
  }

  /** Puts the zip into S3 (idempotent) and returns where it is, for {@code spec.functions.code}. */
  static CodeLocation stage(AwsClients aws) {
    var s3 = aws.s3();
    if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
      s3.createBucket(b -> b.bucket(BUCKET));
    }
    s3.putObject(b -> b.bucket(BUCKET).key(KEY), software.amazon.awssdk.core.sync.RequestBody.fromBytes(zip()));
    CodeLocation location = new CodeLocation();
    location.s3Bucket = BUCKET;
    location.s3Key = KEY;
    return location;
  }

  static byte[] zip() {
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("README.txt"));
      zip.write("benchmark placeholder: the emulator does not run function code\n".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
