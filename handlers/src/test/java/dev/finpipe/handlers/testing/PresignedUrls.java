package dev.finpipe.handlers.testing;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a pre-signed S3 URL against a request as S3 does (Signature Version 4 in query parameters,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html): rebuild the canonical request from
 * the URL and the request's values of the signed headers, sign it with the secret key, compare. moto does not verify
 * pre-signed signatures, so tests that need S3's verdict ask this instead.
 */
public final class PresignedUrls {
  private PresignedUrls() {}

  /** The URL's query parameters, decoded. */
  public static Map<String, String> query(URI url) {
    Map<String, String> params = new TreeMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    return params;
  }

  /** True when S3 would accept {@code method} on {@code url} with these header values (lower-case names). */
  public static boolean accepts(URI url, String method, Map<String, String> headers, String secretKey) {
    Map<String, String> rawParams = new TreeMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      rawParams.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    String signature = rawParams.remove("X-Amz-Signature");
    Map<String, String> params = query(url);
    StringBuilder canonicalHeaders = new StringBuilder();
    for (String name : params.get("X-Amz-SignedHeaders").split(";")) {
      String value = name.equals("host") ? hostHeader(url) : headers.get(name);
      if (value == null) {
        return false; // a signed header the request does not send
      }
      canonicalHeaders.append(name).append(':').append(value.trim()).append('\n');
    }
    StringBuilder canonicalQuery = new StringBuilder();
    rawParams.forEach((k, v) -> canonicalQuery.append(canonicalQuery.length() == 0 ? "" : "&").append(k).append('=')
        .append(v));
    String canonicalRequest = String.join("\n", method, url.getRawPath(), canonicalQuery, canonicalHeaders,
        params.get("X-Amz-SignedHeaders"), "UNSIGNED-PAYLOAD");
    String[] scope = params.get("X-Amz-Credential").split("/", 2);
    String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", params.get("X-Amz-Date"), scope[1],
        HexFormat.of().formatHex(sha256(canonicalRequest)));
    String[] parts = scope[1].split("/"); // date/region/service/aws4_request
    byte[] key = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
    for (String part : parts) {
      key = hmac(key, part);
    }
    return HexFormat.of().formatHex(hmac(key, stringToSign)).equals(signature);
  }

  private static String hostHeader(URI url) {
    return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
