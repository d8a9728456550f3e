package dev.finpipe.handlers.processing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream on a second thread, so that waiting for the network (S3) and parsing overlap.
 *
 * <p>Bounded: {@link #BLOCKS} blocks of {@link #BLOCK_BYTES} circulate between the two threads, so the reader stays at
 * most that far ahead (back-pressure; memory is fixed, never the file). An error of the source — an exception or an
 * error thrown by its {@code read} — reaches the consumer on its next read, after the bytes read before it. The
 * thread ends at end of input, on an error, or at {@link #close()}, which waits for it: Lambda reuses the execution
 * environment, frozen between invocations (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html),
 * so no invocation may leave a thread behind. {@code close()} does not close the source (its owner does),
 * except to unblock a read that is still stuck after {@link #STOP_WAIT_MILLIS}.
 */
final class ReadAheadInputStream extends InputStream {
  static final int BLOCK_BYTES = 256 * 1024;
  static final int BLOCKS = 4;
  static final String THREAD_NAME = "read-ahead";
  static final long STOP_WAIT_MILLIS = 2_000;

  /** A filled block, the end of input, or the source's failure. */
  private record Block(byte[] data, int length, Throwable failure) {
    static final Block END = new Block(new byte[0], -1, null);

    boolean isEnd() {
      return length < 0 && failure == null;
    }
  }

  private final InputStream source;
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BLOCKS);
  // One more than BLOCKS: the END or failure marker always fits after the last data block.
  private final BlockingQueue<Block> filled = new ArrayBlockingQueue<>(BLOCKS + 1);
  private final Thread reader;
  private Block current;
  private int position;
  private boolean finished;

  ReadAheadInputStream(InputStream source) {
    this.source = source;
    for (int i = 0; i < BLOCKS; i++) {
      free.add(new byte[BLOCK_BYTES]);
    }
    reader = new Thread(this::readAhead, THREAD_NAME);
    reader.setDaemon(true);
    reader.start();
  }

  private void readAhead() {
    try {
      while (true) {
        byte[] block = free.take();
        int length = fill(block);
        if (length > 0) {
          filled.put(new Block(block, length, null));
        }
        if (length < block.length) {
          filled.put(Block.END);
          return;
        }
      }
    } catch (InterruptedException stopped) {
      // close() asked the thread to end
    } catch (IOException | RuntimeException | Error failure) {
      filled.offer(new Block(null, -1, failure)); // room is guaranteed: see `filled`
    }
  }

  /**
   * Reads until the block is full or the source ends; the number of bytes read. When the source fails, the bytes
   * read before are handed on first.
   */
  private int fill(byte[] block) throws IOException, InterruptedException {
    int length = 0;
    try {
      while (length < block.length) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        int n = source.read(block, length, block.length - length);
        if (n < 0) {
          break;
        }
        length += n;
      }
      return length;
    } catch (IOException | RuntimeException | Error failure) {
      if (length > 0) {
        filled.put(new Block(block, length, null));
      }
      throw failure;
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!nextBytesReady()) {
      return -1;
    }
    int n = Math.min(length, current.length() - position);
    System.arraycopy(current.data(), position, target, offset, n);
    position += n;
    return n;
  }

  /** Moves to a block with unread bytes; false at end of input. Throws the source's failure. */
  private boolean nextBytesReady() throws IOException {
    while (current == null || position == current.length()) {
      if (finished) {
        return false;
      }
      if (current != null) {
        free.add(current.data());
        current = null;
      }
      Block next = take();
      if (next.failure() != null) {
        finished = true;
        throw Handoff.rethrown(next.failure());
      }
      if (next.isEnd()) {
        finished = true;
        return false;
      }
      current = next;
      position = 0;
    }
    return true;
  }

  private Block take() throws InterruptedIOException {
    try {
      return filled.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the stream");
    }
  }

  /** Stops the reading thread and waits for it to end. */
  @Override
  public void close() throws IOException {
    finished = true;
    reader.interrupt();
    try {
      reader.join(STOP_WAIT_MILLIS);
      if (reader.isAlive()) { // blocked inside the source's read: closing the source ends that read
        source.close();
        reader.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while stopping the read-ahead thread");
    }
  }
}
