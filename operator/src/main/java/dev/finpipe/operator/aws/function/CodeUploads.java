package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.codestaging.CodeObject;
import dev.finpipe.operator.aws.codestaging.CodeStager;

/**
 * The operator-wide way function code reaches Lambda: always from S3, never inline. Code of the operator's own
 * (the embedded handlers jar) is staged once per account, region and content in the staging bucket
 * ({@link CodeStager}); an object the pipeline names is read by Lambda where it is.
 */
public final class CodeUploads {
  private final CodeStager stager;

  /** {@code stagingBucket}: the staging bucket's name template ({@code --code-staging-bucket}). */
  public CodeUploads(String stagingBucket) {
    this.stager = new CodeStager(stagingBucket);
  }

  CodeObject locate(AwsClients aws, CodeSource code) {
    if (code instanceof CodeSource.Staged staged) {
      return stager.stage(aws, staged.accountId(), staged.content());
    }
    return ((CodeSource.InS3) code).object();
  }
}
