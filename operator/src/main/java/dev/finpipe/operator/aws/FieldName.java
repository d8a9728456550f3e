package dev.finpipe.operator.aws;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The name users see for one constant of a {@link ManagedField} enum, e.g. {@code MessageRetentionPeriod}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface FieldName {
  String value();
}
