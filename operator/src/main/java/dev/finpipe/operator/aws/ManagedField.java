package dev.finpipe.operator.aws;

/**
 * A field that a resource kind manages. Each kind lists its fields in an enum implementing this, each constant
 * named for users with {@link FieldName}, so a drift is dispatched on the enum constant while events and status
 * messages show {@link #render the field's name}.
 */
public interface ManagedField {

  /** The name users see, e.g. {@code MessageRetentionPeriod}: the constant's {@link FieldName}. */
  default String fieldName() {
    Enum<?> constant = (Enum<?>) this;
    try {
      FieldName name = constant.getDeclaringClass().getField(constant.name()).getAnnotation(FieldName.class);
      return name == null ? constant.name() : name.value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("an enum constant is a field of its enum", e);
    }
  }

  /**
   * The name of this field for one keyed instance (a route, an inline policy...); {@code key} is null for a
   * field that occurs once.
   */
  default String render(String key) {
    return key == null ? fieldName() : fieldName() + "/" + key;
  }
}
