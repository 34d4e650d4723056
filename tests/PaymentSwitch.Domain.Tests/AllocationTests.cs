namespace PaymentSwitch.Domain.Tests;

/// <summary>
/// The hot path parses and formats these primitives once per message, so their success paths must not allocate.
/// Each test warms up first so that one-time JIT and static initialisation are not counted.
/// </summary>
public sealed class AllocationTests
{
    private const int Iterations = 1000;

    private static long AllocatedBytes(Action action)
    {
        return PaymentSwitch.TestKit.Allocations.SteadyStateBytes(() =>
        {
            for (var i = 0; i < Iterations; i++)
            {
                action();
            }
        });
    }

    [Fact]
    public void MoneyTryParse_ValidAmount_AllocatesNothing()
    {
        var sut = AllocatedBytes(static () =>
        {
            var ok = Money.TryParse(" 1234.50 ".AsSpan(), Currency.SGD, AmountRules.None, out var money, out _);
            Assert.True(ok && money.AmountMinor == 123450);
        });

        Assert.Equal(0, sut);
    }

    [Fact]
    public void MoneyTryFormat_AllocatesNothing()
    {
        var buffer = new char[32];

        var sut = AllocatedBytes(() =>
        {
            var ok = new Money(-123456789, Currency.KWD).TryFormat(buffer, out var written);
            Assert.True(ok && written == 11);
        });

        Assert.Equal(0, sut);
    }

    [Fact]
    public void SpanLookups_KnownCodes_AllocateNothing()
    {
        var sut = AllocatedBytes(static () =>
        {
            var text = "<Ccy>SGD</Ccy><Ctry>TH</Ctry><Cd>AB05</Cd><TxSts>ACCC</TxSts>".AsSpan();
            Assert.True(Currency.TryFromCode(text.Slice(5, 3), out _));
            Assert.True(CountryCode.TryParse(text.Slice(20, 2), out _));
            Assert.True(StatusReasons.TryParse(text.Slice(33, 4), out _));
            Assert.True(TransactionStatuses.TryParse(text.Slice(49, 4), out _));
        });

        Assert.Equal(0, sut);
    }

    [Fact]
    public void UetrTryParse_Span_AllocatesNothing()
    {
        var sut = AllocatedBytes(static () =>
        {
            var ok = Uetr.TryParse("eb6305c9-1f7f-49de-aed0-16487c27b42d".AsSpan(), out _, out _);
            Assert.True(ok);
        });

        Assert.Equal(0, sut);
    }

    [Fact]
    public void IdentifierTryParse_ValidStrings_AllocateNothing()
    {
        var sut = AllocatedBytes(static () =>
        {
            Assert.True(Bic.TryParse("DBSSSGSGXXX", out _, out _));
            Assert.True(Iban.TryParse("GB82WEST12345698765432", out _, out _));
            Assert.True(Lei.TryParse("5493001KJTIIGC8Y1R12", out _, out _));
        });

        Assert.Equal(0, sut);
    }
}
