package dev.finpipe.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Build step run right after fabric8's crd-generator (process-classes): the generator sorts printer columns by
 * jsonPath, which would show Age first; kubectl shows them in the CRD's order, so this puts them back in the
 * order they are declared on {@link FinancialPipeline}. Nothing else in the CRD is touched.
 */
public final class PrinterColumnOrder {
  private PrinterColumnOrder() {
  }

  public static void main(String[] args) throws IOException {
    Path crd = Path.of(args[0]);
    Files.writeString(crd, reorder(Files.readString(crd), FinancialPipeline.class));
  }

  /** The CRD (YAML) with each version's printer columns in the order of {@code type}'s annotations. */
  public static String reorder(String crdYaml, Class<?> type) {
    List<String> declared = declaredOrder(type);
    CustomResourceDefinition crd = Serialization.unmarshal(crdYaml, CustomResourceDefinition.class);
    crd.getSpec().getVersions().forEach(v -> {
      if (v.getAdditionalPrinterColumns() != null) {
        v.getAdditionalPrinterColumns().sort(Comparator.comparingInt(
            (CustomResourceColumnDefinition c) -> position(declared, c.getName())));
      }
    });
    String header = crdYaml.lines().takeWhile(l -> l.startsWith("#"))
        .map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
    String body = Serialization.asYaml(crd);
    return header + (body.startsWith("---\n") ? body.substring(4) : body);
  }

  public static List<String> declaredOrder(Class<?> type) {
    return Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name).toList();
  }

  private static int position(List<String> declared, String name) {
    int i = declared.indexOf(name);
    return i < 0 ? declared.size() : i;
  }
}
