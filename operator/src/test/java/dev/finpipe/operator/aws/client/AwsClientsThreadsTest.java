package dev.finpipe.operator.aws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * Each SDK client would otherwise start a timer pool of its own for its call and attempt timeouts; the
 * operator's idle threads (and their stacks) would grow with every client of every target it serves.
 */
class AwsClientsThreadsTest {

  @Test
  void clientsOfSeveralTargetsShareOneTimeoutScheduler() throws Exception {
    URI closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = URI.create("http://127.0.0.1:" + s.getLocalPort());
    }
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret"));
    List<Function<AwsClients, Runnable>> calls = List.of(
        c -> () -> c.sqs().listQueues(),
        c -> () -> c.iam().listRoles(),
        c -> () -> c.lambda().listFunctions(),
        c -> () -> c.cloudWatch().describeAlarms());
    try (var http = ApacheHttpClient.builder().build();
         var first = new AwsClients(new AwsTarget("us-east-1", Optional.of(closedPort), "a", credentials), http,
             new AwsCallRecorder());
         var second = new AwsClients(new AwsTarget("eu-west-1", Optional.of(closedPort), "b", credentials), http,
             new AwsCallRecorder())) {
      for (AwsClients clients : List.of(first, second)) {
        for (var call : calls) {
          // every call arms a timeout before it fails to connect
          assertThatThrownBy(() -> call.apply(clients).run()).isNotNull();
        }
      }
      assertThat(threadsNamed("sdk-ScheduledExecutor")).as("per-client SDK timer threads").isZero();
      assertThat(threadsNamed("aws-sdk-timeouts")).as("the shared timer's threads").isBetween(1L, 2L);
    }
  }

  private static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
  }
}
