package dev.finpipe.operator.reliability;

/**
 * One hostile or invalid FinancialPipeline: either the API server refuses it ({@code code}, usually 422) or
 * the operator admits it and marks it InvalidSpec, never touching AWS. {@code message} must appear in the
 * refusal or in the InvalidSpec condition. {@code spec} is the YAML of {@code spec}, or null for none.
 */
record BadInput(String title, String name, String spec, Outcome outcome, int code, String message) {
  enum Outcome { REJECTED, INVALID_SPEC }

  static BadInput rejected(String title, String spec, String message) {
    return new BadInput(title, null, spec, Outcome.REJECTED, 422, message);
  }

  static BadInput rejectedName(String title, String name, String message) {
    return new BadInput(title, name, "{region: us-east-1}", Outcome.REJECTED, 422, message);
  }

  static BadInput invalidSpec(String title, String spec, String message) {
    return new BadInput(title, null, spec, Outcome.INVALID_SPEC, 0, message);
  }

  /** The resource name: given, or derived from the title so that every row gets its own object. */
  String objectName() {
    return name != null ? name : "bad-" + Integer.toHexString(title.hashCode());
  }

  String yaml(String namespace) {
    return """
        apiVersion: finpipe.dev/v1alpha1
        kind: FinancialPipeline
        metadata:
          name: %s
          namespace: %s
        """.formatted(objectName(), namespace) + (spec == null ? "" : "spec: " + spec + "\n");
  }

  @Override
  public String toString() {
    return title; // shown as the parameterized test's name; the spec may be megabytes long
  }
}
