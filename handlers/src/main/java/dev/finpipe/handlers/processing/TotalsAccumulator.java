package dev.finpipe.handlers.processing;

import dev.finpipe.handlers.processing.FileSummary.AccountTotals;
import dev.finpipe.handlers.processing.FileSummary.CurrencyTotals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals per (account, currency) and per currency. Amounts of different currencies are never added up,
 * so "overall" is one line per currency. Memory grows with distinct account/currency pairs, not rows.
 */
final class TotalsAccumulator {
  private record AccountCurrency(String accountId, String currency) {}

  private final Map<AccountCurrency, RunningTotals> byAccount = new HashMap<>();
  private final Map<String, RunningTotals> byCurrency = new HashMap<>();

  void add(Transaction transaction) {
    byAccount
        .computeIfAbsent(new AccountCurrency(transaction.accountId(), transaction.currency()), k -> new RunningTotals())
        .add(transaction.amount());
    byCurrency.computeIfAbsent(transaction.currency(), k -> new RunningTotals()).add(transaction.amount());
  }

  List<CurrencyTotals> currencyTotals() {
    List<CurrencyTotals> result = new ArrayList<>(byCurrency.size());
    new TreeMap<>(byCurrency).forEach(
        (currency, t) -> result.add(new CurrencyTotals(currency, t.count(), t.sum(), t.min(), t.max())));
    return result;
  }

  /** Sorted by account, then currency, so the same file always gives the same document. */
  List<AccountTotals> accountTotals() {
    List<AccountTotals> result = new ArrayList<>(byAccount.size());
    byAccount.forEach(
        (key, t) ->
            result.add(
                new AccountTotals(key.accountId(), key.currency(), t.count(), t.sum(), t.min(), t.max())));
    result.sort(
        (a, b) -> {
          int byId = a.accountId().compareTo(b.accountId());
          return byId != 0 ? byId : a.currency().compareTo(b.currency());
        });
    return result;
  }
}
