package dev.finpipe.operator.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads and compares IAM policy documents. IAM returns documents URL-encoded; two documents are the same
 * when they parse to equal trees (object keys in any order, arrays - statements included - in order), so
 * re-reading a document we wrote never looks like drift.
 */
public final class PolicyDocuments {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PolicyDocuments() {
  }

  /** The document as compact JSON, ready to send to IAM. */
  public static String toJson(JsonNode document) {
    try {
      return MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a Jackson tree always serializes", e);
    }
  }

  /**
   * Parses a document as IAM returns it (URL-encoded) or as written (plain JSON). Only text that does not
   * already start as JSON is decoded, so a literal {@code +} in a plain document is kept.
   */
  public static JsonNode parse(String document) {
    String text = document.strip();
    if (!text.startsWith("{")) {
      text = URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON policy document: " + e.getOriginalMessage(), e);
    }
  }

  public static boolean sameDocument(String a, String b) {
    return parse(a).equals(parse(b));
  }

  public static boolean sameDocument(JsonNode desired, String actual) {
    return desired.equals(parse(actual));
  }
}
