using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.Tests.ReferenceData;

namespace PaymentSwitch.Hub.Tests.Fx;

public sealed class QuoteBookTests
{
    private static readonly Bic Ocbc = Bic.Parse("OCBCSGSGXXX");
    private static readonly Bic Uob = Bic.Parse("UOVBSGSGXXX");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    private readonly QuoteBook _sut = new(100);
    private readonly Quote _quote;

    public QuoteBookTests()
    {
        var engine = new QuoteEngine(TopologyFixture.Default, _time, _sut);
        _quote = engine.GetQuotes(new QuoteRequest(new IpsId("SG-FAST"), new IpsId("TH-PROMPTPAY"), Ocbc, new Money(50_000, Currency.SGD), FixedSide.Source)).Best!;
    }

    private QuoteCheck CheckAsIssued(Bic? agent = null, decimal? rate = null, Money? interbank = null, Money? instructed = null) =>
        _sut.Check(_quote.QuoteId, agent ?? Ocbc, rate ?? _quote.Rate, interbank ?? _quote.DestinationAmount, instructed ?? _quote.SourceAmount, _time.GetUtcNow());

    [Fact]
    public void Check_PaymentMatchingTheQuote_IsAccepted()
    {
        var result = CheckAsIssued();

        Assert.True(result.IsAccepted);
        Assert.Same(_quote, result.Quote);
        Assert.True(_sut.Check(_quote.QuoteId, Bic.Parse("OCBCSGSG"), _quote.Rate, _quote.DestinationAmount, null, _time.GetUtcNow()).IsAccepted);
    }

    [Fact]
    public void Check_JustBeforeTenMinutes_IsAccepted()
    {
        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));

        Assert.True(CheckAsIssued().IsAccepted);
    }

    [Fact]
    public void Check_AtExactlyTenMinutes_IsExpiredWithTm01()
    {
        _time.Advance(TimeSpan.FromMinutes(10));

        var result = CheckAsIssued();

        Assert.Equal(StatusReasonCode.TM01, result.Rejection!.Value.Reason);
        Assert.Equal(QuoteBook.QuoteIdField, result.Rejection.Value.Field);
    }

    [Fact]
    public void Check_UnknownQuoteId_IsRejectedWithAg01()
    {
        var result = _sut.Check("Q-NOPE-1", Ocbc, _quote.Rate, _quote.DestinationAmount, null, _time.GetUtcNow());

        Assert.Null(result.Quote);
        Assert.Equal(StatusReasonCode.AG01, result.Rejection!.Value.Reason);
    }

    [Fact]
    public void Check_QuoteIssuedToAnotherPsp_IsRejectedWithAgntAndHidesTheQuote()
    {
        var result = CheckAsIssued(agent: Uob);

        Assert.Null(result.Quote);
        Assert.Equal(StatusReasonCode.AGNT, result.Rejection!.Value.Reason);
        Assert.Equal(QuoteBook.InstructingAgentField, result.Rejection.Value.Field);
    }

    [Fact]
    public void Check_ForeignAndExpired_ReportsForeignFirst()
    {
        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(StatusReasonCode.AGNT, CheckAsIssued(agent: Uob).Rejection!.Value.Reason);
    }

    [Fact]
    public void Check_DifferentRate_IsRejectedWithNarr()
    {
        var result = CheckAsIssued(rate: _quote.Rate + 0.0000001m);

        Assert.Equal(StatusReasonCode.NARR, result.Rejection!.Value.Reason);
        Assert.Equal(QuoteBook.RateField, result.Rejection.Value.Field);
    }

    [Fact]
    public void Check_SameRateWithTrailingZeros_IsAccepted()
    {
        Assert.True(CheckAsIssued(rate: decimal.Parse(_quote.Rate.ToString(System.Globalization.CultureInfo.InvariantCulture) + "000", System.Globalization.CultureInfo.InvariantCulture)).IsAccepted);
    }

    [Fact]
    public void Check_InterbankAmountOneMinorUnitOff_IsRejectedWithAm09()
    {
        var result = CheckAsIssued(interbank: _quote.DestinationAmount with { AmountMinor = _quote.DestinationAmount.AmountMinor - 1 });

        Assert.Equal(StatusReasonCode.AM09, result.Rejection!.Value.Reason);
        Assert.Equal(QuoteBook.InterbankAmountField, result.Rejection.Value.Field);
    }

    [Fact]
    public void Check_InstructedAmountDiffers_IsRejectedWithAm09OnInstdAmt()
    {
        var result = CheckAsIssued(instructed: _quote.SourceAmount with { AmountMinor = _quote.SourceAmount.AmountMinor + 1 });

        Assert.Equal(StatusReasonCode.AM09, result.Rejection!.Value.Reason);
        Assert.Equal(QuoteBook.InstructedAmountField, result.Rejection.Value.Field);
    }

    [Fact]
    public void Check_InterbankAmountInSourceCurrency_IsRejectedWithAm09()
    {
        var result = CheckAsIssued(interbank: new Money(_quote.DestinationAmount.AmountMinor, Currency.SGD));

        Assert.Equal(StatusReasonCode.AM09, result.Rejection!.Value.Reason);
    }

    [Fact]
    public void Check_AfterWarmUp_AllocatesNothing()
    {
        var id = _quote.QuoteId;
        var now = _time.GetUtcNow();
        _sut.Check(id, Ocbc, _quote.Rate, _quote.DestinationAmount, _quote.SourceAmount, now);
        _sut.Check("Q-NOPE-1", Ocbc, _quote.Rate, _quote.DestinationAmount, null, now);

        var allocated = PaymentSwitch.TestKit.Allocations.SteadyStateBytes(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                _sut.Check(id, Ocbc, _quote.Rate, _quote.DestinationAmount, _quote.SourceAmount, now);
                _sut.Check(id, Uob, _quote.Rate, _quote.DestinationAmount, _quote.SourceAmount, now);
                _sut.Check(id, Ocbc, 1m, _quote.DestinationAmount, _quote.SourceAmount, now);
                _sut.Check("Q-NOPE-1", Ocbc, _quote.Rate, _quote.DestinationAmount, null, now);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TryAdd_FullOfHonouredQuotes_RefusesRatherThanDropOne()
    {
        var sut = new QuoteBook(capacity: 1, expiredRetention: TimeSpan.Zero);
        var now = _time.GetUtcNow();

        Assert.True(sut.TryAdd(_quote with { QuoteId = "A" }, now));
        Assert.False(sut.TryAdd(_quote with { QuoteId = "B" }, now));
        Assert.True(sut.TryGet("A", out _));
    }

    [Fact]
    public void TryAdd_FullWithExpiredQuotes_EvictsThem()
    {
        var sut = new QuoteBook(capacity: 1);
        Assert.True(sut.TryAdd(_quote with { QuoteId = "A" }, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.True(sut.TryAdd(_quote with { QuoteId = "B", ExpiresAt = _time.GetUtcNow().AddMinutes(10) }, _time.GetUtcNow()));
        Assert.False(sut.TryGet("A", out _));
        Assert.Equal(1, sut.Count);
    }

    [Fact]
    public void TryAdd_RetentionOver_EvictsExpiredQuoteSoItBecomesUnknown()
    {
        _time.Advance(TimeSpan.FromMinutes(20));
        _sut.TryAdd(_quote with { QuoteId = "later", ExpiresAt = _time.GetUtcNow().AddMinutes(10) }, _time.GetUtcNow());

        Assert.Equal(StatusReasonCode.AG01, CheckAsIssued().Rejection!.Value.Reason);
    }

    [Fact]
    public void GetQuotes_QuoteBookFull_RejectsWithNarr()
    {
        var engine = new QuoteEngine(TopologyFixture.Default, _time, new QuoteBook(1));

        var response = engine.GetQuotes(new QuoteRequest(new IpsId("SG-FAST"), new IpsId("TH-PROMPTPAY"), Ocbc, new Money(50_000, Currency.SGD), FixedSide.Source));

        Assert.Single(response.Quotes);
        Assert.Equal(StatusReasonCode.NARR, Assert.Single(response.Rejections).Reason);
    }
}
