package dev.finpipe.operator.policy;

import java.util.List;

/**
 * The four Lambda functions of a pipeline: their short name (used in resource names), the handler the
 * operator deploys, and the S3 prefixes each one may touch. These are the single source of the functions'
 * S3 permissions ({@link IamPolicies}); the prefixes themselves are {@link BucketLayout}'s.
 */
public enum PipelineFunction {
  /** POST /upload: stores the CSV under incoming/ and writes the initial status record. */
  UPLOAD("upload", "dev.finpipe.handlers.UploadHandler::handleRequest",
      List.of(), List.of(Prefix.INCOMING, Prefix.STATUS), List.of()),
  /** GET /status/{jobId}: reads the status record. */
  STATUS("status", "dev.finpipe.handlers.StatusHandler::handleRequest",
      List.of(Prefix.STATUS), List.of(), List.of()),
  /**
   * GET /results/{jobId}: reads the results; also reads the status record to answer 409 (job known but not
   * finished) or 422 (job failed) instead of 404 when no results exist yet.
   */
  RESULTS("results", "dev.finpipe.handlers.ResultsHandler::handleRequest",
      List.of(Prefix.RESULTS, Prefix.STATUS), List.of(), List.of()),
  /**
   * S3 ObjectCreated on incoming/: reads the CSV, writes results and status, moves the file to processed/
   * (copy + delete). Reads results/ and status/ so that a redelivered event is recognised as done.
   */
  PROCESSOR("processor", "dev.finpipe.handlers.ProcessorHandler::handleRequest",
      List.of(Prefix.INCOMING, Prefix.RESULTS, Prefix.STATUS),
      List.of(Prefix.PROCESSED, Prefix.RESULTS, Prefix.STATUS),
      List.of(Prefix.INCOMING));

  /** The key prefixes of the pipeline's bucket, as {@link BucketLayout} defines them. */
  public enum Prefix {
    INCOMING(BucketLayout.INCOMING), PROCESSED(BucketLayout.PROCESSED), RESULTS(BucketLayout.RESULTS),
    STATUS(BucketLayout.STATUS);

    private final String value;

    Prefix(String value) {
      this.value = value;
    }

    /** The key prefix with its trailing slash, e.g. {@code incoming/}. */
    public String value() {
      return value;
    }
  }

  private final String shortName;
  private final String handler;
  private final List<Prefix> reads;
  private final List<Prefix> writes;
  private final List<Prefix> deletes;

  PipelineFunction(String shortName, String handler, List<Prefix> reads, List<Prefix> writes,
                   List<Prefix> deletes) {
    this.shortName = shortName;
    this.handler = handler;
    this.reads = reads;
    this.writes = writes;
    this.deletes = deletes;
  }

  /** Lower-case name used in resource names and status, e.g. {@code upload}. */
  public String shortName() {
    return shortName;
  }

  /** The Lambda handler string, {@code class::method}. */
  public String handler() {
    return handler;
  }

  /** Prefixes read with s3:GetObject. */
  public List<Prefix> reads() {
    return reads;
  }

  /** Prefixes written with s3:PutObject. */
  public List<Prefix> writes() {
    return writes;
  }

  /** Prefixes deleted from with s3:DeleteObject. */
  public List<Prefix> deletes() {
    return deletes;
  }
}
