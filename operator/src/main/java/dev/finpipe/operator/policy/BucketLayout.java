package dev.finpipe.operator.policy;

/**
 * The prefixes of the pipeline's bucket: where files arrive, move to, and what the functions write. The one
 * definition: {@link PipelineFunction.Prefix} (the functions' S3 permissions) refers to these, and the
 * operator passes them to the handlers (whose own defaults are the same).
 */
public final class BucketLayout {
  public static final String INCOMING = "incoming/";
  public static final String PROCESSED = "processed/";
  public static final String RESULTS = "results/";
  public static final String STATUS = "status/";
  /** Id of the lifecycle rule that expires processed files. */
  public static final String EXPIRE_PROCESSED_RULE = "expire-processed";
  /** Id of the notification that invokes the processor for new files. */
  public static final String PROCESSOR_NOTIFICATION = "invoke-processor";

  private BucketLayout() {
  }
}
