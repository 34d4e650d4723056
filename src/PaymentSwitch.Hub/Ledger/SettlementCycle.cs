using System.Collections.Frozen;
using System.Runtime.InteropServices;
using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.Ledger;

/// <summary>
/// The open settlement cycle. Each commit updates, in constant time, the per-account nets and the bilateral gross
/// matrix, so closing costs O(accounts + bilateral pairs) however many payments the cycle holds.
/// </summary>
/// <remarks>Owned and mutated by one <see cref="LiquidityLedger"/>; not thread-safe.</remarks>
public sealed class SettlementCycle
{
    private readonly AccountBook _accounts;
    private readonly Dictionary<PairKey, PairTotal> _bilateral;
    private long[] _netMinor;
    private int[] _legCount;

    internal SettlementCycle(AccountBook accounts, DateTimeOffset openedAt, int accountCapacity, int pairCapacity)
    {
        _accounts = accounts;
        _bilateral = new Dictionary<PairKey, PairTotal>(pairCapacity);
        _netMinor = new long[Math.Max(accountCapacity, 4)];
        _legCount = new int[_netMinor.Length];
        CycleNumber = 1;
        OpenedAt = openedAt;
    }

    /// <summary>The cycle's number, from 1.</summary>
    public long CycleNumber { get; private set; }

    /// <summary>When the cycle opened.</summary>
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>How many legs were committed in this cycle so far.</summary>
    public long CommittedLegCount { get; private set; }

    /// <summary>The number of non-empty bilateral cells so far.</summary>
    public int BilateralPairCount => _bilateral.Count;

    /// <summary>The running net of a participant in a currency: committed credits minus debits in this cycle.</summary>
    public long GetNet(Bic participant, Currency currency) =>
        _accounts.TryFind(participant, currency, out var index) ? _netMinor[index] : 0;

    /// <summary>The running bilateral gross from <paramref name="debtor"/> to <paramref name="creditor"/> in a currency.</summary>
    public long GetGross(Bic debtor, Bic creditor, Currency currency) =>
        _accounts.TryFind(debtor, currency, out var d) && _accounts.TryFind(creditor, currency, out var c)
            && _bilateral.TryGetValue(new PairKey(d, c), out var total)
            ? total.GrossMinor
            : 0;

    internal long NetAt(int account) => _netMinor[account];

    internal bool Touched(int account) => _legCount[account] > 0;

    internal void EnsureAccountCapacity(int count)
    {
        if (count > _netMinor.Length)
        {
            var size = Math.Max(count, _netMinor.Length * 2);
            Array.Resize(ref _netMinor, size);
            Array.Resize(ref _legCount, size);
        }
    }

    internal void Record(int debtor, int creditor, long amountMinor)
    {
        _netMinor[debtor] = checked(_netMinor[debtor] - amountMinor);
        _netMinor[creditor] = checked(_netMinor[creditor] + amountMinor);
        _legCount[debtor]++;
        _legCount[creditor]++;
        ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(_bilateral, new PairKey(debtor, creditor), out _);
        total.GrossMinor = checked(total.GrossMinor + amountMinor);
        total.LegCount++;
        CommittedLegCount++;
    }

    internal SettlementReport BuildReport(DateTimeOffset closedAt, FrozenDictionary<Currency, IpsId> ipsByCurrency)
    {
        var nets = new Dictionary<Currency, List<ParticipantNet>>();
        for (var i = 0; i < _accounts.Count; i++)
        {
            if (_legCount[i] == 0)
            {
                continue;
            }

            ref var account = ref _accounts[i];
            if (!nets.TryGetValue(account.Currency, out var list))
            {
                list = [];
                nets.Add(account.Currency, list);
            }

            list.Add(new ParticipantNet(account.Participant, _netMinor[i]));
        }

        var bilateral = new Dictionary<Currency, List<BilateralGross>>();
        foreach (var (pair, total) in _bilateral)
        {
            ref var debtor = ref _accounts[pair.DebtorAccount];
            ref var creditor = ref _accounts[pair.CreditorAccount];
            if (!bilateral.TryGetValue(debtor.Currency, out var list))
            {
                list = [];
                bilateral.Add(debtor.Currency, list);
            }

            list.Add(new BilateralGross(debtor.Participant, creditor.Participant, total.GrossMinor, total.LegCount));
        }

        var currencies = new List<Currency>(nets.Keys);
        currencies.Sort(static (a, b) => string.CompareOrdinal(a.Code, b.Code));
        var entries = new CurrencySettlement[currencies.Count];
        for (var i = 0; i < currencies.Count; i++)
        {
            var currency = currencies[i];
            var currencyNets = nets[currency];
            currencyNets.Sort(static (a, b) => string.CompareOrdinal(a.Participant.Value, b.Participant.Value));
            var cells = bilateral.TryGetValue(currency, out var found) ? found : [];
            cells.Sort(static (a, b) =>
            {
                var byDebtor = string.CompareOrdinal(a.Debtor.Value, b.Debtor.Value);
                return byDebtor != 0 ? byDebtor : string.CompareOrdinal(a.Creditor.Value, b.Creditor.Value);
            });

            LedgerInvariant.Assert(ipsByCurrency.TryGetValue(currency, out var ips), "Every currency of a closing cycle has an IPS.");
            entries[i] = new CurrencySettlement(currency, ips, currencyNets.ToArray(), cells.ToArray(), Instructions(ips, currency, currencyNets));
        }

        return new SettlementReport(CycleNumber, OpenedAt, closedAt, CommittedLegCount, entries);
    }

    internal void Reopen(long cycleNumber, DateTimeOffset openedAt)
    {
        Array.Clear(_netMinor, 0, _accounts.Count);
        Array.Clear(_legCount, 0, _accounts.Count);

        // Clear keeps the dictionary's buckets, so the next cycle allocates nothing for pairs seen before.
        _bilateral.Clear();
        CommittedLegCount = 0;
        CycleNumber = cycleNumber;
        OpenedAt = openedAt;
    }

    internal IEnumerable<string> Describe()
    {
        yield return $"cycle {CycleNumber} opened {OpenedAt:O} legs {CommittedLegCount}";
        var lines = new List<string>();
        for (var i = 0; i < _accounts.Count; i++)
        {
            if (_legCount[i] > 0)
            {
                lines.Add($"net {_accounts[i].Participant} {_accounts[i].Currency} {_netMinor[i]} legs {_legCount[i]}");
            }
        }

        foreach (var (pair, total) in _bilateral)
        {
            lines.Add($"gross {_accounts[pair.DebtorAccount].Participant}->{_accounts[pair.CreditorAccount].Participant} {_accounts[pair.DebtorAccount].Currency} {total.GrossMinor} legs {total.LegCount}");
        }

        lines.Sort(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            yield return line;
        }
    }

    /// <summary>
    /// Greedy matching of payers to payees, largest first (ties by BIC), so the result is deterministic and has at most
    /// participants − 1 instructions; every instruction fully settles at least one side.
    /// </summary>
    internal static SettlementInstruction[] Instructions(IpsId ips, Currency currency, List<ParticipantNet> nets)
    {
        var payers = new List<ParticipantNet>();
        var payees = new List<ParticipantNet>();
        long sum = 0;
        foreach (var net in nets)
        {
            sum = checked(sum + net.NetMinor);
            if (net.NetMinor < 0)
            {
                payers.Add(net with { NetMinor = -net.NetMinor });
            }
            else if (net.NetMinor > 0)
            {
                payees.Add(net);
            }
        }

        LedgerInvariant.Assert(sum == 0, "The nets of one currency sum to zero.");
        Comparison<ParticipantNet> largestFirst = static (a, b) =>
        {
            var byAmount = b.NetMinor.CompareTo(a.NetMinor);
            return byAmount != 0 ? byAmount : string.CompareOrdinal(a.Participant.Value, b.Participant.Value);
        };
        payers.Sort(largestFirst);
        payees.Sort(largestFirst);

        var instructions = new List<SettlementInstruction>();
        int p = 0, q = 0;
        long payerLeft = payers.Count > 0 ? payers[0].NetMinor : 0;
        long payeeLeft = payees.Count > 0 ? payees[0].NetMinor : 0;
        while (p < payers.Count && q < payees.Count)
        {
            var amount = Math.Min(payerLeft, payeeLeft);
            instructions.Add(new SettlementInstruction(ips, payers[p].Participant, payees[q].Participant, new Money(amount, currency)));
            payerLeft -= amount;
            payeeLeft -= amount;
            if (payerLeft == 0 && ++p < payers.Count)
            {
                payerLeft = payers[p].NetMinor;
            }

            if (payeeLeft == 0 && ++q < payees.Count)
            {
                payeeLeft = payees[q].NetMinor;
            }
        }

        LedgerInvariant.Assert(p == payers.Count && q == payees.Count, "The instructions settle every net exactly.");
        return instructions.ToArray();
    }

    private readonly record struct PairKey(int DebtorAccount, int CreditorAccount);

    private struct PairTotal
    {
        public long GrossMinor;
        public int LegCount;
    }
}
