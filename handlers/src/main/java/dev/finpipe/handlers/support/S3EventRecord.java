package dev.finpipe.handlers.support;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of one S3 event notification record the processor reads ("Event message structure",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html): {@code eventName},
 * {@code s3.bucket.name}, {@code s3.object.key} (URL-encoded, as S3 sends it) and {@code s3.object.eTag}.
 * Any of them is null when the record lacks it.
 */
public record S3EventRecord(String eventName, String bucket, String key, String eTag) {

  /** The records of an event as Lambda delivers it: {@code {"Records": [...]}}. */
  public static List<S3EventRecord> read(InputStream eventJson) throws IOException {
    Object event = JsonStreams.read(eventJson);
    if (!(member(event, "Records") instanceof List<?> records)) {
      throw new IOException("an S3 event is a JSON object with a Records array");
    }
    List<S3EventRecord> result = new ArrayList<>(records.size());
    for (Object record : records) {
      Object s3 = member(record, "s3");
      Object object = member(s3, "object");
      result.add(new S3EventRecord(text(member(record, "eventName")), text(member(member(s3, "bucket"), "name")),
          text(member(object, "key")), text(member(object, "eTag"))));
    }
    return result;
  }

  /** The same records from the Lambda event library's model. */
  public static List<S3EventRecord> of(S3Event event) {
    if (event == null || event.getRecords() == null) {
      return List.of();
    }
    List<S3EventRecord> result = new ArrayList<>(event.getRecords().size());
    for (S3EventNotificationRecord record : event.getRecords()) {
      var s3 = record.getS3();
      var bucket = s3 == null ? null : s3.getBucket();
      var object = s3 == null ? null : s3.getObject();
      result.add(new S3EventRecord(record.getEventName(), bucket == null ? null : bucket.getName(),
          object == null ? null : object.getKey(), object == null ? null : object.geteTag()));
    }
    return result;
  }

  private static Object member(Object json, String name) {
    return json instanceof Map<?, ?> object ? object.get(name) : null;
  }

  private static String text(Object value) {
    return value instanceof Map || value instanceof List ? null : value == null ? null : value.toString();
  }
}
