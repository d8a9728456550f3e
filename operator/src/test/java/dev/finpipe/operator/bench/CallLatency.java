package dev.finpipe.operator.bench;

import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.codestaging.CodeObject;
import dev.finpipe.operator.aws.codestaging.CodeStager;
import dev.finpipe.operator.aws.codestaging.StagingBucketName;
import dev.finpipe.operator.aws.function.CodeSource;
import dev.finpipe.operator.reconciler.FunctionCode;
import dev.finpipe.operator.testing.Moto;
import java.util.ArrayList;
import java.util.List;

/** Median latency of one AWS read call against the test ground, measured over cheap reads of each service. */
final class CallLatency {
  private CallLatency() {
  }

  /**
   * Latency of one CreateFunction of the embedded handlers jar staged in S3 (Lambda reads the ~12 MB object),
   * median of {@code rounds}; each function is deleted again.
   */
  static double createFunctionMillis(AwsClients aws, int rounds) {
    var artifact = (CodeSource.Staged) new FunctionCode().resolve(null, aws, Moto.ACCOUNT_ID).source();
    CodeObject staged = new CodeStager(StagingBucketName.DEFAULT_TEMPLATE).stage(aws, Moto.ACCOUNT_ID,
        artifact.content());
    String roleName = "bench-latency-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    String role = aws.iam().createRole(r -> r.roleName(roleName).assumeRolePolicyDocument("{\"Version\":"
        + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
        + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      String name = "bench-latency-" + java.util.UUID.randomUUID().toString().substring(0, 8);
      while (true) {
        long start = System.nanoTime();
        try {
          aws.lambda().createFunction(f -> f.functionName(name).runtime("java21").role(role)
              .handler("dev.finpipe.handlers.UploadHandler::handleRequest")
              .code(c -> c.s3Bucket(staged.bucket()).s3Key(staged.key())));
          millis.add((System.nanoTime() - start) / 1e6);
          break;
        } catch (software.amazon.awssdk.services.lambda.model.InvalidParameterValueException e) {
          // The new role has not propagated yet (AWS, or the test ground's behaviour layer): time the next try.
          dev.finpipe.operator.testing.Requeue.pause();
        }
      }
      aws.lambda().deleteFunction(f -> f.functionName(name));
    }
    aws.iam().deleteRole(r -> r.roleName(roleName));
    return millis.stream().sorted().toList().get(millis.size() / 2);
  }

  static double medianMillis(AwsClients aws, int rounds) {
    List<Runnable> reads = List.of(() -> aws.sts().getCallerIdentity(), () -> aws.sqs().listQueues(),
        () -> aws.iam().listRoles(r -> r.maxItems(1)), () -> aws.lambda().listFunctions(f -> f.maxItems(1)),
        () -> aws.logs().describeLogGroups(d -> d.limit(1)), () -> aws.s3().listBuckets(),
        () -> aws.cloudWatch().describeAlarms(a -> a.maxRecords(1)), () -> aws.apiGateway().getRestApis(r -> r.limit(1)));
    reads.forEach(Runnable::run); // warm up connections and SDK classes
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      for (Runnable read : reads) {
        long start = System.nanoTime();
        read.run();
        millis.add((System.nanoTime() - start) / 1e6);
      }
    }
    return millis.stream().sorted().toList().get(millis.size() / 2);
  }
}
