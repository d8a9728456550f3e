package dev.finpipe.handlers.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handlers' JSON, on Jackson's streaming core alone: events, responses, statuses, results and log lines. Jackson's
 * data binding is not used: building an {@code ObjectMapper} and its serializers loads some 500 classes, about a third
 * of a function's cold start (docs/PERFORMANCE.md, cold start).
 *
 * <p>Values written: null, strings, numbers, booleans, enums (their name), maps with string keys, iterables, and
 * records (an object of their components in declaration order, as data binding writes a record). Anything else is a
 * programming error and is refused.
 */
public final class JsonStreams {
  /** Thread-safe and reusable; one per container. */
  public static final JsonFactory FACTORY = JsonFactory.builder().build();

  private JsonStreams() {}

  /** An object's members in order; members whose value is null are left out when {@code keepNulls} is false. */
  public static byte[] object(Map<String, ?> members, boolean keepNulls) {
    return document(members, keepNulls);
  }

  /** Any value written, as UTF-8. */
  public static byte[] document(Object value, boolean keepNulls) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      writeValue(json, value, keepNulls);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory output
    }
    return out.toByteArray();
  }

  public static String objectText(Map<String, ?> members, boolean keepNulls) {
    return new String(object(members, keepNulls), StandardCharsets.UTF_8);
  }

  public static void writeValue(JsonGenerator json, Object value, boolean keepNulls) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof CharSequence text) {
      json.writeString(text.toString());
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigDecimal decimal) {
      json.writeNumber(decimal);
    } else if (value instanceof BigInteger integer) {
      json.writeNumber(integer);
    } else if (value instanceof Double || value instanceof Float) {
      json.writeNumber(((Number) value).doubleValue());
    } else if (value instanceof Enum<?> constant) {
      json.writeString(constant.name());
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> member : map.entrySet()) {
        if (member.getValue() != null || keepNulls) {
          json.writeFieldName(String.valueOf(member.getKey()));
          writeValue(json, member.getValue(), keepNulls);
        }
      }
      json.writeEndObject();
    } else if (value instanceof Record record) {
      writeRecord(json, record, keepNulls);
    } else if (value instanceof Iterable<?> items) {
      json.writeStartArray();
      for (Object item : items) {
        writeValue(json, item, keepNulls);
      }
      json.writeEndArray();
    } else {
      throw new IllegalArgumentException("not a plain JSON value: " + value.getClass().getName());
    }
  }

  private static void writeRecord(JsonGenerator json, Record record, boolean keepNulls) throws IOException {
    json.writeStartObject();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      Object member;
      try {
        member = component.getAccessor().invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("cannot read " + component + " of " + record.getClass().getName(), e);
      }
      if (member != null || keepNulls) {
        json.writeFieldName(component.getName());
        writeValue(json, member, keepNulls);
      }
    }
    json.writeEndObject();
  }

  /** A whole document as plain values: objects become ordered maps, arrays lists, whole numbers Integer, Long or BigInteger, others BigDecimal. */
  public static Object read(InputStream in) throws IOException {
    try (JsonParser json = FACTORY.createParser(in)) {
      if (json.nextToken() == null) {
        throw new IOException("empty JSON document");
      }
      return readValue(json);
    }
  }

  public static Object read(byte[] document) {
    try (JsonParser json = FACTORY.createParser(document)) {
      if (json.nextToken() == null) {
        throw new IOException("empty JSON document");
      }
      return readValue(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value at the parser's current token (the parser is left on its last token). */
  public static Object readValue(JsonParser json) throws IOException {
    JsonToken token = json.currentToken();
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String name = json.currentName();
          json.nextToken();
          map.put(name, readValue(json));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(json));
        }
        return list;
      }
      case VALUE_STRING:
        return json.getText();
      case VALUE_NUMBER_INT:
        return json.getNumberValue(); // Integer, Long or BigInteger, whichever holds it
      case VALUE_NUMBER_FLOAT:
        return json.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected JSON token " + token);
    }
  }

  public static void write(OutputStream out, Map<String, ?> members, boolean keepNulls) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      writeValue(json, members, keepNulls);
    }
  }
}
