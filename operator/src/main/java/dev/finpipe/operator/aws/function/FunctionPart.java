package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.aws.Desired;

/** A desired resource that is part of a Lambda function (a permission, an invocation config): owned with it. */
public interface FunctionPart extends Desired {
  String functionArn();
}
