package dev.finpipe.operator.testing;

import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.function.CodeSource;
import dev.finpipe.operator.aws.function.DesiredFunction;
import dev.finpipe.operator.aws.function.FunctionManager;
import dev.finpipe.operator.support.Ownership;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builders shared by the Lambda manager tests: unique names, a tiny zip, an execution role, a function. */
public final class LambdaTestSupport {
  private LambdaTestSupport() {
  }

  public static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  public static Ownership owner() {
    return new Ownership("tests", "fp-" + suffix(), UUID.randomUUID().toString());
  }

  /** A one-file zip whose content (and so whose CodeSha256) depends on {@code text}. */
  public static byte[] zip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("handler.txt"));
      zip.write(text.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** An IAM role Lambda may assume, created directly with the IAM client. */
  public static String role(AwsClients clients, String name) {
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    return clients.iam().createRole(r -> r.roleName(name).assumeRolePolicyDocument(trust)).role().arn();
  }

  public static String dlqArn(String name) {
    return "arn:aws:sqs:" + Moto.region() + ":" + Moto.ACCOUNT_ID + ":" + name;
  }

  public static DesiredFunction function(String name, String roleArn, byte[] code, int memoryMb, String dlqArn,
                                            Map<String, String> tags) {
    return function(name, roleArn, new CodeSource.Staged(new BytesCode(code), Moto.ACCOUNT_ID), memoryMb, dlqArn,
        tags);
  }

  /** A function whose code comes from {@code code}. */
  public static DesiredFunction function(String name, String roleArn, CodeSource code, int memoryMb, String dlqArn,
                                            Map<String, String> tags) {
    return new DesiredFunction(name, DesiredFunction.JAVA_21, "dev.finpipe.handlers.Upload::handleRequest",
        roleArn, code, memoryMb, 30, Map.of("BUCKET", "data-" + name), true, dlqArn, null, tags);
  }

  /** Creates a function owned by {@code owner} and returns its ARN. */
  public static String createFunction(AwsClients clients, String name, Ownership owner) {
    String role = role(clients, "role-" + name);
    DesiredFunction spec = function(name, role, zip(name), 512, dlqArn("dlq-" + name), owner.tags());
    return Requeue.untilPropagated(() -> new FunctionManager(clients).create(spec)).functionArn();
  }
}
