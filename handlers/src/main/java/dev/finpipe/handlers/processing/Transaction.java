package dev.finpipe.handlers.processing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A validated CSV row; the optional description column is not kept. */
public record Transaction(
    String transactionId, String accountId, BigDecimal amount, String currency, OffsetDateTime timestamp) {}
