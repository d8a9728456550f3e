package dev.finpipe.operator.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric families docs/METRICS.md documents (its table rows), and the samples of a family in a scrape. */
final class MetricsDoc {
  /** A table row: | `name` | type | `label`, `label` | meaning | */
  private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z_:]+)`\\s*\\|\\s*(\\w+)\\s*\\|([^|]*)\\|");
  private static final Pattern LABEL = Pattern.compile("`([a-z_]+)`");

  record Family(String name, String type, List<String> labels) {
  }

  private MetricsDoc() {
  }

  static List<Family> families(Path doc) throws IOException {
    List<Family> families = new ArrayList<>();
    for (String line : Files.readAllLines(doc)) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        List<String> labels = new ArrayList<>();
        Matcher label = LABEL.matcher(row.group(3));
        while (label.find()) {
          labels.add(label.group(1));
        }
        families.add(new Family(row.group(1), row.group(2), labels));
      }
    }
    return families;
  }

  /** Sample lines of {@code family}: its own name, or for a histogram its _bucket/_count/_sum series. */
  static List<String> samples(String scrape, String family) {
    return Arrays.stream(scrape.split("\n")).filter(l -> !l.startsWith("#"))
        .filter(l -> l.startsWith(family + "{") || l.startsWith(family + " ")
            || l.startsWith(family + "_bucket{") || l.startsWith(family + "_count{")
            || l.startsWith(family + "_count ") || l.startsWith(family + "_sum"))
        .toList();
  }
}
