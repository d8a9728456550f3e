package dev.finpipe.operator.aws.client;

import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Names the pipeline's account as the expected bucket owner on every S3 request whose operation accepts it
 * (the request model has an {@code ExpectedBucketOwner} member: every bucket and object operation the operator
 * calls except CreateBucket), unless the call set it itself. S3 then refuses, with 403, a request that would
 * reach a bucket another account owns, e.g. one it created first under a predictable name. Source: "Verifying
 * bucket ownership with bucket owner condition",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html.
 */
final class ExpectedBucketOwner implements ExecutionInterceptor {
  private static final String MEMBER = "ExpectedBucketOwner";
  private final AtomicReference<String> account = new AtomicReference<>();

  /** From now on, requests name {@code accountId}; until then (the account is not known yet) none. */
  void expect(String accountId) {
    account.set(accountId);
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    String owner = account.get();
    if (owner == null) {
      return request;
    }
    for (SdkField<?> field : request.sdkFields()) {
      if (MEMBER.equals(field.memberName()) && field.getValueOrDefault(request) == null) {
        SdkRequest.Builder builder = request.toBuilder();
        field.set(builder, owner);
        return builder.build();
      }
    }
    return request;
  }
}
