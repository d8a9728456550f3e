package dev.finpipe.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Iterator;
import java.util.Map;

/**
 * For {@code @SchemaCustomizer(value = SchemaMerge.class, input = "{...}")}: merges the JSON into the schema the
 * crd-generator built for the annotated class, recursively (fabric8's own MergePatchCustomizer replaces whole
 * {@code properties} maps). Used for what 7.5.2 has no annotation for: list-type map, enum of a string field,
 * format date-time. Runs at build time only, inside the crd-generator.
 */
public final class SchemaMerge implements SchemaCustomizer.Customizer {
  @Override
  public JSONSchemaProps apply(JSONSchemaProps schema, String input, KubernetesSerialization serialization) {
    ObjectMapper mapper = new ObjectMapper();
    try {
      ObjectNode merged = (ObjectNode) mapper.readTree(serialization.asJson(schema));
      merge(merged, mapper.readTree(input));
      return serialization.unmarshal(mapper.writeValueAsString(merged), JSONSchemaProps.class);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("invalid schema customization: " + input, e);
    }
  }

  static void merge(ObjectNode target, JsonNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = target.get(e.getKey());
      if (existing instanceof ObjectNode object && e.getValue().isObject()) {
        merge(object, e.getValue());
      } else {
        target.set(e.getKey(), e.getValue());
      }
    }
  }
}
