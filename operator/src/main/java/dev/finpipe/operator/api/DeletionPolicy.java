package dev.finpipe.operator.api;

/** What deleting a FinancialPipeline does to the AWS resources that hold data. */
public enum DeletionPolicy {
  /** Keep the bucket with its objects and the dead-letter queues; delete everything else. */
  Retain,
  /** Delete everything, except a bucket that still holds objects (reported in a condition). */
  Delete
}
