package dev.finpipe.operator.aws.notification;

import dev.finpipe.operator.aws.ManagedField;

/** The parts of the processor's bucket notification the operator manages; any drift re-puts the entry. */
public enum NotificationField implements ManagedField {
  FUNCTION_ARN("notification.functionArn"),
  EVENTS("notification.events"),
  PREFIX("notification.prefix");

  private final String name;

  NotificationField(String name) {
    this.name = name;
  }

  @Override
  public String fieldName() {
    return name;
  }
}
