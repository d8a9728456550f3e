package dev.finpipe.e2e;

import java.util.List;

/** What an external command did: its exit code and its combined output. */
public record CommandResult(List<String> command, int exitCode, String output) {
  public boolean succeeded() {
    return exitCode == 0;
  }

  /** This result, or an error that shows the command and its output. */
  public CommandResult orFail() {
    if (!succeeded()) {
      throw new AssertionError(String.join(" ", command) + " exited with " + exitCode + ":\n" + output);
    }
    return this;
  }
}
