package dev.finpipe.operator.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OwnershipTest {
  private static Map<String, String> tags(String namespace, String name, String uid) {
    return new Ownership(namespace, name, uid).tags();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      same uid                                  | ns | fp | u1 | false | true
      same uid, adoption allowed                | ns | fp | u1 | true  | true
      earlier pipeline of the same name         | ns | fp | u0 | false | false
      earlier pipeline, adoption allowed        | ns | fp | u0 | true  | true
      other name, adoption allowed              | ns | xx | u0 | true  | false
      other namespace, adoption allowed         | zz | fp | u0 | true  | false
      """)
  void ownsOnlyItsOwnOrAnAdoptableEarlierIncarnation(String title, String tagNamespace, String tagName, String tagUid,
                                                     boolean adopt, boolean owned) {
    Ownership owner = new Ownership("ns", "fp", "u1", adopt);
    assertThat(owner.owns(tags(tagNamespace, tagName, tagUid))).isEqualTo(owned);
  }

  @org.junit.jupiter.api.Test
  void untaggedResourceIsForeign() {
    Ownership owner = new Ownership("ns", "fp", "u1", true);
    assertThat(owner.owns(Map.of())).isFalse();
    assertThat(owner.owns(null)).isFalse();
    assertThatThrownBy(() -> owner.requireOwned("S3 bucket", "b", Map.of("team", "x")))
        .isInstanceOfSatisfying(TerminalException.class, e -> {
          assertThat(e.reason()).isEqualTo("ForeignResource");
          assertThat(e.getMessage()).contains("S3 bucket b already exists").contains("not managed by this operator");
        });
  }

  @org.junit.jupiter.api.Test
  void refusalOfAnEarlierIncarnationNamesTheAnnotationThatAdoptsIt() {
    assertThatThrownBy(() -> new Ownership("ns", "fp", "u1").requireOwned("S3 bucket", "b", tags("ns", "fp", "u0")))
        .isInstanceOfSatisfying(TerminalException.class, e -> assertThat(e.getMessage())
            .contains("earlier FinancialPipeline ns/fp (uid u0)").contains(Ownership.ADOPT_RETAINED_ANNOTATION));
  }
}
