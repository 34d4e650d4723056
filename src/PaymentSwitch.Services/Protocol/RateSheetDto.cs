using System.Globalization;
using System.Text.Json.Serialization;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Services.Protocol;

/// <summary>
/// An FX provider's rate sheet for one ordered currency pair (<c>ps.v1.fx.rates.&lt;FX provider BIC&gt;</c>); the
/// provider is the BIC in the subject, never a field of the body.
/// </summary>
/// <param name="Pair">The ordered pair <c>SOURCE/DESTINATION</c> in ISO 4217 codes, e.g. <c>SGD/THB</c>: the sender pays SGD, the creditor receives THB.</param>
/// <param name="Rate">
/// The mid rate: units of destination currency per one unit of source currency, before spread; positive, at most 11
/// digits with at most 10 after the point (ISO 20022 <c>XchgRate</c>). Read from a JSON string (<c>"25.1163"</c>,
/// recommended: no binary floating point on the way) or a JSON number (parsed exactly from its text); written as a string.
/// </param>
/// <param name="SpreadBps">The margin below mid in basis points, 0 to 10000. Required.</param>
/// <param name="Tiers">Amount tiers, strictly increasing in <see cref="RateTierDto.FromSourceMinor"/> and not decreasing in improvement; optional.</param>
/// <param name="PspImprovements">PSP-specific improvements, at most one per PSP; optional.</param>
/// <param name="ValidForSeconds">How long the sheet stays current, 1 to 3600 seconds; default 60. After that the provider quotes nothing for the pair until it publishes again.</param>
public sealed record RateSheetDto(
    string Pair,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] decimal? Rate,
    int? SpreadBps,
    IReadOnlyList<RateTierDto>? Tiers = null,
    IReadOnlyList<PspImprovementDto>? PspImprovements = null,
    int? ValidForSeconds = null)
{
    /// <summary>The wire form of a sheet: its pair, mid rate, spread, tiers and PSP improvements, valid for <paramref name="validFor"/>.</summary>
    public static RateSheetDto From(FxRateSheet sheet, TimeSpan validFor)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        return new RateSheetDto(
            PairOf(sheet.SourceCurrency, sheet.DestinationCurrency),
            sheet.MidRate,
            sheet.SpreadBps,
            [.. sheet.Tiers.Select(static t => new RateTierDto(t.FromSourceAmountMinor, t.ImprovementBps))],
            [.. sheet.PspImprovements.Select(static i => new PspImprovementDto(i.Psp.Value, i.ImprovementBps))],
            // Whole seconds, rounded up so the sheet is never announced shorter than asked.
            (int)Math.Min(int.MaxValue, (validFor.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond));
    }

    /// <summary>The pair as the wire writes it: <c>SGD/THB</c>.</summary>
    public static string PairOf(Currency source, Currency destination) => $"{source.Code}/{destination.Code}";

    /// <summary>
    /// Reads the body into a publication by <paramref name="fxProvider"/>, or lists every field it cannot read (each
    /// with its name, as in <see cref="RateSheetFields"/>). The rules of the sheet itself are checked by
    /// <see cref="LiveRateSheets.Publish"/>.
    /// </summary>
    public bool TryToPublication(Bic fxProvider, out RateSheetPublication publication, out IReadOnlyList<Rejection> problems)
    {
        var found = new List<Rejection>();
        publication = null!;
        var source = default(Currency);
        var destination = default(Currency);
        var slash = Pair?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash < 0
            || !Currency.TryFromCode(Pair![..slash].Trim().ToUpperInvariant(), out source)
            || !Currency.TryFromCode(Pair[(slash + 1)..].Trim().ToUpperInvariant(), out destination))
        {
            found.Add(new Rejection(StatusReasonCode.AM03, RateSheetFields.Pair, $"'{Pair}' is not an ordered pair of ISO 4217 codes such as SGD/THB"));
        }

        if (Rate is null)
        {
            found.Add(new Rejection(StatusReasonCode.FF01, RateSheetFields.Rate, "the mid rate is required, e.g. \"25.1163\""));
        }

        if (SpreadBps is null)
        {
            found.Add(new Rejection(StatusReasonCode.FF01, RateSheetFields.SpreadBps, "the spread in basis points is required (0 for none)"));
        }

        var tiers = new FxTier[Tiers?.Count ?? 0];
        for (var i = 0; i < tiers.Length; i++)
        {
            if (Tiers![i] is not { FromSourceMinor: { } from, ImprovementBps: { } bps })
            {
                found.Add(new Rejection(StatusReasonCode.FF01, Indexed(RateSheetFields.Tiers, i), "a tier needs fromSourceMinor and improvementBps"));
                continue;
            }

            tiers[i] = new FxTier(from, bps);
        }

        var improvements = new PspImprovement[PspImprovements?.Count ?? 0];
        for (var i = 0; i < improvements.Length; i++)
        {
            var entry = PspImprovements![i];
            if (entry?.ImprovementBps is not { } bps)
            {
                found.Add(new Rejection(StatusReasonCode.FF01, Indexed(RateSheetFields.PspImprovements, i), "a PSP improvement needs psp and improvementBps"));
                continue;
            }

            if (!Bic.TryParse(entry.Psp, out var psp, out _))
            {
                found.Add(new Rejection(StatusReasonCode.RC01, Indexed(RateSheetFields.PspImprovements, i) + ".psp", $"'{entry.Psp}' is not a BIC"));
                continue;
            }

            improvements[i] = new PspImprovement(psp, bps);
        }

        problems = found;
        if (found.Count > 0)
        {
            return false;
        }

        publication = new RateSheetPublication(
            fxProvider,
            source,
            destination,
            Rate!.Value,
            SpreadBps!.Value,
            ValueList<FxTier>.TakeOwnership(tiers),
            ValueList<PspImprovement>.TakeOwnership(improvements),
            ValidForSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : RateSheetPublication.DefaultValidFor);
        return true;
    }

    private static string Indexed(string list, int index) => string.Create(CultureInfo.InvariantCulture, $"{list}[{index}]");
}

/// <summary>An amount tier of a <see cref="RateSheetDto"/>.</summary>
/// <param name="FromSourceMinor">The smallest source amount the tier applies to, in minor units of the source currency (S$13,000.00 is 1300000).</param>
/// <param name="ImprovementBps">Basis points taken off the spread.</param>
public sealed record RateTierDto(long? FromSourceMinor, int? ImprovementBps);

/// <summary>A PSP-specific improvement of a <see cref="RateSheetDto"/>.</summary>
/// <param name="Psp">The PSP's BIC.</param>
/// <param name="ImprovementBps">Basis points taken off the spread for quotes to that PSP.</param>
public sealed record PspImprovementDto(string Psp, int? ImprovementBps);

/// <summary>The hub's answer to an accepted rate sheet (with header <c>PaymentSwitch-Reason: ACK</c>).</summary>
/// <param name="Pair">The pair the sheet now prices.</param>
/// <param name="ValidUntil">When it stops being current unless replaced (hub clock).</param>
public sealed record RateSheetAckDto(string Pair, DateTimeOffset ValidUntil);

/// <summary>
/// The body of the error reply to a refused rate sheet: the first problem as a <see cref="RejectionDto"/> would carry
/// it (so a reader of plain error bodies understands it), and every problem in <paramref name="Problems"/>.
/// </summary>
public sealed record RateSheetRejectionDto(string Reason, string Field, string Detail, IReadOnlyList<RejectionDto> Problems);
