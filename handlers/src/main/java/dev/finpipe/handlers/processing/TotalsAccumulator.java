package dev.finpipe.handlers.processing;

import dev.finpipe.handlers.processing.FileSummary.AccountTotals;
import dev.finpipe.handlers.processing.FileSummary.CurrencyTotals;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Totals per (account, currency) and per currency. Amounts of different currencies are never added up, so
 * "overall" is one line per currency. Memory grows with distinct account/currency pairs, not rows, and those are
 * bounded by {@link #MAX_ACCOUNT_GROUPS}: a file with more fails as a whole (see {@link TooManyAccounts}).
 *
 * <p>Groups are found by the account's bytes and the currency's index in a fixed open-addressing table, hashed with
 * SipHash under a random key (no crafted account ids piling into one slot); a row allocates nothing unless it opens
 * a new group.
 */
final class TotalsAccumulator {
  /**
   * The most account/currency pairs one file may have. The results document lists each (about 120 bytes), and the
   * results endpoint returns it through Lambda and API Gateway, whose response payload limit is 6 MB
   * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html): 10,000 pairs keep it near 1.2 MB.
   */
  static final int MAX_ACCOUNT_GROUPS = 10_000;
  private static final int TABLE_SLOTS = 1 << 14; // > MAX_ACCOUNT_GROUPS / 0.75: never grows
  private static final SecureRandom KEYS = new SecureRandom();

  /** The file has more distinct account/currency pairs than {@link #MAX_ACCOUNT_GROUPS}. */
  static final class TooManyAccounts extends RuntimeException {
    TooManyAccounts() {
      super("more than " + MAX_ACCOUNT_GROUPS + " distinct account/currency pairs; split the file", null, false,
          false);
    }
  }

  private static final class Group {
    final byte[] account;
    final int currency;
    final RunningTotals totals = new RunningTotals();

    Group(byte[] account, int currency) {
      this.account = account;
      this.currency = currency;
    }
  }

  private final long k0 = KEYS.nextLong();
  private final long k1 = KEYS.nextLong();
  private final long[] hashes = new long[TABLE_SLOTS];
  private final Group[] groups = new Group[TABLE_SLOTS];
  private int groupCount;
  private final RunningTotals[] byCurrency = new RunningTotals[Currencies.CODES];

  /**
   * The hash {@link #add} needs for the account {@code data[from, to)} in a currency. A pure function of this
   * accumulator's key: any thread may compute it.
   */
  long groupHash(byte[] data, int from, int to, int currency) {
    return SipHash.hash13(k0, k1, data, from, to) ^ (currency * 0x9E3779B97F4A7C15L);
  }

  /**
   * Adds an accepted row: the account is {@code data[from, to)}, the currency an index of {@link Currencies},
   * {@code hash} its {@link #groupHash}.
   */
  void add(long hash, byte[] data, int from, int to, int currency, Amount amount) {
    group(hash, data, from, to, currency).totals.add(amount);
    RunningTotals total = byCurrency[currency];
    if (total == null) {
      total = new RunningTotals();
      byCurrency[currency] = total;
    }
    total.add(amount);
  }

  private Group group(long hash, byte[] data, int from, int to, int currency) {
    int mask = TABLE_SLOTS - 1;
    int index = (int) (hash ^ (hash >>> 32)) & mask;
    for (Group g = groups[index]; g != null; g = groups[index]) {
      if (hashes[index] == hash && g.currency == currency && sameBytes(g.account, data, from, to)) {
        return g;
      }
      index = (index + 1) & mask;
    }
    if (groupCount == MAX_ACCOUNT_GROUPS) {
      throw new TooManyAccounts();
    }
    Group g = new Group(Arrays.copyOfRange(data, from, to), currency);
    groups[index] = g;
    hashes[index] = hash;
    groupCount++;
    return g;
  }

  // A plain loop: account ids are short, where Arrays.equals' vectorised compare costs more than it saves.
  private static boolean sameBytes(byte[] account, byte[] data, int from, int to) {
    if (account.length != to - from) {
      return false;
    }
    for (int i = 0; i < account.length; i++) {
      if (account[i] != data[from + i]) {
        return false;
      }
    }
    return true;
  }

  /** Sorted by currency code. */
  List<CurrencyTotals> currencyTotals() {
    List<CurrencyTotals> result = new ArrayList<>();
    for (int currency = 0; currency < byCurrency.length; currency++) {
      RunningTotals t = byCurrency[currency];
      if (t != null) {
        result.add(new CurrencyTotals(Currencies.code(currency), t.count(), t.sum(), t.min(), t.max()));
      }
    }
    return result;
  }

  /** Sorted by account, then currency, so the same file always gives the same document. */
  List<AccountTotals> accountTotals() {
    List<AccountTotals> result = new ArrayList<>(groupCount);
    for (Group g : groups) {
      if (g != null) {
        RunningTotals t = g.totals;
        result.add(new AccountTotals(new String(g.account, StandardCharsets.UTF_8), Currencies.code(g.currency),
            t.count(), t.sum(), t.min(), t.max()));
      }
    }
    result.sort(
        (a, b) -> {
          int byId = a.accountId().compareTo(b.accountId());
          return byId != 0 ? byId : a.currency().compareTo(b.currency());
        });
    return result;
  }
}
