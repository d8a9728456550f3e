package dev.finpipe.operator.aws.permission;

import dev.finpipe.operator.aws.FieldName;
import dev.finpipe.operator.aws.ManagedField;

/** The parts of a resource-policy statement the operator manages; any drift re-adds the whole statement. */
public enum PermissionField implements ManagedField {
  @FieldName("principal")
  PRINCIPAL,
  @FieldName("action")
  ACTION,
  @FieldName("sourceArn")
  SOURCE_ARN,
  @FieldName("sourceAccount")
  SOURCE_ACCOUNT,
  /** Statements with the same Sid (the emulator appends duplicates). */
  @FieldName("occurrences")
  OCCURRENCES,
  /**
   * Keyed by Sid: statements of the function's policy the operator did not make (e.g. an invoke grant to
   * {@code *} added out of band). The operator owns the function's whole resource policy: they are removed.
   */
  @FieldName("ForeignStatement")
  FOREIGN_STATEMENT;
}
