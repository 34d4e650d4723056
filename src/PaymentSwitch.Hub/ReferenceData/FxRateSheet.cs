using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.Fx;

namespace PaymentSwitch.Hub.ReferenceData;

/// <summary>An amount tier: from this source amount on, the FX provider narrows its spread by <paramref name="ImprovementBps"/>.</summary>
/// <param name="FromSourceAmountMinor">The smallest source amount (minor units of the sheet's source currency) the tier applies to.</param>
/// <param name="ImprovementBps">Basis points taken off the spread.</param>
public readonly record struct FxTier(long FromSourceAmountMinor, int ImprovementBps);

/// <summary>A PSP-specific improvement: quotes issued to <paramref name="Psp"/> have their spread narrowed by <paramref name="ImprovementBps"/>.</summary>
/// <param name="Psp">The requesting PSP (BIC8 and BIC8+<c>XXX</c> match equivalently).</param>
/// <param name="ImprovementBps">Basis points taken off the spread.</param>
public readonly record struct PspImprovement(Bic Psp, int ImprovementBps);

/// <summary>
/// One FX provider's prices for one ordered currency pair (base → quote, that is source → destination), as Nexus FX
/// providers post them: a mid rate, a spread, amount tiers and PSP-specific improvements.
/// </summary>
/// <param name="FxProvider">The FX provider posting the sheet.</param>
/// <param name="SourceCurrency">The base currency, which the sender pays.</param>
/// <param name="DestinationCurrency">The quote currency, which the creditor receives.</param>
/// <param name="MidRate">Units of destination currency per one unit (major) of source currency, before spread; positive, at most 11 digits with at most 10 decimals (ISO 20022 <c>BaseOneRate</c>).</param>
/// <param name="SpreadBps">The provider's margin below mid, in basis points; never negative.</param>
/// <param name="Tiers">Amount tiers, strictly increasing by <see cref="FxTier.FromSourceAmountMinor"/>.</param>
/// <param name="PspImprovements">PSP-specific improvements, at most one per PSP.</param>
/// <param name="QuoteValidity">How long a quote from this sheet is honoured; Nexus requires 10 minutes.</param>
public sealed record FxRateSheet(
    Bic FxProvider,
    Currency SourceCurrency,
    Currency DestinationCurrency,
    decimal MidRate,
    int SpreadBps,
    ValueList<FxTier> Tiers,
    ValueList<PspImprovement> PspImprovements,
    TimeSpan QuoteValidity)
{
    /// <summary>The validity Nexus requires of every quote: 10 minutes.</summary>
    public static readonly TimeSpan DefaultQuoteValidity = TimeSpan.FromMinutes(10);

    /// <summary>The improvement of the highest tier whose threshold is at most <paramref name="sourceAmountMinor"/>, or 0.</summary>
    public int TierImprovementBps(long sourceAmountMinor)
    {
        var improvement = 0;
        foreach (var tier in Tiers.AsSpan())
        {
            // Tiers are validated as strictly increasing, so the last one reached is the best.
            if (sourceAmountMinor < tier.FromSourceAmountMinor)
            {
                break;
            }

            improvement = tier.ImprovementBps;
        }

        return improvement;
    }

    /// <summary>The improvement granted to <paramref name="psp"/>, or 0.</summary>
    public int PspImprovementBps(Bic psp)
    {
        foreach (var entry in PspImprovements.AsSpan())
        {
            if (BicKeys.SameParticipant(entry.Psp, psp))
            {
                return entry.ImprovementBps;
            }
        }

        return 0;
    }

    /// <summary>
    /// The spread left after the tier and PSP improvements, never below zero (a quote is never better than mid).
    /// </summary>
    public int NetSpreadBps(long sourceAmountMinor, Bic psp) =>
        Math.Max(0, SpreadBps - TierImprovementBps(sourceAmountMinor) - PspImprovementBps(psp));

    /// <summary>
    /// The rate a quote from this sheet carries: <c>MidRate × (10000 − net spread) / 10000</c>, rounded toward zero to the
    /// ISO 20022 <c>XchgRate</c> form (see <see cref="FxConversion.ToExchangeRateForm"/>). Allocation-free.
    /// </summary>
    public decimal EffectiveRate(long sourceAmountMinor, Bic psp) =>
        FxConversion.ToExchangeRateForm(MidRate * (10_000 - NetSpreadBps(sourceAmountMinor, psp)) / 10_000m);
}

/// <summary>An FX provider and the rate sheets it posts.</summary>
/// <param name="Bic">The FX provider's BIC; it must also be a participant with the <see cref="ParticipantRoles.FxProvider"/> role.</param>
/// <param name="Name">Its name, for example the FX desk of a bank.</param>
/// <param name="RateSheets">One sheet per ordered currency pair.</param>
public sealed record FxProviderDefinition(Bic Bic, string Name, ValueList<FxRateSheet> RateSheets)
{
    /// <summary>Finds the sheet for an ordered pair without allocating.</summary>
    public bool TryGetRateSheet(Currency source, Currency destination, out FxRateSheet sheet)
    {
        foreach (var candidate in RateSheets.AsSpan())
        {
            if (candidate.SourceCurrency == source && candidate.DestinationCurrency == destination)
            {
                sheet = candidate;
                return true;
            }
        }

        sheet = null!;
        return false;
    }
}
