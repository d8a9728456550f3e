package dev.finpipe.operator.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Bucket policy documents, built with Jackson. */
public final class BucketPolicies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BucketPolicies() {
  }

  /** Denies every request to the bucket and its objects that does not use TLS. */
  public static ObjectNode denyInsecureTransport(String bucketArn) {
    ObjectNode doc = JSON.createObjectNode().put("Version", "2012-10-17");
    ObjectNode statement = doc.putArray("Statement").addObject()
        .put("Sid", "DenyInsecureTransport")
        .put("Effect", "Deny")
        .put("Principal", "*")
        .put("Action", "s3:*");
    ArrayNode resources = statement.putArray("Resource");
    resources.add(bucketArn).add(bucketArn + "/*");
    statement.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");
    return doc;
  }
}
