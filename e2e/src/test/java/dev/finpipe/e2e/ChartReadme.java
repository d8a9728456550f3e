package dev.finpipe.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chart README's table of values, generated from values.yaml: each key with its default and the comment
 * above it (a key without a comment of its own takes its parent's). Regenerate after changing values.yaml:
 * {@code java e2e/src/test/java/dev/finpipe/e2e/ChartReadme.java helm/financial-pipeline-operator}.
 */
final class ChartReadme {
  static final String START = "<!-- values:start (generated from values.yaml by e2e/.../ChartReadme.java) -->";
  static final String END = "<!-- values:end -->";
  private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.-]+):(?: (.*))?$");

  record Value(String key, String defaultValue, String description) {
  }

  private ChartReadme() {
  }

  public static void main(String[] args) throws IOException {
    Path chart = Path.of(args[0]);
    Path readme = chart.resolve("README.md");
    Files.writeString(readme, render(chart.resolve("values.yaml"), Files.readString(readme)));
  }

  /** {@code readme} with its values section replaced by the table generated from {@code valuesYaml}. */
  static String render(Path valuesYaml, String readme) throws IOException {
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalStateException("README.md lacks the markers " + START + " and " + END);
    }
    StringBuilder table = new StringBuilder(START).append("\n\n| key | default | description |\n|---|---|---|\n");
    for (Value v : values(valuesYaml)) {
      table.append("| `").append(v.key()).append("` | ")
          .append(v.defaultValue().isEmpty() ? "" : "`" + v.defaultValue().replace("|", "\\|") + "`")
          .append(" | ").append(v.description().replace("|", "\\|")).append(" |\n");
    }
    return readme.substring(0, start) + table.append("\n") + readme.substring(end);
  }

  static List<String> valueKeys(Path valuesYaml) throws IOException {
    return values(valuesYaml).stream().map(Value::key).toList();
  }

  /** Leaf values (and empty maps and lists), in file order. */
  static List<Value> values(Path valuesYaml) throws IOException {
    List<Value> values = new ArrayList<>();
    List<String> path = new ArrayList<>();
    List<String> docs = new ArrayList<>();
    List<String> comment = new ArrayList<>();
    List<String> items = new ArrayList<>(); // a list written as "- item" lines under the last key opened
    for (String line : Files.readAllLines(valuesYaml)) {
      String trimmed = line.trim();
      if (trimmed.startsWith("- ") && !path.isEmpty()) {
        items.add(trimmed.substring(2).trim());
        continue;
      }
      if (!items.isEmpty()) {
        values.add(new Value(String.join(".", path), "[" + String.join(", ", items) + "]", docs.get(docs.size() - 1)));
        items.clear();
      }
      if (trimmed.startsWith("#")) {
        comment.add(trimmed.replaceFirst("^#+ ?", ""));
        continue;
      }
      Matcher m = KEY.matcher(line);
      if (trimmed.isEmpty() || !m.matches()) {
        comment.clear();
        continue;
      }
      int depth = m.group(1).length() / 2;
      while (path.size() > depth) {
        path.remove(path.size() - 1);
        docs.remove(docs.size() - 1);
      }
      String own = String.join(" ", comment).trim();
      comment.clear();
      String doc = own.isEmpty() && !docs.isEmpty() ? docs.get(docs.size() - 1) : own;
      String value = m.group(3) == null ? "" : m.group(3).replaceFirst("\\s+#.*$", "").trim();
      String key = path.isEmpty() ? m.group(2) : String.join(".", path) + "." + m.group(2);
      if (value.isEmpty()) {
        path.add(m.group(2));
        docs.add(doc);
      } else {
        values.add(new Value(key, value, doc));
      }
    }
    return values;
  }
}
