package dev.finpipe.operator.support;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequiredTest {

  @Test
  void presentComponentsPass() {
    assertThatNoException().isThrownBy(() -> Required.present("a", 1, "b", "x"));
  }

  @Test
  void theFirstMissingComponentIsNamed() {
    assertThatThrownBy(() -> Required.present("a", 1, "b", null, "c", null))
        .isInstanceOf(NullPointerException.class).hasMessage("b is required");
  }
}
