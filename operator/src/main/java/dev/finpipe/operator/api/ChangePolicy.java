package dev.finpipe.operator.api;

/** How spec changes and drift reach AWS. */
public enum ChangePolicy {
  /** Every pass converges AWS to the spec and corrects drift. */
  Automatic,
  /**
   * A pass computes the plan with read calls only and writes it to {@code status.plan}; it is applied once the
   * annotation {@code finpipe.dev/approve-plan} carries the plan's hash.
   */
  Manual
}
