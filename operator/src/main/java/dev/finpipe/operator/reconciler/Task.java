package dev.finpipe.operator.reconciler;

import java.util.function.Supplier;

/** One component's converge (or delete) step, named so it can be reported even when it does not run. */
record Task(String component, String kind, String name, Supplier<ComponentResult> run) {
}
