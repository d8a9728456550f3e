package dev.finpipe.handlers.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {

  @AfterEach
  void noReadAheadThreadIsLeft() {
    assertThat(readAheadThreads()).as("read-ahead threads still alive").isZero();
  }

  @Test
  void passesEveryByteThroughInOrder() throws IOException {
    byte[] data = new byte[3 * ReadAheadInputStream.BLOCK_BYTES + 12345];
    new Random(7).nextBytes(data);
    ByteArrayOutputStream copy = new ByteArrayOutputStream();

    // A source that hands out odd-sized pieces, as a network stream does.
    try (InputStream in = new ReadAheadInputStream(new Trickle(new ByteArrayInputStream(data), 1000))) {
      byte[] buffer = new byte[7777];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        copy.write(buffer, 0, n);
      }
      assertThat(in.read()).as("after the end").isEqualTo(-1);
    }

    assertThat(copy.toByteArray()).isEqualTo(data);
  }

  @Test
  void readsAtMostAFewBlocksAheadOfTheConsumer() throws Exception {
    CountingEndlessSource source = new CountingEndlessSource();
    try (InputStream in = new ReadAheadInputStream(source)) {
      assertThat(in.read()).isEqualTo(0);
      Thread.sleep(300); // ample time for an unbounded reader to run far ahead
      assertThat(source.bytesRead.get())
          .as("bytes taken from the source while the consumer read one")
          .isLessThanOrEqualTo((long) ReadAheadInputStream.BLOCKS * ReadAheadInputStream.BLOCK_BYTES);
    }
  }

  @Test
  void theSourcesErrorReachesTheConsumerAfterTheBytesBeforeIt() throws IOException {
    IOException broken = new IOException("connection reset");
    InputStream source = new FailingAfter(100, broken);
    try (InputStream in = new ReadAheadInputStream(source)) {
      assertThat(in.readNBytes(100)).hasSize(100);

      assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasCause(broken);
    }
  }

  @Test
  void anUncheckedErrorOfTheSourceIsRethrownAsItIs() throws IOException {
    UncheckedIOException broken = new UncheckedIOException(new IOException("checksum mismatch"));
    try (InputStream in = new ReadAheadInputStream(new FailingAfter(0, broken))) {
      assertThatThrownBy(in::read).isSameAs(broken);
    }
  }

  @Test
  void closingBeforeTheEndStopsTheThread() throws IOException {
    InputStream in = new ReadAheadInputStream(new CountingEndlessSource());
    in.read();
    in.close();
    // checked by noReadAheadThreadIsLeft
  }

  @Test
  void closeEndsAReadThatIsStuckInTheSourceByClosingIt() throws IOException {
    StuckSource source = new StuckSource();
    InputStream in = new ReadAheadInputStream(source);
    source.awaitReading();

    in.close();

    assertThat(source.closed).as("source closed to unblock its read").isTrue();
  }

  @Test
  void theProcessorLeavesNoThreadWhenItStopsEarly() throws IOException {
    // An unclosed quote ends the file with an error long before the source ends.
    byte[] text = ("transaction_id,account_id,amount,currency,timestamp\n\"t1,"
        + "x".repeat(2 * TransactionFileProcessor.MAX_RECORD_CHARS)).getBytes(StandardCharsets.UTF_8);
    InputStream source = new java.io.SequenceInputStream(new ByteArrayInputStream(text), new CountingEndlessSource());

    FileOutcome outcome = new TransactionFileProcessor().process(source);

    assertThat(outcome.isFailed()).isTrue();
    assertThat(outcome.failureReason()).contains("record longer than");
  }

  private static long readAheadThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(ReadAheadInputStream.THREAD_NAME) && t.isAlive())
        .count();
  }

  /** At most {@code piece} bytes per read. */
  private static final class Trickle extends InputStream {
    private final InputStream in;
    private final int piece;

    Trickle(InputStream in, int piece) {
      this.in = in;
      this.piece = piece;
    }

    @Override
    public int read() throws IOException {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, Math.min(len, piece));
    }
  }

  /** Zeros without end; counts what was taken. */
  private static final class CountingEndlessSource extends InputStream {
    final AtomicLong bytesRead = new AtomicLong();

    @Override
    public int read() {
      bytesRead.incrementAndGet();
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = Math.min(len, 8192);
      java.util.Arrays.fill(b, off, off + n, (byte) 0);
      bytesRead.addAndGet(n);
      return n;
    }
  }

  /** {@code good} bytes, then the given failure. */
  private static final class FailingAfter extends InputStream {
    private int left;
    private final Exception failure;

    FailingAfter(int good, Exception failure) {
      this.left = good;
      this.failure = failure;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        if (failure instanceof IOException io) {
          throw io;
        }
        throw (RuntimeException) failure;
      }
      int n = Math.min(len, left);
      left -= n;
      return n;
    }
  }

  /** A read that blocks, ignoring interrupts, until the stream is closed — as a stalled socket does. */
  private static final class StuckSource extends InputStream {
    private final CountDownLatch reading = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    volatile boolean closed;

    void awaitReading() {
      try {
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public int read() throws IOException {
      reading.countDown();
      while (true) {
        try {
          closing.await();
          throw new IOException("stream closed");
        } catch (InterruptedException ignoredLikeASocket) {
          // a socket read does not end on interrupt
        }
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return read();
    }

    @Override
    public void close() {
      closed = true;
      closing.countDown();
    }
  }
}
