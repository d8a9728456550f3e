package dev.finpipe.operator.bench;

import dev.finpipe.operator.aws.AwsClients;
import java.util.ArrayList;
import java.util.List;

/** Median latency of one AWS read call against the test ground, measured over cheap reads of each service. */
final class CallLatency {
  private CallLatency() {
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
