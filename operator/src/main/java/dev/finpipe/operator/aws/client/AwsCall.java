package dev.finpipe.operator.aws.client;

import dev.finpipe.operator.support.AwsErrors;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one AWS call and turns an {@link SdkException} into the classified exception of
 * {@link AwsErrors#classify}, so managers never leak raw SDK failures to the reconciler.
 */
public final class AwsCall {
  private AwsCall() {
  }

  /** The call's result; {@code what} names the action for the error message, e.g. "GetRole fp_x". */
  public static <T> T get(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw AwsErrors.classify(what, e);
    }
  }

  public static void run(String what, Runnable call) {
    get(what, () -> {
      call.run();
      return null;
    });
  }

  /** The call's result, or empty when it failed because the resource does not exist. */
  public static <T> Optional<T> unlessAbsent(String what, Supplier<T> call, Predicate<SdkException> notFound) {
    try {
      return Optional.ofNullable(call.get());
    } catch (SdkException e) {
      if (notFound.test(e)) {
        return Optional.empty();
      }
      throw AwsErrors.classify(what, e);
    }
  }

  /** Runs a delete-like call; a resource that is already gone counts as done. */
  public static void unlessGone(String what, Runnable call, Predicate<SdkException> notFound) {
    unlessAbsent(what, () -> {
      call.run();
      return Boolean.TRUE;
    }, notFound);
  }
}
