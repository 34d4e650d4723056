using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Hub.Tests.ReferenceData;

namespace PaymentSwitch.Hub.Tests.Fx;

/// <summary>
/// A quote request and two sheets of one FX provider for its pair, the second at least as good as the first: a mid
/// rate not lower and a spread not wider, the same tiers and PSP improvements.
/// </summary>
public sealed record BetterSheetCase(QuoteRequest Request, RateSheetPublication Sheet, RateSheetPublication Better)
{
    public override string ToString() =>
        $"{Request} | mid {Sheet.MidRate} spread {Sheet.SpreadBps} → mid {Better.MidRate} spread {Better.SpreadBps}, tiers {Sheet.Tiers}";
}

public static class LiveSheetArbitraries
{
    public static Arbitrary<BetterSheetCase> BetterSheetCases()
    {
        var topology = TopologyFixture.Default;
        var sheets = topology.FxProviders.SelectMany(static p => p.RateSheets).ToArray();
        return (from reference in Gen.Elements(sheets)
                let source = topology.IpsForCurrency(reference.SourceCurrency)[0]
                let destination = topology.IpsForCurrency(reference.DestinationCurrency)[0]
                from psp in Gen.Elements(topology.Participants.Where(p => p.Ips == source.Id && p.HasRole(ParticipantRoles.Psp)).ToArray())
                from side in Gen.Elements(FixedSide.Source, FixedSide.Destination)
                from digits in Gen.Choose(1, 10)
                from amount in Gen.Choose(1, 9).SelectMany(first => Gen.Choose(0, 999_999_999).Select(rest => long.Parse(
                    string.Concat(first.ToString(System.Globalization.CultureInfo.InvariantCulture), rest.ToString("D9", System.Globalization.CultureInfo.InvariantCulture))[..digits],
                    System.Globalization.CultureInfo.InvariantCulture)))
                from midShiftBps in Gen.Choose(-500, 500)
                from extraSpreadBps in Gen.Choose(0, 100)
                from betterMidBps in Gen.Choose(0, 300)
                from narrowerSpreadBps in Gen.Choose(0, 100)
                select Build(reference, source, destination, psp.Bic, side, amount, midShiftBps, extraSpreadBps, betterMidBps, narrowerSpreadBps)).ToArbitrary();
    }

    private static BetterSheetCase Build(
        FxRateSheet reference, IpsDefinition source, IpsDefinition destination, Bic psp, FixedSide side, long amount,
        int midShiftBps, int extraSpreadBps, int betterMidBps, int narrowerSpreadBps)
    {
        // For a destination-fixed request the tier is chosen from an estimated source amount, which a better rate lowers:
        // across a tier threshold a better sheet can lose the tier (docs/fx-quotes.md), so those cases carry no tiers.
        var tiers = side == FixedSide.Source ? reference.Tiers : ValueList<FxTier>.Empty;
        var bestTier = tiers.Count == 0 ? 0 : tiers[^1].ImprovementBps;
        var bestPsp = reference.PspImprovements.Count == 0 ? 0 : reference.PspImprovements.AsSpan().ToArray().Max(static i => i.ImprovementBps);
        var spread = bestTier + bestPsp + extraSpreadBps;
        var mid = FxConversion.ToExchangeRateForm(reference.MidRate * (10_000 + midShiftBps) / 10_000m);
        var better = FxConversion.ToExchangeRateForm(mid * (10_000 + betterMidBps) / 10_000m);
        var sheet = new RateSheetPublication(
            reference.FxProvider, reference.SourceCurrency, reference.DestinationCurrency, mid, spread, tiers, reference.PspImprovements, RateSheetPublication.DefaultValidFor);
        var request = new QuoteRequest(source.Id, destination.Id, psp, new Money(amount, side == FixedSide.Source ? source.Currency : destination.Currency), side);
        return new BetterSheetCase(request, sheet, sheet with { MidRate = better, SpreadBps = spread - Math.Min(narrowerSpreadBps, extraSpreadBps) });
    }
}

[Properties(Arbitrary = [typeof(LiveSheetArbitraries)])]
public sealed class LiveRateSheetProperties
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 1000)]
    public void GetQuotes_BetterSheet_NeverAWorseQuoteForTheSameRequest(BetterSheetCase c)
    {
        var (worse, worseResponse) = QuoteFrom(c.Sheet, c.Request);
        var (better, betterResponse) = QuoteFrom(c.Better, c.Request);

        if (worse is not null && better is not null)
        {
            // More (or equal) destination per source, exactly: d2 × s1 ≥ d1 × s2.
            var left = (Int128)better.DestinationAmount.AmountMinor * worse.SourceAmount.AmountMinor;
            var right = (Int128)worse.DestinationAmount.AmountMinor * better.SourceAmount.AmountMinor;
            Assert.True(left >= right, $"{worse.Rate}: {worse.SourceAmount} → {worse.DestinationAmount}; {better.Rate}: {better.SourceAmount} → {better.DestinationAmount}");
            Assert.True(better.Rate >= worse.Rate);
        }
        else if (worse is not null)
        {
            // The only way a better price loses a quote: the larger destination amount is above a cap.
            Assert.Contains(betterResponse.Rejections, static r => r.Reason == StatusReasonCode.AM02);
        }
        else if (better is null)
        {
            Assert.Equal(worseResponse.Rejections.Select(static r => r.Reason), betterResponse.Rejections.Select(static r => r.Reason));
        }
    }

    private static (Quote? Quote, QuoteResponse Response) QuoteFrom(RateSheetPublication sheet, QuoteRequest request)
    {
        var time = new FakeTimeProvider(Start);
        var store = new LiveRateSheets(TopologyFixture.Default);
        var published = store.Publish(sheet, time.GetUtcNow());
        Assert.True(published.IsAccepted, string.Join("; ", published.Problems));
        var response = new QuoteEngine(TopologyFixture.Default, time, new QuoteBook(16), liveSheets: store).GetQuotes(request);
        return (response.Quotes.SingleOrDefault(q => q.FxProvider == sheet.FxProvider), response);
    }
}
