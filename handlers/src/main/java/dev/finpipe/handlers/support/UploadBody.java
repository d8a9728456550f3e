package dev.finpipe.handlers.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns an upload request's body into CSV bytes, or says which client error it is. */
public final class UploadBody {
  // Browsers label .csv files in several ways; anything else is surely not our CSV.
  private static final Set<String> CSV_CONTENT_TYPES =
      Set.of("text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream");

  /** @param csv the body bytes when valid; otherwise statusCode and error say why not */
  public record Result(byte[] csv, int statusCode, String error) {
    static Result ok(byte[] csv) {
      return new Result(csv, 0, null);
    }

    static Result reject(int statusCode, String error) {
      return new Result(null, statusCode, error);
    }

    public boolean isOk() {
      return csv != null;
    }
  }

  private UploadBody() {}

  public static Result read(APIGatewayProxyRequestEvent request, long maxBytes) {
    String contentType = header(request.getHeaders(), "content-type");
    if (contentType != null && !CSV_CONTENT_TYPES.contains(mediaType(contentType))) {
      return Result.reject(400, "Content-Type " + mediaType(contentType) + " is not CSV; send text/csv");
    }
    String body = request.getBody();
    if (body == null || body.isEmpty()) {
      return Result.reject(400, "request body is empty; send the CSV file as the body");
    }
    byte[] bytes;
    if (Boolean.TRUE.equals(request.getIsBase64Encoded())) {
      // Checked before decoding too: the encoded text is 4/3 of the bytes it decodes to.
      if (body.length() / 4L * 3L > maxBytes + 3L) {
        return tooLarge(maxBytes);
      }
      try {
        bytes = Base64.getMimeDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        return Result.reject(400, "request body is flagged base64 but is not valid base64");
      }
    } else {
      bytes = body.getBytes(StandardCharsets.UTF_8);
    }
    if (bytes.length > maxBytes) {
      return tooLarge(maxBytes);
    }
    String problem = textProblem(bytes);
    return problem == null ? Result.ok(bytes) : Result.reject(400, problem);
  }

  private static Result tooLarge(long maxBytes) {
    return Result.reject(413, "CSV is larger than " + maxBytes + " bytes; use POST /upload?mode=presign");
  }

  /** CSV must be UTF-8 text: no invalid sequences, no NUL bytes, not only whitespace. */
  private static String textProblem(byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return "request body is not UTF-8 text, so not CSV";
    }
    if (text.indexOf('\0') >= 0) {
      return "request body contains binary data, so not CSV";
    }
    if (text.isBlank()) {
      return "request body is empty; send the CSV file as the body";
    }
    return null;
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  /** HTTP header names are case-insensitive; API Gateway passes them as the client sent them. */
  static String header(Map<String, String> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, String> entry : headers.entrySet()) {
      if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
