using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Hub.Tests.ReferenceData;

namespace PaymentSwitch.Hub.Tests.Fx;

/// <summary>A conversion input: amount, a rate in XchgRate form, and two currencies with any pair of exponents.</summary>
public sealed record ConversionCase(Currency Source, Currency Destination, long AmountMinor, decimal Rate)
{
    public override string ToString() =>
        $"{AmountMinor} {Source.Code}(e{Source.MinorUnits}) at {Rate} to {Destination.Code}(e{Destination.MinorUnits})";
}

/// <summary>A quote request between two IPSs of the default topology, from one of the source IPS's PSPs.</summary>
public sealed record RequestCase(QuoteRequest Request)
{
    public override string ToString() => Request.ToString();
}

public static class FxArbitraries
{
    // Exponents 0 (VND, JPY), 2 (SGD, IDR), 3 (KWD) and 4 (CLF), so every exponent shift from -4 to +4 occurs.
    private static readonly Currency[] Currencies = [Currency.SGD, Currency.VND, Currency.IDR, Currency.KWD, Currency.JPY, Currency.FromCode("CLF"), Currency.INR];

    // Magnitudes digit by digit so short and long amounts are equally likely (a uniform long is almost always 18-19 digits).
    private static Gen<long> Digits(int min, int max) =>
        Gen.Choose(min, max)
            .SelectMany(static length => Gen.ArrayOf(Gen.Choose(0, 9), length))
            .Select(static digits => digits.Aggregate(0L, static (acc, d) => (acc * 10) + d));

    private static Gen<decimal> Rates() =>
        from mantissa in Digits(1, 11).Where(static m => m > 0)
        from scale in Gen.Choose(0, 10)
        select new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, false, (byte)scale);

    public static Arbitrary<ConversionCase> ConversionCases() =>
        (from source in Gen.Elements(Currencies)
         from destination in Gen.Elements(Currencies)
         from amount in Digits(1, 18).Where(static a => a > 0)
         from rate in Rates()
         select new ConversionCase(source, destination, amount, rate)).ToArbitrary();

    public static Arbitrary<RequestCase> RequestCases()
    {
        var topology = TopologyFixture.Default;
        var pairs = topology.Corridors.ToArray();
        return (from corridor in Gen.Elements(pairs)
                from psp in Gen.Elements(topology.Participants.Where(p => p.Ips == corridor.SourceIps && p.HasRole(ParticipantRoles.Psp)).ToArray())
                from side in Gen.Elements(FixedSide.Source, FixedSide.Destination)
                from digits in Gen.Choose(1, 12)
                from amount in Digits(digits, digits).Where(static a => a > 0)
                select new RequestCase(Request(topology, corridor, psp.Bic, side, amount))).ToArbitrary();
    }

    private static QuoteRequest Request(Topology topology, CorridorDefinition corridor, Bic psp, FixedSide side, long amount)
    {
        topology.TryGetIps(side == FixedSide.Source ? corridor.SourceIps : corridor.DestinationIps, out var ips);
        return new QuoteRequest(corridor.SourceIps, corridor.DestinationIps, psp, new Money(amount, ips!.Currency), side);
    }
}

[Properties(Arbitrary = [typeof(FxArbitraries)])]
public sealed class FxProperties
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    // The exact conversion factor as a fraction, computed independently with BigInteger from the decimal's text.
    private static (BigInteger Numerator, BigInteger Denominator) Exact(ConversionCase c)
    {
        var text = c.Rate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var decimals = dot < 0 ? 0 : text.Length - dot - 1;
        var mantissa = BigInteger.Parse(text.Replace(".", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        var shift = c.Destination.MinorUnits - c.Source.MinorUnits;
        var numerator = c.AmountMinor * mantissa * BigInteger.Pow(10, Math.Max(0, shift));
        var denominator = BigInteger.Pow(10, decimals + Math.Max(0, -shift));
        return (numerator, denominator);
    }

    [Property(MaxTest = 1000)]
    public void TryConvert_AnyAmountAndRate_ErrorIsAtMostHalfAMinorUnitOrRefusedOnlyWhenTooLarge(ConversionCase c)
    {
        var (numerator, denominator) = Exact(c);

        var converted = FxConversion.TryConvert(new Money(c.AmountMinor, c.Source), c.Rate, c.Destination, out var sut);

        if (!converted)
        {
            // (d) The only refusal for valid input is a result beyond 18 digits; nothing overflows or throws.
            Assert.True(numerator * 2 > ((2 * (BigInteger)Money.MaxAmountMinor) + 1) * denominator, c.ToString());
            return;
        }

        // (a) |exact − rounded| ≤ 1/2 minor unit, i.e. |2·(rounded·D − N)| ≤ D, exactly in integers.
        var twiceError = BigInteger.Abs(2 * ((sut.AmountMinor * denominator) - numerator));
        Assert.True(twiceError <= denominator, $"{c}: {sut.AmountMinor}");
        Assert.Equal(c.Destination, sut.Currency);

        // Ties go to the even neighbour.
        if (twiceError == denominator)
        {
            Assert.True(sut.AmountMinor % 2 == 0, $"{c}: tie rounded to odd {sut.AmountMinor}");
        }
    }

    [Property(MaxTest = 1000)]
    public void TrySourceFor_AnyFixedDestination_ConvertsBackToAtLeastItAndOneLessFallsShort(ConversionCase c)
    {
        var fixedDestination = new Money(c.AmountMinor, c.Destination);

        if (!FxConversion.TrySourceFor(fixedDestination, c.Rate, c.Source, out var sut))
        {
            return; // The source amount would exceed 18 digits.
        }

        // (c) The computed source amount delivers at least the fixed destination amount...
        Assert.True(FxConversion.TryConvert(sut, c.Rate, c.Destination, out var delivered), c.ToString());
        Assert.True(delivered.AmountMinor >= fixedDestination.AmountMinor, $"{c}: {sut} delivers {delivered}");

        // ...and is the smallest that does, so the sender never pays a whole minor unit too much.
        if (sut.AmountMinor > 1)
        {
            Assert.True(FxConversion.TryConvert(sut with { AmountMinor = sut.AmountMinor - 1 }, c.Rate, c.Destination, out var less));
            Assert.True(less.AmountMinor < fixedDestination.AmountMinor, $"{c}: {sut.AmountMinor - 1} already delivers {less}");
        }
    }

    [Property(MaxTest = 1000)]
    public void GetQuotes_AnyRequest_QuotesAreExactCheckableAndWithinCaps(RequestCase c)
    {
        var time = new FakeTimeProvider(Start);
        var book = new QuoteBook(16);
        var sut = new QuoteEngine(TopologyFixture.Default, time, book);
        var topology = TopologyFixture.Default;
        topology.TryGetIps(c.Request.SourceIps, out var source);
        topology.TryGetIps(c.Request.DestinationIps, out var destination);

        var response = sut.GetQuotes(c.Request);

        Assert.Equal(response.IsRejected, response.Best is null);
        // Only amount rules can refuse a well-formed request: over a cap (AM02) or nothing left after the destination fee (AM01).
        Assert.All(response.Rejections, static r => Assert.Contains(r.Reason, new[] { StatusReasonCode.AM02, StatusReasonCode.AM01 }));
        foreach (var quote in response.Quotes)
        {
            Assert.True(FxConversion.TryConvert(quote.SourceAmount, quote.Rate, quote.DestinationAmount.Currency, out var converted));
            if (c.Request.AmountIsFixedIn == FixedSide.Source)
            {
                // (b) The destination amount the sender is shown is exactly the conversion, and exactly what the payment must carry.
                Assert.Equal(c.Request.Amount, quote.SourceAmount);
                Assert.Equal(converted, quote.DestinationAmount);
            }
            else
            {
                // (c) The creditor gets the fixed amount; the sender's amount converts to at least that.
                Assert.Equal(c.Request.Amount, quote.DestinationAmount);
                Assert.True(converted.AmountMinor >= quote.DestinationAmount.AmountMinor);
            }

            Assert.Equal(quote.DestinationAmount.AmountMinor - quote.DestinationPspFee.AmountMinor, quote.CreditorAmount.AmountMinor);
            Assert.True(quote.SourceAmount.AmountMinor <= source!.PerTransactionCap.AmountMinor);
            Assert.True(quote.DestinationAmount.AmountMinor <= destination!.PerTransactionCap.AmountMinor);
            Assert.True(FxConversion.IsExchangeRateForm(quote.Rate));

            var check = book.Check(quote.QuoteId, c.Request.RequestingPsp, quote.Rate, quote.DestinationAmount, quote.SourceAmount, time.GetUtcNow());
            Assert.True(check.IsAccepted, check.Rejection?.ToString());
            var off = book.Check(quote.QuoteId, c.Request.RequestingPsp, quote.Rate, quote.DestinationAmount with { AmountMinor = quote.DestinationAmount.AmountMinor + 1 }, null, time.GetUtcNow());
            Assert.Equal(StatusReasonCode.AM09, off.Rejection!.Value.Reason);
            Assert.False(QuoteEngine.IsBetter(quote, response.Best!));
        }
    }

    [Property(MaxTest = 500)]
    public void GetQuotes_SameRequestTwice_GivesEqualResponses(RequestCase c)
    {
        // (e) Determinism: same topology, clock and id generator state give the same quotes, ids included.
        QuoteResponse Run() => new QuoteEngine(TopologyFixture.Default, new FakeTimeProvider(Start), new QuoteBook(16)).GetQuotes(c.Request);

        var first = Run();
        var second = Run();

        Assert.Equal(first.Quotes, second.Quotes);
        Assert.Equal(first.Best, second.Best);
        Assert.Equal(first.Rejections, second.Rejections);
    }

    [Property(MaxTest = 1000)]
    public void TryConvert_AmountsUpToEveryDefaultCap_NeverOverflow(PositiveInt seed)
    {
        // (d) Every IPS cap (and the 18-digit maximum) converted at every default sheet's extreme rates succeeds or refuses; none throws.
        var topology = TopologyFixture.Default;
        var sheet = topology.FxProviders[seed.Get % 2].RateSheets[seed.Get % 42];
        topology.TryGetIps(topology.IpsForCurrency(sheet.SourceCurrency)[0].Id, out var ips);
        foreach (var amount in new[] { ips!.PerTransactionCap.AmountMinor, Money.MaxAmountMinor, 1L })
        {
            var money = new Money(amount, sheet.SourceCurrency);
            FxConversion.TryConvert(money, sheet.MidRate, sheet.DestinationCurrency, out _);
            FxConversion.TrySourceFor(money with { Currency = sheet.DestinationCurrency }, sheet.MidRate, sheet.SourceCurrency, out _);
        }

        Assert.True(FxConversion.TryConvert(ips.PerTransactionCap, sheet.EffectiveRate(ips.PerTransactionCap.AmountMinor, default), sheet.DestinationCurrency, out _));
    }
}
