package dev.finpipe.operator.aws;

import java.util.Map;

/** An observed resource: the tags that say who owns it (a part of another resource reports its parent's). */
public interface Observed {
  Map<String, String> tags();
}
