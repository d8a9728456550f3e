package dev.finpipe.operator.aws.notification;

import dev.finpipe.operator.aws.FieldName;
import dev.finpipe.operator.aws.ManagedField;

/** The parts of the processor's bucket notification the operator manages; any drift re-puts the entry. */
public enum NotificationField implements ManagedField {
  @FieldName("notification.functionArn")
  FUNCTION_ARN,
  @FieldName("notification.events")
  EVENTS,
  @FieldName("notification.prefix")
  PREFIX;
}
