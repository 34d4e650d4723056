using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub;

namespace PaymentSwitch.Adapters.Workload;

/// <summary>What is deliberately wrong with a generated payment, to exercise one rejection path.</summary>
public enum PaymentFlaw
{
    /// <summary>Nothing: the payment should be accepted (unless the behaviour profiles inject a rejection).</summary>
    None,

    /// <summary>The creditor account does not exist at its bank: the destination answers AC01.</summary>
    UnknownAccount,

    /// <summary>The creditor account is closed: the destination answers AC04.</summary>
    ClosedAccount,

    /// <summary>The creditor account is blocked: the destination answers AC06.</summary>
    BlockedAccount,

    /// <summary>The creditor name shares no word with the holder's: the destination answers BE01.</summary>
    NameMismatch,

    /// <summary>The amount is above the tightest cap of the route: the hub refuses it, AM02 (at quote time or on submit).</summary>
    OverCap,

    /// <summary>The creditor proxy is well formed but not registered: BE23 from the proxy directory or the hub.</summary>
    UnknownProxy,

    /// <summary>The debtor has less than the amount: the source bank refuses it before sending, AM04.</summary>
    InsufficientFunds,
}

/// <summary>Where a generated payment is expected to end.</summary>
public enum ExpectedStage
{
    /// <summary>Credited to the creditor.</summary>
    Accepted,

    /// <summary>Refused by the source bank before anything is sent.</summary>
    Source,

    /// <summary>Refused by the hub (quote, proxy directory or submit).</summary>
    Hub,

    /// <summary>Rejected by the destination IPS.</summary>
    Destination,
}

/// <summary>The outcome a generated payment is built to have.</summary>
/// <param name="Flaw">What is wrong with it, if anything.</param>
/// <param name="Stage">Where it should end.</param>
/// <param name="Reason">The reason code it should be refused with (<see cref="StatusReasonCode.None"/> when accepted).</param>
public readonly record struct WorkloadExpectation(PaymentFlaw Flaw, ExpectedStage Stage, StatusReasonCode Reason)
{
    /// <summary>An accepted payment.</summary>
    public static WorkloadExpectation Accepted { get; } = new(PaymentFlaw.None, ExpectedStage.Accepted, StatusReasonCode.None);
}

/// <summary>One generated payment: which IPS's customer sends what, and what should happen to it.</summary>
/// <param name="Sequence">Its position in the workload, from 0.</param>
/// <param name="SourceIps">The IPS of the paying customer.</param>
/// <param name="Instruction">The customer's instruction.</param>
/// <param name="Expected">The outcome it is built to have.</param>
public sealed record WorkloadItem(int Sequence, IpsId SourceIps, OutboundInstruction Instruction, WorkloadExpectation Expected);

/// <summary>The mix of a generated workload. Shares are in basis points (10,000 = all), weights are relative integers.</summary>
public sealed record WorkloadOptions
{
    /// <summary>How many payments to generate.</summary>
    public int Count { get; init; } = 1_000;

    /// <summary>Share of payments addressed by proxy rather than by account (PayNow/PromptPay style), in bps.</summary>
    public int ProxyShareBps { get; init; } = 6_000;

    /// <summary>Share of HIGH priority among payments whose two IPSs both support it, in bps; the rest are NORM.</summary>
    public int HighPriorityShareBps { get; init; } = 7_000;

    /// <summary>Share of good payments whose amount is fixed in the destination currency, in bps.</summary>
    public int DestinationFixedShareBps { get; init; } = 2_000;

    /// <summary>Share of deliberately flawed payments, in bps.</summary>
    public int FlawedShareBps { get; init; } = 500;

    /// <summary>Good payments stay below this share of the tightest cap on their route, in bps (FX moves between quote and check).</summary>
    public int CapHeadroomBps { get; init; } = 9_000;

    /// <summary>Relative weight of each flaw among flawed payments; a flaw not listed never occurs.</summary>
    public IReadOnlyDictionary<PaymentFlaw, int> FlawWeights { get; init; } = new Dictionary<PaymentFlaw, int>
    {
        [PaymentFlaw.UnknownAccount] = 3,
        [PaymentFlaw.ClosedAccount] = 2,
        [PaymentFlaw.BlockedAccount] = 1,
        [PaymentFlaw.NameMismatch] = 2,
        [PaymentFlaw.OverCap] = 2,
        [PaymentFlaw.UnknownProxy] = 2,
        [PaymentFlaw.InsufficientFunds] = 2,
    };

    /// <summary>
    /// Relative weight of each source IPS (how many payments its customers send); an IPS not listed weighs 10. Defaults
    /// lean on the remittance-heavy senders; they are illustrative, not published volumes.
    /// </summary>
    public IReadOnlyDictionary<IpsId, int> SourceWeights { get; init; } = new Dictionary<IpsId, int>
    {
        [new IpsId("SG-FAST")] = 20,
        [new IpsId("TH-PROMPTPAY")] = 15,
        [new IpsId("MY-DUITNOW")] = 15,
        [new IpsId("ID-BIFAST")] = 10,
        [new IpsId("PH-INSTAPAY")] = 10,
        [new IpsId("VN-NAPAS")] = 10,
        [new IpsId("IN-UPI")] = 20,
    };

    /// <summary>
    /// Amount distributions per currency, in minor units (percentile tables, sampled in integers). A currency not listed
    /// gets a table derived from its IPS's cap (0.01 % to 10 % of it, median 0.5 %).
    /// </summary>
    public IReadOnlyDictionary<Currency, PercentileTable> Amounts { get; init; } = DefaultAmounts();

    /// <summary>Checks the values; throws for a programmer error.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Count);
        foreach (var (bps, name) in new[] { (ProxyShareBps, nameof(ProxyShareBps)), (HighPriorityShareBps, nameof(HighPriorityShareBps)), (DestinationFixedShareBps, nameof(DestinationFixedShareBps)), (FlawedShareBps, nameof(FlawedShareBps)), (CapHeadroomBps, nameof(CapHeadroomBps)) })
        {
            ArgumentOutOfRangeException.ThrowIfNegative(bps, name);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(bps, Probability.BasisPoints, name);
        }

        ArgumentOutOfRangeException.ThrowIfZero(CapHeadroomBps, nameof(CapHeadroomBps));
        ArgumentNullException.ThrowIfNull(FlawWeights);
        ArgumentNullException.ThrowIfNull(SourceWeights);
        ArgumentNullException.ThrowIfNull(Amounts);
        if (FlawWeights.Values.Any(static w => w < 0) || SourceWeights.Values.Any(static w => w < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(FlawWeights), "Weights must not be negative.");
        }
    }

    /// <summary>
    /// Retail cross-border amounts per currency (remittances and small-business payments), as percentile tables in major
    /// units: illustrative shapes (median around USD 100, a long tail to the caps), not published statistics.
    /// </summary>
    public static IReadOnlyDictionary<Currency, PercentileTable> DefaultAmounts() => new Dictionary<Currency, PercentileTable>
    {
        [Currency.SGD] = Major(Currency.SGD, 5m, 40m, 120m, 300m, 650m, 2_500m, 20_000m),
        [Currency.THB] = Major(Currency.THB, 100m, 900m, 2_800m, 7_500m, 16_000m, 60_000m, 500_000m),
        [Currency.MYR] = Major(Currency.MYR, 10m, 100m, 350m, 900m, 2_000m, 8_000m, 50_000m),
        [Currency.IDR] = Major(Currency.IDR, 50_000m, 500_000m, 1_500_000m, 4_000_000m, 10_000_000m, 50_000_000m, 250_000_000m),
        [Currency.PHP] = Major(Currency.PHP, 200m, 1_500m, 5_000m, 12_000m, 25_000m, 45_000m, 50_000m),
        [Currency.VND] = Major(Currency.VND, 100_000m, 1_000_000m, 3_000_000m, 8_000_000m, 20_000_000m, 100_000_000m, 499_999_999m),
        [Currency.INR] = Major(Currency.INR, 200m, 2_000m, 6_000m, 15_000m, 35_000m, 80_000m, 100_000m),

        // Euro, for topologies with euro-area IPSs (bench/topologies/asean-eur.json): the same shape at EUR 0.86 per USD.
        [Currency.EUR] = Major(Currency.EUR, 4m, 30m, 80m, 200m, 450m, 1_700m, 15_000m),
    };

    // Percentiles 0, 25, 50, 75, 90, 99, 100 in major units.
    private static PercentileTable Major(Currency currency, decimal p0, decimal p25, decimal p50, decimal p75, decimal p90, decimal p99, decimal p100) =>
        PercentileTable.Create(
        [
            new PercentilePoint(0, Money.FromMajor(p0, currency).AmountMinor),
            new PercentilePoint(250_000, Money.FromMajor(p25, currency).AmountMinor),
            new PercentilePoint(500_000, Money.FromMajor(p50, currency).AmountMinor),
            new PercentilePoint(750_000, Money.FromMajor(p75, currency).AmountMinor),
            new PercentilePoint(900_000, Money.FromMajor(p90, currency).AmountMinor),
            new PercentilePoint(990_000, Money.FromMajor(p99, currency).AmountMinor),
            new PercentilePoint(Probability.Million, Money.FromMajor(p100, currency).AmountMinor),
        ]);
}
