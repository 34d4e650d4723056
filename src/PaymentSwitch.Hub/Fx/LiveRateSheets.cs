using System.Globalization;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Hub.Fx;

/// <summary>
/// A rate sheet an FX provider publishes while it runs (Nexus: "FX providers post base rates"): its prices for one
/// ordered currency pair, current for <see cref="ValidFor"/> from the moment the hub applies it.
/// </summary>
/// <param name="FxProvider">The FX provider publishing; on the bus, the BIC in the subject.</param>
/// <param name="SourceCurrency">The base currency, which the sender pays.</param>
/// <param name="DestinationCurrency">The quote currency, which the creditor receives.</param>
/// <param name="MidRate">Units of destination currency per one unit of source currency, before spread; in ISO 20022 <c>XchgRate</c> form.</param>
/// <param name="SpreadBps">The margin below mid, 0 to 10000 basis points.</param>
/// <param name="Tiers">Amount tiers, strictly increasing in threshold and not decreasing in improvement.</param>
/// <param name="PspImprovements">PSP-specific improvements, at most one per PSP.</param>
/// <param name="ValidFor">How long the sheet stays current; after that the provider no longer quotes the pair until it publishes again.</param>
public sealed record RateSheetPublication(
    Bic FxProvider,
    Currency SourceCurrency,
    Currency DestinationCurrency,
    decimal MidRate,
    int SpreadBps,
    ValueList<FxTier> Tiers,
    ValueList<PspImprovement> PspImprovements,
    TimeSpan ValidFor)
{
    /// <summary>The validity a publisher gets when it names none: 60 seconds.</summary>
    public static readonly TimeSpan DefaultValidFor = TimeSpan.FromSeconds(60);

    /// <summary>The shortest validity accepted: 1 second.</summary>
    public static readonly TimeSpan MinValidFor = TimeSpan.FromSeconds(1);

    /// <summary>The longest validity accepted: 1 hour. A live price older than that is not live.</summary>
    public static readonly TimeSpan MaxValidFor = TimeSpan.FromHours(1);
}

/// <summary>
/// The names <see cref="LiveRateSheets"/> gives the fields of a <see cref="RateSheetPublication"/> in its rejections:
/// those of the protocol's rate-sheet message (docs/protocol.md), so a rejection points at what the FX provider sent.
/// </summary>
public static class RateSheetFields
{
    /// <summary>The FX provider (on the bus, the BIC that ends the subject).</summary>
    public const string FxProvider = "fxProvider";

    /// <summary>The ordered currency pair, <c>SGD/THB</c>.</summary>
    public const string Pair = "pair";

    /// <summary>The mid rate.</summary>
    public const string Rate = "rate";

    /// <summary>The spread.</summary>
    public const string SpreadBps = "spreadBps";

    /// <summary>The tier list; one tier is <c>tiers[i]</c>.</summary>
    public const string Tiers = "tiers";

    /// <summary>The PSP improvement list; one entry is <c>pspImprovements[i]</c>.</summary>
    public const string PspImprovements = "pspImprovements";

    /// <summary>The validity.</summary>
    public const string ValidFor = "validForSeconds";
}

/// <summary>The outcome of <see cref="LiveRateSheets.Publish"/>: the sheet now current, or every problem found.</summary>
/// <param name="Sheet">The sheet the hub quotes from until <paramref name="ValidUntil"/>; <c>null</c> when refused.</param>
/// <param name="ValidUntil">When the sheet stops being current (exclusive).</param>
/// <param name="Problems">Each problem with its field (<see cref="RateSheetFields"/>); empty when accepted.</param>
public sealed record RateSheetPublishResult(FxRateSheet? Sheet, DateTimeOffset ValidUntil, IReadOnlyList<Rejection> Problems)
{
    /// <summary>Whether the sheet was accepted and replaced the provider's sheet for its pair.</summary>
    public bool IsAccepted => Sheet is not null && Problems.Count == 0;
}

/// <summary>What <see cref="LiveRateSheets.Find"/> knows about one FX provider's price for one pair.</summary>
public enum LiveSheetStatus
{
    /// <summary>The provider has never published a sheet: the hub quotes from its reference-data sheet.</summary>
    NotLive,

    /// <summary>The provider's published sheet for the pair is current: the hub quotes from it.</summary>
    Current,

    /// <summary>The provider is live and published the pair, but the sheet's validity has ended: no quote.</summary>
    Expired,

    /// <summary>The provider is live but never published this pair: no quote.</summary>
    NotPublished,
}

/// <summary>
/// The rate sheets FX providers publish while they run, consulted by <see cref="QuoteEngine"/> before the static sheets
/// of the reference data (see <c>docs/fx-quotes.md</c>, "Live rate sheets").
/// </summary>
/// <remarks>
/// <para><b>Who may publish what.</b> Only an active FX provider of the topology, and only for a pair its reference-data
/// entry quotes: the topology stays the source of truth for who takes part; a live sheet changes prices, never
/// membership. Every problem is reported with its field (<see cref="RateSheetFields"/>); a refused sheet changes nothing.</para>
/// <para><b>Replacement.</b> An accepted sheet replaces the provider's sheet for that pair from the instant the hub
/// applies it (the hub clock, not the publisher's) and is current until <c>now + ValidFor</c> (exclusive).</para>
/// <para><b>Fallback rule.</b> A provider that has never published is quoted from its reference-data sheets. From its
/// first accepted sheet on, the provider is <i>live</i> and is quoted only from its published sheets: a pair whose sheet
/// expired, or that it never published, gets no quote from it. It never falls back to the reference data, whose prices
/// are older than anything it published, so a stale price is never quoted; a provider whose feed stops simply drops out
/// of the quotes until it publishes again.</para>
/// <para><b>Issued quotes</b> are unaffected: they sit in the <see cref="QuoteBook"/> with their own rate and are honoured
/// until their own expiry (10 minutes, the reference-data sheet's quote validity), whatever the provider publishes since.</para>
/// <para><b>Bounded:</b> at most one sheet per FX provider and pair of the topology. Thread-safe.</para>
/// </remarks>
public sealed class LiveRateSheets
{
    private readonly Topology _topology;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<(Currency Source, Currency Destination), Entry>> _byProvider = new(StringComparer.Ordinal);

    /// <summary>Creates an empty store over <paramref name="topology"/>: every provider starts not live.</summary>
    public LiveRateSheets(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        _topology = topology;
    }

    /// <summary>How many sheets are held, current or expired.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byProvider.Values.Sum(static sheets => sheets.Count);
            }
        }
    }

    /// <summary>
    /// Every problem with <paramref name="publication"/>, each with its field; empty when the sheet may be published.
    /// </summary>
    public IReadOnlyList<Rejection> Validate(RateSheetPublication publication) => Validate(publication, out _, out _);

    /// <summary>
    /// Validates <paramref name="publication"/> and, when it is valid, makes it the provider's current sheet for its
    /// pair from <paramref name="now"/> until <c>now + ValidFor</c>. A refused sheet changes nothing.
    /// </summary>
    public RateSheetPublishResult Publish(RateSheetPublication publication, DateTimeOffset now)
    {
        var problems = Validate(publication, out var provider, out var reference);
        if (problems.Count > 0)
        {
            return new RateSheetPublishResult(null, default, problems);
        }

        // The provider's canonical BIC (as in the reference data), so quotes and the best-quote tie-break see one
        // spelling whether the publisher wrote BIC8 or BIC11; quotes keep Nexus's 10-minute validity from the reference sheet.
        var sheet = new FxRateSheet(
            provider!.Bic,
            publication.SourceCurrency,
            publication.DestinationCurrency,
            publication.MidRate,
            publication.SpreadBps,
            publication.Tiers,
            publication.PspImprovements,
            reference!.QuoteValidity);
        var validUntil = now + publication.ValidFor;
        lock (_gate)
        {
            var key = BicKeys.ToKey(provider.Bic);
            if (!_byProvider.TryGetValue(key, out var sheets))
            {
                sheets = [];
                _byProvider.Add(key, sheets);
            }

            sheets[(sheet.SourceCurrency, sheet.DestinationCurrency)] = new Entry(sheet, validUntil);
        }

        return new RateSheetPublishResult(sheet, validUntil, []);
    }

    /// <summary>Whether <paramref name="fxProvider"/> has published at least one accepted sheet (see the fallback rule).</summary>
    public bool IsLive(Bic fxProvider)
    {
        lock (_gate)
        {
            return _byProvider.ContainsKey(BicKeys.ToKey(fxProvider));
        }
    }

    /// <summary>
    /// What the store knows about <paramref name="fxProvider"/>'s price for <paramref name="source"/> →
    /// <paramref name="destination"/> at <paramref name="now"/>.
    /// </summary>
    /// <param name="fxProvider">The FX provider.</param>
    /// <param name="source">The source currency.</param>
    /// <param name="destination">The destination currency.</param>
    /// <param name="now">The hub clock.</param>
    /// <param name="sheet">The published sheet (current or expired), or <c>null</c>.</param>
    /// <param name="validUntil">When the published sheet stops (or stopped) being current.</param>
    public LiveSheetStatus Find(Bic fxProvider, Currency source, Currency destination, DateTimeOffset now, out FxRateSheet? sheet, out DateTimeOffset validUntil)
    {
        sheet = null;
        validUntil = default;
        lock (_gate)
        {
            if (!_byProvider.TryGetValue(BicKeys.ToKey(fxProvider), out var sheets))
            {
                return LiveSheetStatus.NotLive;
            }

            if (!sheets.TryGetValue((source, destination), out var entry))
            {
                return LiveSheetStatus.NotPublished;
            }

            sheet = entry.Sheet;
            validUntil = entry.ValidUntil;
            return now < entry.ValidUntil ? LiveSheetStatus.Current : LiveSheetStatus.Expired;
        }
    }

    private List<Rejection> Validate(RateSheetPublication publication, out FxProviderDefinition? provider, out FxRateSheet? reference)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var problems = new List<Rejection>();
        reference = null;
        if (!_topology.TryGetFxProvider(publication.FxProvider, out provider))
        {
            provider = null;
            problems.Add(new Rejection(StatusReasonCode.RC01, RateSheetFields.FxProvider, $"{publication.FxProvider} is not an FX provider in the reference data"));
        }
        else if (!_topology.TryGetParticipant(provider.Bic, out var participant) || !participant.IsActive || !participant.HasRole(ParticipantRoles.FxProvider))
        {
            problems.Add(new Rejection(StatusReasonCode.AG01, RateSheetFields.FxProvider, $"{provider.Bic} is not an active FX provider"));
        }

        var source = publication.SourceCurrency;
        var destination = publication.DestinationCurrency;
        if (source == destination)
        {
            problems.Add(new Rejection(StatusReasonCode.AM03, RateSheetFields.Pair, $"the pair {source.Code}/{destination.Code} names one currency twice"));
        }
        else if (provider is not null && !provider.TryGetRateSheet(source, destination, out reference))
        {
            reference = null;
            problems.Add(new Rejection(StatusReasonCode.AG01, RateSheetFields.Pair, $"{provider.Bic} does not quote {source.Code}/{destination.Code} in the reference data"));
        }

        if (!FxConversion.IsExchangeRateForm(publication.MidRate))
        {
            problems.Add(new Rejection(
                StatusReasonCode.FF01,
                RateSheetFields.Rate,
                string.Create(CultureInfo.InvariantCulture, $"rate {publication.MidRate} must be positive with at most 11 digits, at most 10 after the point (ISO 20022 BaseOneRate)")));
        }

        var spreadValid = publication.SpreadBps is >= 0 and <= 10_000;
        if (!spreadValid)
        {
            problems.Add(new Rejection(StatusReasonCode.FF01, RateSheetFields.SpreadBps, $"spread {publication.SpreadBps} bps must be between 0 and 10000"));
        }

        var bestTier = ValidateTiers(publication.Tiers, problems);
        var bestPsp = ValidatePspImprovements(publication.PspImprovements, problems);
        if (spreadValid && bestTier + bestPsp > publication.SpreadBps)
        {
            problems.Add(new Rejection(
                StatusReasonCode.FF01,
                RateSheetFields.SpreadBps,
                $"the best tier plus the best PSP improvement ({bestTier + bestPsp} bps) exceed the spread ({publication.SpreadBps} bps); a quote must never be better than mid"));
        }

        if (publication.ValidFor < RateSheetPublication.MinValidFor || publication.ValidFor > RateSheetPublication.MaxValidFor)
        {
            problems.Add(new Rejection(
                StatusReasonCode.FF01,
                RateSheetFields.ValidFor,
                string.Create(CultureInfo.InvariantCulture, $"a sheet is valid for {Seconds(RateSheetPublication.MinValidFor)} to {Seconds(RateSheetPublication.MaxValidFor)} seconds; got {Seconds(publication.ValidFor)}")));
        }

        return problems;
    }

    // Whole and fractional seconds as an exact decimal (no binary floating point, even in messages).
    private static decimal Seconds(TimeSpan duration) => FxConversion.Normalize((decimal)duration.Ticks / TimeSpan.TicksPerSecond);

    // Returns the best (last) improvement of the tiers that are individually valid.
    private static int ValidateTiers(ValueList<FxTier> tiers, List<Rejection> problems)
    {
        var best = 0;
        FxTier? previous = null;
        for (var i = 0; i < tiers.Count; i++)
        {
            var tier = tiers[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"{RateSheetFields.Tiers}[{i}]");
            var valid = true;
            if (tier.FromSourceAmountMinor is < 0 or > Money.MaxAmountMinor)
            {
                problems.Add(new Rejection(StatusReasonCode.FF01, field + ".fromSourceMinor", "a tier threshold must be 0 to 18 digits of source minor units"));
                valid = false;
            }

            if (tier.ImprovementBps < 0)
            {
                problems.Add(new Rejection(StatusReasonCode.FF01, field + ".improvementBps", "an improvement must not be negative"));
                valid = false;
            }

            if (valid && previous is { } before && (tier.FromSourceAmountMinor <= before.FromSourceAmountMinor || tier.ImprovementBps < before.ImprovementBps))
            {
                problems.Add(new Rejection(StatusReasonCode.FF01, field, "tiers must be strictly increasing in fromSourceMinor and must not decrease in improvementBps"));
                valid = false;
            }

            if (valid)
            {
                previous = tier;
                best = Math.Max(best, tier.ImprovementBps);
            }
        }

        return best;
    }

    private int ValidatePspImprovements(ValueList<PspImprovement> improvements, List<Rejection> problems)
    {
        var best = 0;
        for (var i = 0; i < improvements.Count; i++)
        {
            var improvement = improvements[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"{RateSheetFields.PspImprovements}[{i}]");
            if (!_topology.TryGetParticipant(improvement.Psp, out var psp) || !psp.HasRole(ParticipantRoles.Psp))
            {
                problems.Add(new Rejection(StatusReasonCode.RC01, field + ".psp", $"{improvement.Psp} is not a PSP in the reference data"));
            }
            else
            {
                for (var j = 0; j < i; j++)
                {
                    if (BicKeys.SameParticipant(improvements[j].Psp, improvement.Psp))
                    {
                        problems.Add(new Rejection(StatusReasonCode.FF01, field + ".psp", $"{improvement.Psp} has two improvements on this sheet"));
                        break;
                    }
                }
            }

            if (improvement.ImprovementBps < 0)
            {
                problems.Add(new Rejection(StatusReasonCode.FF01, field + ".improvementBps", "an improvement must not be negative"));
            }
            else
            {
                best = Math.Max(best, improvement.ImprovementBps);
            }
        }

        return best;
    }

    private readonly record struct Entry(FxRateSheet Sheet, DateTimeOffset ValidUntil);
}
