package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.aws.codestaging.CodeObject;
import dev.finpipe.operator.aws.codestaging.StageableCode;
import dev.finpipe.operator.support.Required;

/** Where a function's code comes from, and its base64 SHA-256 (what Lambda reports as {@code CodeSha256}). */
public sealed interface CodeSource {
  String sha256();

  /** An object Lambda reads directly: it is in the function's region. */
  record InS3(CodeObject object, String sha256) implements CodeSource {
    public InS3 {
      Required.present("object", object, "sha256", sha256);
    }
  }

  /** Content the operator stages in its bucket of {@code accountId} before Lambda reads it from there. */
  record Staged(StageableCode content, String accountId) implements CodeSource {
    public Staged {
      Required.present("content", content, "accountId", accountId);
    }

    @Override
    public String sha256() {
      return content.sha256Base64();
    }
  }
}
