package dev.finpipe.operator.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Samples the requests an operator sent (after the rate limiter, retries included) once a
 * second and keeps the peak requests/s per service and operation: the rate AWS would see.
 */
final class RateSampler {
  private final Supplier<Map<String, Long>> requestsSent;
  private final Map<String, Long> peakByOperation = new ConcurrentHashMap<>();
  private final Map<String, Long> peakByService = new ConcurrentHashMap<>();
  /** Peak requests per service over any 5 consecutive seconds: the limiter's averaging window. */
  private final Map<String, Long> peakByService5s = new ConcurrentHashMap<>();
  private final java.util.ArrayDeque<Map<String, Long>> lastFiveSeconds = new java.util.ArrayDeque<>();
  private final Thread thread;
  private volatile boolean running = true;

  /** {@code requestsSent}: requests sent so far by {@code Service:Operation}, e.g. an AwsCallRecorder's. */
  RateSampler(Supplier<Map<String, Long>> requestsSent) {
    this.requestsSent = requestsSent;
    this.thread = new Thread(this::sample, "rate-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  private void sample() {
    Map<String, Long> previous = requestsSent.get();
    while (running) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
      Map<String, Long> now = requestsSent.get();
      Map<String, Long> services = new HashMap<>();
      for (var e : now.entrySet()) {
        long delta = e.getValue() - previous.getOrDefault(e.getKey(), 0L);
        peakByOperation.merge(e.getKey(), delta, Math::max);
        String service = e.getKey().substring(0, e.getKey().indexOf(':'));
        services.merge(service, delta, Long::sum);
        if (isMutating(e.getKey())) {
          services.merge(service + "!", delta, Long::sum);
        }
      }
      services.forEach((k, v) -> peakByService.merge(k, v, Math::max));
      lastFiveSeconds.addLast(services);
      if (lastFiveSeconds.size() > 5) {
        lastFiveSeconds.removeFirst();
      }
      Map<String, Long> window = new HashMap<>();
      lastFiveSeconds.forEach(second -> second.forEach((k, v) -> window.merge(k, v, Long::sum)));
      window.forEach((k, v) -> peakByService5s.merge(k, v, Math::max));
      previous = now;
    }
  }

  static boolean isMutating(String key) {
    String op = key.substring(key.indexOf(':') + 1);
    return !(op.startsWith("Get") || op.startsWith("List") || op.startsWith("Describe") || op.startsWith("Head"));
  }

  void stop() {
    running = false;
    thread.interrupt();
  }

  long peak(String service, boolean mutating) {
    return peakByService.getOrDefault(mutating ? service + "!" : service, 0L);
  }

  /** Peak requests/s of a service averaged over 5 s. */
  double peak5s(String service) {
    return peakByService5s.getOrDefault(service, 0L) / 5.0;
  }

  String topOperations(int n) {
    return peakByOperation.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
        .map(e -> e.getKey() + "=" + e.getValue() + "/s").collect(Collectors.joining(", "));
  }

}
