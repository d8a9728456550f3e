package dev.finpipe.handlers.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap of a phase, two ways: the highest "used" seen by a 5 ms sampler (includes garbage not yet
 * collected), and the highest heap left right after a GC (live data plus old-generation garbage that a
 * young collection does not reclaim: an upper bound of the live set).
 */
final class HeapWatch implements AutoCloseable {
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;
  private final NotificationListener gcListener = (notification, handback) -> {
    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      long after = 0;
      for (MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
        after += usage.getUsed();
      }
      // After-GC usage includes the non-heap pools reported by the collector (none for G1 heap beans).
      peakAfterGc.accumulateAndGet(after, Math::max);
    }
  };

  private final long startCpuNanos = processCpuNanos();

  HeapWatch() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener(gcListener, null, null);
    }
    sampler = new Thread(() -> {
      while (running) {
        peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** CPU time of the thread that opened this watch, when it opened it. */
  /**
   * CPU time of the whole JVM (every thread: the processor's helper threads, the HTTP client, GC, JIT) since this
   * watch started. The processor works on three threads, so the calling thread's time alone would flatter it.
   */
  long cpuNanos() {
    return processCpuNanos() - startCpuNanos;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  long peakUsedBytes() {
    return peakUsed.get();
  }

  long peakAfterGcBytes() {
    return peakAfterGc.get();
  }

  @Override
  public void close() throws Exception {
    running = false;
    sampler.join();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).removeNotificationListener(gcListener);
    }
  }
}
