using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Hub.Tests.ReferenceData;

namespace PaymentSwitch.Hub.Tests.Fx;

public sealed class QuoteEngineTests
{
    private static readonly IpsId Fast = new("SG-FAST");
    private static readonly IpsId PromptPay = new("TH-PROMPTPAY");
    private static readonly IpsId BiFast = new("ID-BIFAST");
    private static readonly Bic Ocbc = Bic.Parse("OCBCSGSGXXX");
    private static readonly Bic Uob = Bic.Parse("UOVBSGSGXXX");
    private static readonly Bic StanChart = Bic.Parse("SCBLSGSGXXX");
    private static readonly Bic Dbs = Bic.Parse("DBSSSGSGXXX");
    private static readonly Bic Cimb = Bic.Parse("CIBBMYKLXXX");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly QuoteEngine _sut;

    public QuoteEngineTests() => _sut = new QuoteEngine(TopologyFixture.Default, _time, new QuoteBook(1_000));

    [Fact]
    public void GetQuotes_SgdToThbFixedSource_OneQuotePerProviderWithExactAmounts()
    {
        var response = _sut.GetQuotes(new QuoteRequest(Fast, PromptPay, Ocbc, new Money(50_000, Currency.SGD), FixedSide.Source));

        Assert.Empty(response.Rejections);
        Assert.Equal([Cimb, Dbs], response.Quotes.Select(static q => q.FxProvider));

        // DBS: mid 25.1163, spread 35 bps less OCBC's 5 bps improvement = 30 bps: 25.1163 × 0.9970 = 25.0409511.
        var dbs = response.Quotes[1];
        Assert.Equal(25.0409511m, dbs.Rate);
        Assert.Equal(new Money(50_000, Currency.SGD), dbs.SourceAmount);
        Assert.Equal(new Money(1_252_048, Currency.THB), dbs.DestinationAmount); // 1,252,047.555 rounds half-even up.
        Assert.Equal(new Money(50, Currency.SGD), dbs.SourcePspFee);
        Assert.Equal(new Money(10, Currency.SGD), dbs.SchemeFee); // 2 bps of S$500 = 10 cents, within min 5 and max 500.
        Assert.Equal(new Money(0, Currency.THB), dbs.DestinationPspFee);
        Assert.Equal(dbs.DestinationAmount, dbs.CreditorAmount);
        Assert.Equal(Ocbc, dbs.IssuedTo);
        Assert.Equal(_time.GetUtcNow().AddMinutes(10), dbs.ExpiresAt);

        // CIMB: mid 25.1263, spread 50 bps: 25.1263 × 0.9950 = 25.0006685; 1,250,033.425 rounds down.
        var cimb = response.Quotes[0];
        Assert.Equal(25.0006685m, cimb.Rate);
        Assert.Equal(new Money(1_250_033, Currency.THB), cimb.DestinationAmount);
        Assert.Same(dbs, response.Best);
    }

    [Fact]
    public void GetQuotes_SgdToThbFixedDestination_SourceIsSmallestThatDelivers()
    {
        var fixedAmount = new Money(1_000_000, Currency.THB);

        var response = _sut.GetQuotes(new QuoteRequest(Fast, PromptPay, Ocbc, fixedAmount, FixedSide.Destination));

        var dbs = response.Quotes.Single(q => q.FxProvider == Dbs);
        Assert.Equal(fixedAmount, dbs.DestinationAmount);
        Assert.Equal(new Money(39_935, Currency.SGD), dbs.SourceAmount);
        Assert.True(FxConversion.TryConvert(dbs.SourceAmount, dbs.Rate, Currency.THB, out var delivered));
        Assert.True(delivered.AmountMinor >= fixedAmount.AmountMinor);
        Assert.True(FxConversion.TryConvert(new Money(39_934, Currency.SGD), dbs.Rate, Currency.THB, out var oneLess));
        Assert.True(oneLess.AmountMinor < fixedAmount.AmountMinor);
        Assert.Same(dbs, response.Best); // DBS needs fewer SGD for the same THB.
    }

    [Fact]
    public void GetQuotes_PspImprovement_GivesTheImprovedPspABetterRate()
    {
        var ocbc = _sut.GetQuotes(new QuoteRequest(Fast, PromptPay, Ocbc, new Money(50_000, Currency.SGD), FixedSide.Source));
        var uob = _sut.GetQuotes(new QuoteRequest(Fast, PromptPay, Uob, new Money(50_000, Currency.SGD), FixedSide.Source));
        var other = _sut.GetQuotes(new QuoteRequest(Fast, PromptPay, StanChart, new Money(50_000, Currency.SGD), FixedSide.Source));

        Assert.Equal(25.0409511m, ocbc.Best!.Rate); // 30 bps
        Assert.Equal(25.03592784m, uob.Best!.Rate); // 32 bps
        Assert.Equal(25.02839295m, other.Best!.Rate); // 35 bps
    }

    [Fact]
    public void GetQuotes_TierThresholdReached_NarrowsTheSpread()
    {
        // DBS's first SGD tier starts at S$13,000 (USD 10,000 equivalent) and takes 5 bps off the 35 bps spread.
        var below = _sut.GetQuotes(new QuoteRequest(Fast, BiFast, StanChart, new Money(1_299_999, Currency.SGD), FixedSide.Source));
        var at = _sut.GetQuotes(new QuoteRequest(Fast, BiFast, StanChart, new Money(1_300_000, Currency.SGD), FixedSide.Source));

        var dbsBelow = below.Quotes.Single(q => q.FxProvider == Dbs);
        var dbsAt = at.Quotes.Single(q => q.FxProvider == Dbs);
        Assert.True(TopologyFixture.Default.TryGetFxProvider(Dbs, out var provider));
        Assert.True(provider.TryGetRateSheet(Currency.SGD, Currency.IDR, out var sheet));
        Assert.Equal(FxConversion.ToExchangeRateForm(sheet.MidRate * 0.9965m), dbsBelow.Rate);
        Assert.Equal(FxConversion.ToExchangeRateForm(sheet.MidRate * 0.9970m), dbsAt.Rate);
    }

    [Fact]
    public void GetQuotes_OverCorridorCap_RejectedWithAm02ForEveryProvider()
    {
        // PayNow–PromptPay is capped at S$1,000.
        var response = _sut.GetQuotes(new QuoteRequest(Fast, PromptPay, Ocbc, new Money(100_001, Currency.SGD), FixedSide.Source));

        Assert.True(response.IsRejected);
        Assert.Null(response.Best);
        Assert.Equal(2, response.Rejections.Count);
        Assert.All(response.Rejections, static r => Assert.Equal(StatusReasonCode.AM02, r.Reason));
        Assert.Contains("corridor cap", response.Rejections[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GetQuotes_OverDestinationCapAtTheQuoteRate_RejectedWithAm02()
    {
        // SG→PH has no corridor cap; InstaPay's PHP 50,000 binds first: about S$1,110 at ~45 PHP per SGD.
        var response = _sut.GetQuotes(new QuoteRequest(Fast, new IpsId("PH-INSTAPAY"), Ocbc, new Money(120_000, Currency.SGD), FixedSide.Source));

        Assert.True(response.IsRejected);
        Assert.All(response.Rejections, static r => Assert.Contains("PH-INSTAPAY per-transaction cap", r.Detail, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("XX-NONE", "TH-PROMPTPAY", "OCBCSGSGXXX", 100, "SGD", StatusReasonCode.AGNT)]
    [InlineData("SG-FAST", "SG-FAST", "OCBCSGSGXXX", 100, "SGD", StatusReasonCode.AG01)]
    [InlineData("SG-FAST", "TH-PROMPTPAY", "KASITHBKXXX", 100, "SGD", StatusReasonCode.AGNT)]
    [InlineData("SG-FAST", "TH-PROMPTPAY", "HSBCHKHHXXX", 100, "SGD", StatusReasonCode.AGNT)]
    [InlineData("SG-FAST", "TH-PROMPTPAY", "OCBCSGSGXXX", 100, "THB", StatusReasonCode.CURR)]
    [InlineData("SG-FAST", "TH-PROMPTPAY", "OCBCSGSGXXX", 0, "SGD", StatusReasonCode.AM01)]
    [InlineData("SG-FAST", "TH-PROMPTPAY", "OCBCSGSGXXX", -5, "SGD", StatusReasonCode.AM09)]
    public void GetQuotes_BadRequest_RejectedWithItsCode(string source, string destination, string psp, long amount, string currency, StatusReasonCode expected)
    {
        var response = _sut.GetQuotes(new QuoteRequest(new IpsId(source), new IpsId(destination), Bic.Parse(psp), new Money(amount, Currency.FromCode(currency)), FixedSide.Source));

        Assert.True(response.IsRejected);
        Assert.Equal(expected, Assert.Single(response.Rejections).Reason);
    }

    [Fact]
    public void GetQuotes_DisabledCorridor_RejectedWithAg01()
    {
        var result = TopologyFixture.LoadEdited(static root => root["corridors"]![0]!["enabled"] = false);
        var sut = new QuoteEngine(result.Topology!, _time, new QuoteBook(10));

        var response = sut.GetQuotes(new QuoteRequest(Fast, PromptPay, Ocbc, new Money(100, Currency.SGD), FixedSide.Source));

        var rejection = Assert.Single(response.Rejections);
        Assert.Equal(StatusReasonCode.AG01, rejection.Reason);
        Assert.Contains("disabled", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GetQuotes_ByCountryAndCurrency_FindsTheIpss()
    {
        var response = _sut.GetQuotes(CountryCode.SG, Currency.SGD, CountryCode.TH, Currency.THB, Ocbc, new Money(50_000, Currency.SGD), FixedSide.Source);

        Assert.Equal(2, response.Quotes.Count);
        Assert.All(response.Quotes, static q => Assert.Equal(PromptPay, q.DestinationIps));
    }

    [Fact]
    public void GetQuotes_QuoteIds_AreDeterministicAndUnique()
    {
        var first = _sut.GetQuotes(new QuoteRequest(Fast, PromptPay, Ocbc, new Money(50_000, Currency.SGD), FixedSide.Source));
        var second = _sut.GetQuotes(new QuoteRequest(Fast, PromptPay, Ocbc, new Money(50_000, Currency.SGD), FixedSide.Source));

        Assert.Equal(["Q-CIBBMYKL-0000000001", "Q-DBSSSGSG-0000000002"], first.Quotes.Select(static q => q.QuoteId));
        Assert.Equal(["Q-CIBBMYKL-0000000003", "Q-DBSSSGSG-0000000004"], second.Quotes.Select(static q => q.QuoteId));
    }

    [Fact]
    public void IsBetter_EqualRatioAndRate_PrefersTheProviderBicThatSortsFirst()
    {
        var quote = _sut.GetQuotes(new QuoteRequest(Fast, PromptPay, Ocbc, new Money(50_000, Currency.SGD), FixedSide.Source)).Best!;
        var twin = quote with { FxProvider = Bic.Parse("AAAASGSGXXX") };

        Assert.True(QuoteEngine.IsBetter(twin, quote));
        Assert.False(QuoteEngine.IsBetter(quote, twin));
    }
}
