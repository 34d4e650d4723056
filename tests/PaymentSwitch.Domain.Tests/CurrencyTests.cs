namespace PaymentSwitch.Domain.Tests;

public sealed class CurrencyTests
{
    [Theory]
    [InlineData("SGD", 2)]
    [InlineData("THB", 2)]
    [InlineData("MYR", 2)]
    [InlineData("IDR", 2)]
    [InlineData("PHP", 2)]
    [InlineData("INR", 2)]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("KHR", 2)]
    [InlineData("LAK", 2)]
    [InlineData("MMK", 2)]
    [InlineData("BND", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("VND", 0)]
    [InlineData("CLP", 0)]
    [InlineData("ISK", 0)]
    [InlineData("UGX", 0)]
    [InlineData("XOF", 0)]
    [InlineData("UYI", 0)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("OMR", 3)]
    [InlineData("JOD", 3)]
    [InlineData("TND", 3)]
    [InlineData("LYD", 3)]
    [InlineData("IQD", 3)]
    [InlineData("CLF", 4)]
    [InlineData("UYW", 4)]
    [InlineData("XCG", 2)]
    [InlineData("ZWG", 2)]
    [InlineData("SLE", 2)]
    public void TryFromCode_ListedCode_HasIso4217MinorUnits(string code, int minorUnits)
    {
        var found = Currency.TryFromCode(code, out var sut);

        Assert.True(found);
        Assert.Equal(code, sut.Code);
        Assert.Equal(minorUnits, sut.MinorUnits);
    }

    [Fact]
    public void All_ListsEveryActiveCurrencyWithANumericMinorUnit()
    {
        var sut = Currency.All;

        // 165 is the ISO 4217 list-one codes with a numeric minor unit; a change here means the table changed.
        Assert.Equal(165, sut.Count);
        Assert.Equal(sut.Count, sut.Select(static c => c.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(sut.Select(static c => c.Code).Order(StringComparer.Ordinal), sut.Select(static c => c.Code));
        Assert.All(sut, static c => Assert.Matches("^[A-Z]{3}$", c.Code));
        Assert.All(sut, static c => Assert.InRange(c.MinorUnits, 0, 4));
    }

    [Theory]
    [InlineData("XAU")]
    [InlineData("XAG")]
    [InlineData("XPT")]
    [InlineData("XPD")]
    [InlineData("XDR")]
    [InlineData("XBA")]
    [InlineData("XSU")]
    [InlineData("XUA")]
    [InlineData("XTS")]
    [InlineData("XXX")]
    public void TryFromCode_MinorUnitNotApplicable_IsExcluded(string code)
    {
        Assert.False(Currency.TryFromCode(code, out _));
    }

    [Theory]
    [InlineData("HRK")]
    [InlineData("CUC")]
    [InlineData("ZWL")]
    [InlineData("VEF")]
    [InlineData("MRO")]
    [InlineData("LTL")]
    public void TryFromCode_WithdrawnCode_IsRejected(string code)
    {
        Assert.False(Currency.TryFromCode(code, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sgd")]
    [InlineData("Sgd")]
    [InlineData("SG")]
    [InlineData("SGDX")]
    [InlineData(" SGD")]
    [InlineData("SGD ")]
    [InlineData("ABC")]
    [InlineData("ＳＧＤ")]
    public void TryFromCode_NotAnExactListedCode_ReturnsFalseAndDefault(string? code)
    {
        var found = Currency.TryFromCode(code, out var sut);

        Assert.False(found);
        Assert.Equal(default, sut);
    }

    [Fact]
    public void TryFromCode_Span_ReturnsTheCachedCodeString()
    {
        Span<char> text = ['S', 'G', 'D'];

        var found = Currency.TryFromCode((ReadOnlySpan<char>)text, out var sut);

        Assert.True(found);
        Assert.Same(Currency.SGD.Code, sut.Code);
        Assert.Equal(Currency.SGD, sut);
    }

    [Fact]
    public void NamedFields_MatchTheTable()
    {
        Currency[] sut =
        [
            Currency.SGD, Currency.THB, Currency.MYR, Currency.IDR, Currency.PHP, Currency.VND, Currency.INR, Currency.USD,
            Currency.EUR, Currency.JPY, Currency.KWD, Currency.GBP, Currency.CNY, Currency.HKD, Currency.AUD, Currency.KHR,
            Currency.LAK, Currency.MMK, Currency.BND,
        ];

        Assert.Equal(
            ["SGD", "THB", "MYR", "IDR", "PHP", "VND", "INR", "USD", "EUR", "JPY", "KWD", "GBP", "CNY", "HKD", "AUD", "KHR", "LAK", "MMK", "BND"],
            sut.Select(static c => c.ToString()));
        Assert.All(sut, static c => Assert.Contains(c, Currency.All));
    }

    [Fact]
    public void FromCode_UnknownCode_ThrowsArgumentException()
    {
        var sut = Assert.Throws<ArgumentException>(() => Currency.FromCode("XAU"));

        Assert.Contains("'XAU'", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCode_ListedCode_ReturnsTheCurrency()
    {
        Assert.Equal(Currency.KWD, Currency.FromCode("KWD"));
    }

    [Fact]
    public void Default_HasEmptyCodeAndIsNotListed()
    {
        var sut = default(Currency);

        Assert.Equal(string.Empty, sut.Code);
        Assert.DoesNotContain(sut, Currency.All);
    }
}
