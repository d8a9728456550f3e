package dev.finpipe.operator.reconciler;

/**
 * The converge order of a pipeline's components; the components of one stage are independent and run in
 * parallel. Deletion runs the stages in reverse.
 */
enum Stage {
  /** Bucket, dead-letter queues, log groups, alarms: nothing they need comes from another component. */
  FOUNDATION,
  /** IAM roles: their policies name the bucket, queues and log groups. */
  ROLES,
  /** Lambda functions: they need their role and dead-letter queue. */
  FUNCTIONS,
  /** Async invoke configs, the S3 invoke permission, the REST API: they need the function ARNs. */
  WIRING,
  /** The bucket notification (S3 validates the permission) and the API invoke permissions (need the API id). */
  ENTRY_POINTS
}
