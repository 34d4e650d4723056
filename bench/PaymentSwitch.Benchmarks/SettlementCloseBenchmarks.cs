using BenchmarkDotNet.Attributes;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Ledger;

namespace PaymentSwitch.Benchmarks;

/// <summary>
/// Closing a settlement cycle must cost O(participants × currencies), not O(payments): the cycle keeps its nets and
/// bilateral totals up to date on every commit. The same participants and 2 currencies close after 1,000 and after
/// 100,000 committed payments; the two means should be about equal. With 20 participants (the figures in
/// bench/README.md) and with 100 (a full regional switch: about the participant count of the default topology times
/// ten), where the report's bilateral matrix of 100 × 99 pairs per currency dominates.
/// </summary>
[MemoryDiagnoser]
public class SettlementCloseBenchmarks
{
    private static readonly Currency Sgd = Currency.FromCode("SGD");
    private static readonly Currency Thb = Currency.FromCode("THB");
    private static readonly Dictionary<Currency, IpsId> IpsByCurrency = new()
    {
        [Sgd] = new IpsId("SG-FAST"),
        [Thb] = new IpsId("TH-PROMPTPAY"),
    };

    private Bic[] _participants = [];
    private LiquidityLedger _ledger = null!;
    private long _cycle;

    /// <summary>Participants with a net-debit cap in both currencies (BICs BKAASGSGXXX, BKABSGSGXXX, ...).</summary>
    [Params(20, 100)]
    public int Participants { get; set; }

    /// <summary>Committed payments in the cycle being closed.</summary>
    [Params(1_000, 100_000)]
    public int Payments { get; set; }

    [GlobalSetup]
    public void Setup() => _participants = Enumerable.Range(0, Participants)
        .Select(static i => Bic.Parse($"BK{(char)('A' + (i / 10))}{(char)('A' + (i % 10))}SGSGXXX"))
        .ToArray();

    [IterationSetup]
    public void FillCycle()
    {
        _ledger = new LiquidityLedger();
        foreach (var participant in _participants)
        {
            _ledger.ConfigureNetDebitCap(participant, Sgd, Money.MaxAmountMinor);
            _ledger.ConfigureNetDebitCap(participant, Thb, Money.MaxAmountMinor);
        }

        var random = new Random(42);
        for (var i = 0; i < Payments; i++)
        {
            var debtor = _participants[random.Next(_participants.Length)];
            var creditor = _participants[(Array.IndexOf(_participants, debtor) + 1 + random.Next(_participants.Length - 1)) % _participants.Length];
            var currency = (i & 1) == 0 ? Sgd : Thb;
            var id = ReservationId.ForPayment(Uetr.FromGuid(new Guid(i, 0, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, 1)));
            _ledger.Reserve(id, new TransferLeg(debtor, creditor, new Money(100 + random.Next(100_000), currency)));
            _ledger.Commit(id);
        }

        _cycle = _ledger.OpenCycle.CycleNumber;
    }

    [Benchmark(Baseline = true, Description = "Close a cycle (2 currencies)")]
    public SettlementReport? Close() => _ledger.Close(_cycle, DateTimeOffset.UnixEpoch, IpsByCurrency);
}
