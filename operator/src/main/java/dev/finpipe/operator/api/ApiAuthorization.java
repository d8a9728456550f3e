package dev.finpipe.operator.api;

/** Authorization type of the API's methods. */
public enum ApiAuthorization {
  AWS_IAM,
  NONE
}
