using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Hub.Tests.ReferenceData;

namespace PaymentSwitch.Hub.Tests.Fx;

public sealed class LiveRateSheetsTests
{
    private static readonly IpsId Fast = new("SG-FAST");
    private static readonly IpsId PromptPay = new("TH-PROMPTPAY");
    private static readonly IpsId DuitNow = new("MY-DUITNOW");
    private static readonly Bic StanChart = Bic.Parse("SCBLSGSGXXX");
    private static readonly Bic Ocbc = Bic.Parse("OCBCSGSGXXX");
    private static readonly Bic Dbs = Bic.Parse("DBSSSGSGXXX");
    private static readonly Bic Cimb = Bic.Parse("CIBBMYKLXXX");
    private static readonly Bic Maybank = Bic.Parse("MBBEMYKLXXX");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly LiveRateSheets _sut = new(TopologyFixture.Default);
    private readonly QuoteEngine _engine;

    public LiveRateSheetsTests() => _engine = new QuoteEngine(TopologyFixture.Default, _time, new QuoteBook(1_000), liveSheets: _sut);

    [Fact]
    public void Publish_ValidSheet_CurrentFromNowUntilValidityEnds()
    {
        var now = _time.GetUtcNow();

        var result = _sut.Publish(SgdThb(Dbs, 26.0m), now);

        Assert.True(result.IsAccepted, string.Join("; ", result.Problems));
        Assert.Equal(now.AddSeconds(60), result.ValidUntil);
        Assert.True(_sut.IsLive(Dbs));
        Assert.Equal(LiveSheetStatus.Current, _sut.Find(Dbs, Currency.SGD, Currency.THB, now.AddSeconds(60).AddTicks(-1), out var sheet, out _));
        Assert.Equal(26.0m, sheet!.MidRate);
        Assert.Equal(LiveSheetStatus.Expired, _sut.Find(Dbs, Currency.SGD, Currency.THB, now.AddSeconds(60), out _, out var validUntil));
        Assert.Equal(result.ValidUntil, validUntil);
    }

    [Fact]
    public void Publish_SecondSheetForThePair_ReplacesTheFirstFromItsPublicationTime()
    {
        var first = _time.GetUtcNow();
        _sut.Publish(SgdThb(Dbs, 26.0m), first);
        var second = first.AddSeconds(30);

        _sut.Publish(SgdThb(Dbs, 26.5m) with { ValidFor = TimeSpan.FromSeconds(10) }, second);

        Assert.Equal(LiveSheetStatus.Current, _sut.Find(Dbs, Currency.SGD, Currency.THB, second, out var sheet, out var validUntil));
        Assert.Equal(26.5m, sheet!.MidRate);
        Assert.Equal(second.AddSeconds(10), validUntil);
        Assert.Equal(1, _sut.Count);
    }

    [Fact]
    public void Publish_Bic8_StoredUnderTheReferenceDataBicWithTheReferenceQuoteValidity()
    {
        var result = _sut.Publish(SgdThb(Bic.Parse("DBSSSGSG"), 26.0m), _time.GetUtcNow());

        Assert.True(result.IsAccepted);
        Assert.Equal(Dbs, result.Sheet!.FxProvider);
        Assert.Equal(FxRateSheet.DefaultQuoteValidity, result.Sheet.QuoteValidity);
        Assert.True(_sut.IsLive(Dbs));
    }

    [Fact]
    public void Publish_NotAnFxProvider_Rc01OnFxProviderAndNothingStored()
    {
        var result = _sut.Publish(SgdThb(StanChart, 26.0m), _time.GetUtcNow());

        var problem = Assert.Single(result.Problems);
        Assert.Equal(StatusReasonCode.RC01, problem.Reason);
        Assert.Equal(RateSheetFields.FxProvider, problem.Field);
        Assert.False(result.IsAccepted);
        Assert.Equal(0, _sut.Count);
        Assert.False(_sut.IsLive(StanChart));
    }

    [Fact]
    public void Publish_SuspendedFxProvider_Ag01OnFxProvider()
    {
        var loaded = TopologyFixture.LoadEdited(root =>
            root["participants"]![root.ParticipantIndex("CIBBMYKLXXX")]!["status"] = "SUSPENDED");
        Assert.True(loaded.Succeeded, string.Join("; ", loaded.Errors));
        var sut = new LiveRateSheets(loaded.Topology!);

        var result = sut.Publish(SgdThb(Cimb, 26.0m), _time.GetUtcNow());

        var problem = Assert.Single(result.Problems);
        Assert.Equal((StatusReasonCode.AG01, RateSheetFields.FxProvider), (problem.Reason, problem.Field));
        Assert.False(sut.IsLive(Cimb));
    }

    [Fact]
    public void Publish_PairTheProviderDoesNotQuote_Ag01OnPair()
    {
        var result = _sut.Publish(SgdThb(Dbs, 110m) with { DestinationCurrency = Currency.JPY }, _time.GetUtcNow());

        var problem = Assert.Single(result.Problems);
        Assert.Equal((StatusReasonCode.AG01, RateSheetFields.Pair), (problem.Reason, problem.Field));
        Assert.Contains("SGD/JPY", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_SameCurrencyTwice_Am03OnPair()
    {
        var result = _sut.Publish(SgdThb(Dbs, 1m) with { DestinationCurrency = Currency.SGD }, _time.GetUtcNow());

        var problem = Assert.Single(result.Problems);
        Assert.Equal((StatusReasonCode.AM03, RateSheetFields.Pair), (problem.Reason, problem.Field));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-25.1")]
    [InlineData("25.12345678901")]
    [InlineData("123456789012")]
    public void Publish_RateNotPositiveOrNotXchgRateForm_Ff01OnRate(string rate)
    {
        var result = _sut.Publish(SgdThb(Dbs, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)), _time.GetUtcNow());

        var problem = Assert.Single(result.Problems);
        Assert.Equal((StatusReasonCode.FF01, RateSheetFields.Rate), (problem.Reason, problem.Field));
        Assert.Equal(0, _sut.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void Publish_SpreadOutOfRange_Ff01OnSpread(int spreadBps)
    {
        var result = _sut.Publish(SgdThb(Dbs, 26m) with { SpreadBps = spreadBps }, _time.GetUtcNow());

        Assert.Equal(RateSheetFields.SpreadBps, Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void Publish_TiersNotIncreasing_Ff01OnTheTierOutOfOrder()
    {
        var tiers = ValueList<FxTier>.Of(new FxTier(1_300_000, 5), new FxTier(1_300_000, 10), new FxTier(6_400_000, 3));

        var result = _sut.Publish(SgdThb(Dbs, 26m) with { Tiers = tiers }, _time.GetUtcNow());

        Assert.Equal(["tiers[1]", "tiers[2]"], result.Problems.Select(static p => p.Field));
        Assert.All(result.Problems, static p => Assert.Equal(StatusReasonCode.FF01, p.Reason));
    }

    [Fact]
    public void Publish_NegativeTierThresholdAndImprovement_Ff01OnEachSubfield()
    {
        var tiers = ValueList<FxTier>.Of(new FxTier(-1, 5), new FxTier(100, -2));

        var result = _sut.Publish(SgdThb(Dbs, 26m) with { Tiers = tiers }, _time.GetUtcNow());

        Assert.Equal(["tiers[0].fromSourceMinor", "tiers[1].improvementBps"], result.Problems.Select(static p => p.Field));
    }

    [Fact]
    public void Publish_ImprovementsAboveTheSpread_Ff01OnSpread()
    {
        var sheet = SgdThb(Dbs, 26m) with
        {
            SpreadBps = 10,
            Tiers = ValueList<FxTier>.Of(new FxTier(100, 6)),
            PspImprovements = ValueList<PspImprovement>.Of(new PspImprovement(Ocbc, 5)),
        };

        var result = _sut.Publish(sheet, _time.GetUtcNow());

        var problem = Assert.Single(result.Problems);
        Assert.Equal(RateSheetFields.SpreadBps, problem.Field);
        Assert.Contains("11 bps", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_PspImprovementForANonPspOrTwice_OnEachEntry()
    {
        var sheet = SgdThb(Dbs, 26m) with
        {
            PspImprovements = ValueList<PspImprovement>.Of(new PspImprovement(Bic.Parse("ZZZZSGSGXXX"), 1), new PspImprovement(Ocbc, 1), new PspImprovement(Bic.Parse("OCBCSGSG"), 2)),
        };

        var result = _sut.Publish(sheet, _time.GetUtcNow());

        Assert.Equal(["pspImprovements[0].psp", "pspImprovements[2].psp"], result.Problems.Select(static p => p.Field));
        Assert.Equal(StatusReasonCode.RC01, result.Problems[0].Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3601)]
    public void Publish_ValidityOutOfRange_Ff01OnValidFor(int seconds)
    {
        var result = _sut.Publish(SgdThb(Dbs, 26m) with { ValidFor = TimeSpan.FromSeconds(seconds) }, _time.GetUtcNow());

        Assert.Equal(RateSheetFields.ValidFor, Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void Publish_SeveralProblems_EveryOneReportedWithItsFieldAndNothingChanges()
    {
        var now = _time.GetUtcNow();
        _sut.Publish(SgdThb(Dbs, 26m), now);
        var bad = new RateSheetPublication(
            Dbs, Currency.SGD, Currency.THB, 0m, -5,
            ValueList<FxTier>.Of(new FxTier(200, 1), new FxTier(100, 1)),
            ValueList<PspImprovement>.Empty,
            TimeSpan.Zero);

        var result = _sut.Publish(bad, now.AddSeconds(1));

        Assert.Equal(["rate", "spreadBps", "tiers[1]", "validForSeconds"], result.Problems.Select(static p => p.Field));
        Assert.Equal(LiveSheetStatus.Current, _sut.Find(Dbs, Currency.SGD, Currency.THB, now.AddSeconds(1), out var sheet, out var validUntil));
        Assert.Equal(26m, sheet!.MidRate);
        Assert.Equal(now.AddSeconds(60), validUntil);
    }

    [Fact]
    public void GetQuotes_NoProviderLive_QuotesFromTheReferenceData()
    {
        var withStore = _engine.GetQuotes(SgdToThb(50_000, Ocbc));
        var without = new QuoteEngine(TopologyFixture.Default, _time, new QuoteBook(1_000)).GetQuotes(SgdToThb(50_000, Ocbc));

        Assert.Equal(without.Quotes.Select(static q => (q.FxProvider, q.Rate, q.DestinationAmount)), withStore.Quotes.Select(static q => (q.FxProvider, q.Rate, q.DestinationAmount)));
        Assert.Equal(25.0409511m, withStore.Best!.Rate);
    }

    [Fact]
    public void GetQuotes_LiveSheet_PricedFromItAndTheBetterProviderIsBest()
    {
        _sut.Publish(SgdThb(Dbs, 26m), _time.GetUtcNow());

        var response = _engine.GetQuotes(SgdToThb(50_000, StanChart));

        Assert.Empty(response.Rejections);
        Assert.Equal([Cimb, Dbs], response.Quotes.Select(static q => q.FxProvider));

        // DBS live: 26 × (1 − 35 bps) = 25.909; S$500.00 → THB 12,954.50. CIMB still from the reference data: 25.0006685.
        var dbs = response.Quotes[1];
        Assert.Equal(25.909m, dbs.Rate);
        Assert.Equal(new Money(1_295_450, Currency.THB), dbs.DestinationAmount);
        Assert.Equal(25.0006685m, response.Quotes[0].Rate);
        Assert.Same(dbs, response.Best);
        Assert.Equal(_time.GetUtcNow().AddMinutes(10), dbs.ExpiresAt);
    }

    [Fact]
    public void GetQuotes_OtherProviderPublishesABetterRate_ItBecomesBest()
    {
        _sut.Publish(SgdThb(Dbs, 26m), _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(5));

        _sut.Publish(SgdThb(Cimb, 26.2m) with { SpreadBps = 50 }, _time.GetUtcNow());
        var response = _engine.GetQuotes(SgdToThb(50_000, StanChart));

        // CIMB: 26.2 × (1 − 50 bps) = 26.069 > DBS's 25.909.
        Assert.Equal(Cimb, response.Best!.FxProvider);
        Assert.Equal(26.069m, response.Best.Rate);
        Assert.Equal(new Money(1_303_450, Currency.THB), response.Best.DestinationAmount);
    }

    [Fact]
    public void GetQuotes_LiveSheetExpired_NoQuoteFromThatProviderAndNoFallbackToTheReferenceData()
    {
        _sut.Publish(SgdThb(Dbs, 26m), _time.GetUtcNow());

        _time.Advance(TimeSpan.FromSeconds(60));
        var response = _engine.GetQuotes(SgdToThb(50_000, StanChart));

        Assert.Equal(Cimb, Assert.Single(response.Quotes).FxProvider);
        var rejection = Assert.Single(response.Rejections);
        Assert.Equal(StatusReasonCode.AG01, rejection.Reason);
        Assert.Contains("expired", rejection.Detail, StringComparison.Ordinal);
        Assert.Contains(Dbs.Value, rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GetQuotes_LiveProviderNeverPublishedThePair_NoQuoteFromIt()
    {
        _sut.Publish(SgdThb(Dbs, 26m), _time.GetUtcNow());

        var response = _engine.GetQuotes(new QuoteRequest(Fast, DuitNow, StanChart, new Money(50_000, Currency.SGD), FixedSide.Source));

        Assert.Equal(Cimb, Assert.Single(response.Quotes).FxProvider);
        Assert.Contains("none for SGD to MYR", Assert.Single(response.Rejections).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GetQuotes_EveryLiveSheetExpired_RejectedWithAReasonPerProvider()
    {
        _sut.Publish(SgdThb(Dbs, 26m), _time.GetUtcNow());
        _sut.Publish(SgdThb(Cimb, 26m), _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(2));

        var response = _engine.GetQuotes(SgdToThb(50_000, StanChart));

        Assert.True(response.IsRejected);
        Assert.Null(response.Best);
        Assert.Equal(2, response.Rejections.Count);
    }

    [Fact]
    public void GetQuotes_ProviderPublishesAgainAfterExpiry_QuotedAgain()
    {
        _sut.Publish(SgdThb(Dbs, 26m), _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(2));

        _sut.Publish(SgdThb(Dbs, 25.5m), _time.GetUtcNow());
        var response = _engine.GetQuotes(SgdToThb(50_000, StanChart));

        Assert.Equal(25.5m * 0.9965m, response.Quotes.Single(q => q.FxProvider == Dbs).Rate);
    }

    [Fact]
    public void QuoteBookCheck_IssuedQuoteAfterANewSheet_KeepsItsRateUntilItExpires()
    {
        _sut.Publish(SgdThb(Dbs, 26m), _time.GetUtcNow());
        var issued = _engine.GetQuotes(SgdToThb(50_000, StanChart)).Best!;

        _time.Advance(TimeSpan.FromSeconds(30));
        _sut.Publish(SgdThb(Dbs, 24m), _time.GetUtcNow());
        var fresh = _engine.GetQuotes(SgdToThb(50_000, StanChart));
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(25.909m, issued.Rate);
        Assert.NotEqual(issued.Rate, fresh.Quotes.Single(q => q.FxProvider == Dbs).Rate);
        var check = _engine.QuoteBook.Check(issued.QuoteId, StanChart, 25.909m, issued.DestinationAmount, issued.SourceAmount, _time.GetUtcNow());
        Assert.True(check.IsAccepted, check.Rejection?.ToString());
        _time.Advance(TimeSpan.FromMinutes(8));
        var late = _engine.QuoteBook.Check(issued.QuoteId, StanChart, 25.909m, issued.DestinationAmount, issued.SourceAmount, _time.GetUtcNow());
        Assert.Equal(StatusReasonCode.TM01, late.Rejection!.Value.Reason);
    }

    [Fact]
    public void GetQuotes_LiveSheetWithPspImprovementAndTier_AppliesThem()
    {
        var sheet = new RateSheetPublication(
            Cimb, Currency.MYR, Currency.THB, 7.6m, 40,
            ValueList<FxTier>.Of(new FxTier(1_000_000, 10)),
            ValueList<PspImprovement>.Of(new PspImprovement(Maybank, 5)),
            TimeSpan.FromSeconds(60));
        Assert.True(_sut.Publish(sheet, _time.GetUtcNow()).IsAccepted);

        var small = _engine.GetQuotes(new QuoteRequest(DuitNow, PromptPay, Maybank, new Money(100_000, Currency.MYR), FixedSide.Source));
        var large = _engine.GetQuotes(new QuoteRequest(DuitNow, PromptPay, Maybank, new Money(1_000_000, Currency.MYR), FixedSide.Source));

        Assert.Equal(7.6m * 0.9965m, small.Quotes.Single(q => q.FxProvider == Cimb).Rate); // 40 − 5 (Maybank)
        Assert.Equal(7.6m * 0.9975m, large.Quotes.Single(q => q.FxProvider == Cimb).Rate); // 40 − 10 (tier) − 5
    }

    [Fact]
    public void GetQuotes_DestinationFixedJustAboveATierThreshold_ABetterMidCanLoseTheTier()
    {
        // Known limit of tiers keyed on the source amount (docs/fx-quotes.md): with the destination fixed, the source
        // amount is estimated without the tier, so a better mid can move the estimate below a threshold and lose the
        // tier. Here IDR 165,169,875.00 converts from S$13,000.00 at 35 bps, which reaches the tier (5 bps off), but from less at a mid 1 bp higher.
        var tiered = SgdThb(Dbs, 12_750m) with { DestinationCurrency = Currency.IDR, Tiers = ValueList<FxTier>.Of(new FxTier(1_300_000, 5)) };
        var request = new QuoteRequest(Fast, new IpsId("ID-BIFAST"), StanChart, new Money(16_516_987_500, Currency.IDR), FixedSide.Destination);
        _sut.Publish(tiered, _time.GetUtcNow());
        var before = _engine.GetQuotes(request).Quotes.Single(q => q.FxProvider == Dbs);

        _sut.Publish(tiered with { MidRate = 12_751.275m }, _time.GetUtcNow());
        var after = _engine.GetQuotes(request).Quotes.Single(q => q.FxProvider == Dbs);

        Assert.Equal(12_711.75m, before.Rate);
        Assert.Equal(new Money(1_299_349, Currency.SGD), before.SourceAmount); // Recomputed at the tier rate.
        Assert.True(after.Rate < before.Rate);
        Assert.True(after.SourceAmount.AmountMinor > before.SourceAmount.AmountMinor);
    }

    private static RateSheetPublication SgdThb(Bic provider, decimal midRate) =>
        new(provider, Currency.SGD, Currency.THB, midRate, 35, ValueList<FxTier>.Empty, ValueList<PspImprovement>.Empty, RateSheetPublication.DefaultValidFor);

    private static QuoteRequest SgdToThb(long sgdMinor, Bic psp) =>
        new(Fast, PromptPay, psp, new Money(sgdMinor, Currency.SGD), FixedSide.Source);
}
