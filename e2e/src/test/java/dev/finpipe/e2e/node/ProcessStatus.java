package dev.finpipe.e2e.node;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A process as the kernel describes it in {@code /proc/<pid>/status} (proc(5)), and its root mount. */
record ProcessStatus(Map<String, String> fields) {

  static ProcessStatus parse(String procStatus) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : procStatus.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return new ProcessStatus(fields);
  }

  String field(String name) {
    String value = fields.get(name);
    if (value == null) {
      throw new AssertionError("no " + name + " line in /proc/<pid>/status: " + fields.keySet());
    }
    return value;
  }

  /** {@code Uid} or {@code Gid}: real, effective, saved set and filesystem ids. */
  List<Long> ids(String name) {
    return Arrays.stream(field(name).split("\\s+")).map(Long::parseLong).toList();
  }

  /** A capability set ({@code CapEff}, {@code CapBnd}, ...): a hexadecimal bit mask. */
  long capabilities(String name) {
    return Long.parseUnsignedLong(field(name), 16);
  }

  /** The mount options of {@code /} in a {@code /proc/<pid>/mounts} listing (the last mount on / wins). */
  static String rootMountOptions(String procMounts) {
    String options = null;
    for (String line : procMounts.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length >= 4 && "/".equals(parts[1])) {
        options = parts[3];
      }
    }
    if (options == null) {
      throw new AssertionError("no mount on / in:\n" + procMounts);
    }
    return options;
  }
}
