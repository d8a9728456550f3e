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
      same uid                                       | ns | fp | u1 |      | true
      same uid, adopting u0                          | ns | fp | u1 | u0   | true
      earlier pipeline of the same name              | ns | fp | u0 |      | false
      earlier pipeline, adopting its uid             | ns | fp | u0 | u0   | true
      earlier pipeline, adopting another uid         | ns | fp | u9 | u0   | false
      earlier pipeline, annotation of the old form   | ns | fp | u0 | true | false
      other name, adopting its uid                   | ns | xx | u0 | u0   | false
      other namespace, adopting its uid              | zz | fp | u0 | u0   | false
      """)
  void ownsOnlyItsOwnOrTheEarlierIncarnationNamedByUid(String title, String tagNamespace, String tagName,
                                                       String tagUid, String adoptFromUid, boolean owned) {
    Ownership owner = new Ownership("ns", "fp", "u1", adoptFromUid);
    assertThat(owner.owns(tags(tagNamespace, tagName, tagUid))).isEqualTo(owned);
  }

  @org.junit.jupiter.api.Test
  void untaggedResourceIsForeign() {
    Ownership owner = new Ownership("ns", "fp", "u1", "u0");
    assertThat(owner.owns(Map.of())).isFalse();
    assertThat(owner.owns(null)).isFalse();
    assertThatThrownBy(() -> owner.requireOwned("S3 bucket", "b", Map.of("team", "x")))
        .isInstanceOfSatisfying(TerminalException.class, e -> {
          assertThat(e.reason()).isEqualTo("ForeignResource");
          assertThat(e.getMessage()).contains("S3 bucket b already exists").contains("not managed by this operator");
        });
  }

  @org.junit.jupiter.api.Test
  void refusalOfAnEarlierIncarnationNamesTheAnnotationThatAdoptsItButNotItsUid() {
    assertThatThrownBy(() -> new Ownership("ns", "fp", "u1").requireOwned("S3 bucket", "b", tags("ns", "fp", "u0")))
        .isInstanceOfSatisfying(TerminalException.class, e -> assertThat(e.getMessage())
            .contains("earlier FinancialPipeline of this namespace and name")
            .contains(Ownership.ADOPT_RETAINED_ANNOTATION + "=<the uid").doesNotContain("u0"));
  }

  @org.junit.jupiter.api.Test
  void refusalOfAnotherTenantsResourceDoesNotSayWhoseItIs() {
    assertThatThrownBy(() -> new Ownership("ns", "fp", "u1").requireOwned("S3 bucket", "b",
        tags("other-team", "their-pipeline", "their-uid")))
        .isInstanceOfSatisfying(TerminalException.class, e -> assertThat(e.getMessage())
            .contains("belongs to another owner").doesNotContain("other-team", "their-pipeline", "their-uid"));
  }
}
