package dev.finpipe.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An endpoint that accepts every TCP connection on a free loopback port and never answers: what a stalled or
 * hostile server looks like to a client. A fake by necessity: no real AWS part can be made to hang.
 */
public final class Tarpit implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();

  public Tarpit() {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "tarpit");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        held.add(server.accept()); // kept open, never read from nor written to
        connections.incrementAndGet();
      } catch (IOException closed) {
        return;
      }
    }
  }

  @Override
  public void close() {
    try {
      server.close();
      for (Socket s : held) {
        s.close();
      }
    } catch (IOException ignored) {
      // closing a test listener is best effort
    }
  }
}
