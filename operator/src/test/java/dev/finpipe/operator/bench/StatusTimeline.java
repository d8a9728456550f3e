package dev.finpipe.operator.bench;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.testing.Pipelines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Polls a pipeline every 100 ms until Ready and notes when its phase or Ready reason changed: where P1's time goes. */
final class StatusTimeline {
  private StatusTimeline() {
  }

  static List<String> untilReady(String namespace, String name, long startNanos, Duration within) {
    List<String> timeline = new ArrayList<>();
    String last = null;
    long deadline = startNanos + within.toNanos();
    while (System.nanoTime() < deadline) {
      FinancialPipeline fp = Pipelines.get(namespace, name);
      var ready = Pipelines.condition(fp, PipelineCondition.READY);
      String state = fp == null || fp.getStatus() == null ? "no status"
          : fp.getStatus().phase + "/" + ready.map(c -> c.reason).orElse("-");
      if (!Objects.equals(state, last)) {
        timeline.add(String.format("%.1fs %s", (System.nanoTime() - startNanos) / 1e9, state));
        last = state;
      }
      if (ready.map(PipelineCondition::isTrue).orElse(false)) {
        return timeline;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(name + " not Ready within " + within + ": " + timeline);
  }
}
