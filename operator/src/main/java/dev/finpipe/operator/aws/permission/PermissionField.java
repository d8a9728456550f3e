package dev.finpipe.operator.aws.permission;

import dev.finpipe.operator.aws.ManagedField;

/** The parts of a resource-policy statement the operator manages; any drift re-adds the whole statement. */
public enum PermissionField implements ManagedField {
  PRINCIPAL("principal"),
  ACTION("action"),
  SOURCE_ARN("sourceArn"),
  SOURCE_ACCOUNT("sourceAccount"),
  /** Statements with the same Sid (the emulator appends duplicates). */
  OCCURRENCES("occurrences");

  private final String name;

  PermissionField(String name) {
    this.name = name;
  }

  @Override
  public String fieldName() {
    return name;
  }
}
