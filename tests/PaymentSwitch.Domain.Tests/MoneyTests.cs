namespace PaymentSwitch.Domain.Tests;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("1234.50", "SGD", 123450)]
    [InlineData("1234.5", "SGD", 123450)]
    [InlineData("0.01", "SGD", 1)]
    [InlineData("1", "SGD", 100)]
    [InlineData("+7.25", "SGD", 725)]
    [InlineData(".5", "SGD", 50)]
    [InlineData("5.", "SGD", 500)]
    [InlineData("007.50", "SGD", 750)]
    [InlineData("10.500", "SGD", 1050)]
    [InlineData("10.00000", "SGD", 1000)]
    [InlineData(" \t\r\n12.34\n ", "SGD", 1234)]
    [InlineData("1500", "JPY", 1500)]
    [InlineData("1500.000", "JPY", 1500)]
    [InlineData("12.345", "KWD", 12345)]
    [InlineData("0.125", "KWD", 125)]
    [InlineData("1.0001", "CLF", 10001)]
    [InlineData("250000000", "IDR", 25000000000)]
    [InlineData("999999999999999999", "JPY", 999999999999999999)]
    [InlineData("9999999999999999.99", "SGD", 999999999999999999)]
    [InlineData("99999999999999.9999", "CLF", 999999999999999999)]
    public void TryParse_ValidAmount_ReturnsMinorUnits(string text, string code, long expectedMinor)
    {
        var currency = Currency.FromCode(code);

        var parsed = Money.TryParse(text, currency, AmountRules.None, out var sut, out var failure);

        Assert.True(parsed, failure.Rule);
        Assert.Equal(new Money(expectedMinor, currency), sut);
        Assert.Equal(default, failure);
    }

    [Theory]
    [InlineData("100.001", "SGD", "SGD allows at most 2 decimal places; got 3")]
    [InlineData("0.001", "SGD", "SGD allows at most 2 decimal places; got 3")]
    [InlineData("1.5", "JPY", "JPY allows at most 0 decimal places; got 1")]
    [InlineData("1.50", "JPY", "JPY allows at most 0 decimal places; got 1")]
    [InlineData("100.5", "VND", "VND allows at most 0 decimal places; got 1")]
    [InlineData("1.2345", "KWD", "KWD allows at most 3 decimal places; got 4")]
    [InlineData("1.00001", "CLF", "CLF allows at most 4 decimal places; got 5")]
    public void TryParse_TooManyDecimalPlaces_RejectsWithAm09(string text, string code, string rule)
    {
        var parsed = Money.TryParse(text, Currency.FromCode(code), AmountRules.None, out var sut, out var failure);

        Assert.False(parsed);
        Assert.Equal(new ParseFailure(StatusReasonCode.AM09, rule), failure);
        Assert.Equal(default, sut);
    }

    [Theory]
    [InlineData("1234567890123456789", "JPY", 19)]
    [InlineData("1234567890123456.789", "KWD", 19)]
    [InlineData("-12345678901234567.89", "SGD", 19)]
    [InlineData("123456789012345678901234567890", "JPY", 30)]
    public void TryParse_MoreThanEighteenSignificantDigits_RejectsWithAm09(string text, string code, int digits)
    {
        var parsed = Money.TryParse(text, Currency.FromCode(code), AmountRules.AllowNegative, out _, out var failure);

        Assert.False(parsed);
        Assert.Equal(
            new ParseFailure(StatusReasonCode.AM09, $"an amount has at most 18 significant digits (ISO 20022 totalDigits); got {digits}"),
            failure);
    }

    [Fact]
    public void TryParse_SmallFractionOfKwd_CountsOnlySignificantDigits()
    {
        // ISO totalDigits counts 0.001 as one digit, so the zeros after the point must not push it over the limit.
        var parsed = Money.TryParse("0.001", Currency.KWD, AmountRules.None, out var sut, out _);

        Assert.True(parsed);
        Assert.Equal(1, sut.AmountMinor);
    }

    [Fact]
    public void TryParse_LeadingZerosBeyondEighteenDigits_AreNotCounted()
    {
        var parsed = Money.TryParse("0000000000000000000001.00", Currency.SGD, AmountRules.None, out var sut, out _);

        Assert.True(parsed);
        Assert.Equal(100, sut.AmountMinor);
    }

    [Fact]
    public void TryParse_EighteenDigitsThatOverflowMinorUnits_RejectsWithAm09()
    {
        // 17 integer digits are valid ISO 20022, but in cents they need 19 digits, more than the switch holds.
        var parsed = Money.TryParse("12345678901234567", Currency.SGD, AmountRules.None, out _, out var failure);

        Assert.False(parsed);
        Assert.Equal(
            new ParseFailure(
                StatusReasonCode.AM09,
                "amount is too large: it has 19 digits in SGD minor units; at most 18 are allowed (9999999999999999.99 SGD)"),
            failure);
    }

    [Fact]
    public void TryParse_HugeDigitString_RejectsWithoutThrowing()
    {
        var text = new string('9', 100_000);

        var parsed = Money.TryParse(text, Currency.SGD, AmountRules.None, out _, out var failure);

        Assert.False(parsed);
        Assert.Equal(StatusReasonCode.AM09, failure.Reason);
        Assert.EndsWith("got 100000", failure.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("-0")]
    [InlineData("+0.000")]
    [InlineData(".0")]
    public void TryParse_ZeroWithoutAllowZero_RejectsWithAm01(string text)
    {
        var parsed = Money.TryParse(text, Currency.SGD, AmountRules.None, out _, out var failure);

        Assert.False(parsed);
        Assert.Equal(new ParseFailure(StatusReasonCode.AM01, "amount must not be zero"), failure);
    }

    [Fact]
    public void TryParse_ZeroWithAllowZero_ReturnsZero()
    {
        var parsed = Money.TryParse("0.00", Currency.SGD, AmountRules.AllowZero, out var sut, out _);

        Assert.True(parsed);
        Assert.True(sut.IsZero);
        Assert.Equal(Currency.SGD, sut.Currency);
    }

    [Fact]
    public void TryParse_NegativeWithoutAllowNegative_RejectsWithAm09()
    {
        var parsed = Money.TryParse("-5", Currency.SGD, AmountRules.AllowZero, out _, out var failure);

        Assert.False(parsed);
        Assert.Equal(new ParseFailure(StatusReasonCode.AM09, "amount must not be negative; got '-5'"), failure);
    }

    [Fact]
    public void TryParse_NegativeWithAllowNegative_ReturnsNegativeMinorUnits()
    {
        var parsed = Money.TryParse("-5", Currency.SGD, AmountRules.AllowNegative, out var sut, out _);

        Assert.True(parsed);
        Assert.Equal(-500, sut.AmountMinor);
        Assert.True(sut.IsNegative);
    }

    [Fact]
    public void TryParse_NegativeZeroWithAllowNegativeOnly_RejectsAsZero()
    {
        var parsed = Money.TryParse("-0.00", Currency.SGD, AmountRules.AllowNegative, out _, out var failure);

        Assert.False(parsed);
        Assert.Equal(StatusReasonCode.AM01, failure.Reason);
    }

    [Theory]
    [InlineData("1e5", "amount '1e5' is not an xs:decimal: unexpected character 'e' at position 1")]
    [InlineData("1E5", "amount '1E5' is not an xs:decimal: unexpected character 'E' at position 1")]
    [InlineData("1,000.00", "amount '1,000.00' is not an xs:decimal: unexpected character ',' at position 1")]
    [InlineData("1 000", "amount '1 000' is not an xs:decimal: unexpected character ' ' at position 1")]
    [InlineData("--1", "amount '--1' is not an xs:decimal: unexpected character '-' at position 1")]
    [InlineData("1.2.3", "amount '1.2.3' is not an xs:decimal: unexpected character '.' at position 3")]
    [InlineData("12,50", "amount '12,50' is not an xs:decimal: unexpected character ',' at position 2")]
    [InlineData("$12", "amount '$12' is not an xs:decimal: unexpected character '$' at position 0")]
    [InlineData("NaN", "amount 'NaN' is not an xs:decimal: unexpected character 'N' at position 0")]
    [InlineData("١٢", "amount '١٢' is not an xs:decimal: unexpected character '١' at position 0")]
    [InlineData("1\u00a0", "amount '1\u00a0' is not an xs:decimal: unexpected character '\u00a0' at position 1")]
    [InlineData(".", "amount '.' is not an xs:decimal: it has no digits")]
    [InlineData("+", "amount '+' is not an xs:decimal: it has no digits")]
    [InlineData("-.", "amount '-.' is not an xs:decimal: it has no digits")]
    [InlineData("", "amount is empty; an xs:decimal needs at least one digit")]
    [InlineData(" \t\r\n", "amount is empty; an xs:decimal needs at least one digit")]
    public void TryParse_NotADecimal_RejectsWithFf01(string text, string rule)
    {
        var parsed = Money.TryParse(text, Currency.SGD, AmountRules.AllowZero | AmountRules.AllowNegative, out _, out var failure);

        Assert.False(parsed);
        Assert.Equal(new ParseFailure(StatusReasonCode.FF01, rule), failure);
    }

    [Fact]
    public void TryParse_HugeNonDecimal_QuotesOnlyTheStartInTheRule()
    {
        var text = "x" + new string('1', 10_000);

        var parsed = Money.TryParse(text, Currency.SGD, AmountRules.None, out _, out var failure);

        Assert.False(parsed);
        Assert.Equal(StatusReasonCode.FF01, failure.Reason);
        Assert.True(failure.Rule.Length < 200, failure.Rule);
    }

    [Fact]
    public void TryParse_DefaultCurrency_RejectsWithAm03()
    {
        var parsed = Money.TryParse("1.00", default, AmountRules.None, out _, out var failure);

        Assert.False(parsed);
        Assert.Equal(StatusReasonCode.AM03, failure.Reason);
    }

    [Theory]
    [InlineData(123450, "SGD", "1234.50")]
    [InlineData(1500, "JPY", "1500")]
    [InlineData(125, "KWD", "0.125")]
    [InlineData(-100, "SGD", "-1.00")]
    [InlineData(5, "SGD", "0.05")]
    [InlineData(0, "SGD", "0.00")]
    [InlineData(0, "JPY", "0")]
    [InlineData(1, "CLF", "0.0001")]
    [InlineData(-1, "KWD", "-0.001")]
    [InlineData(999999999999999999, "SGD", "9999999999999999.99")]
    [InlineData(long.MaxValue, "SGD", "92233720368547758.07")]
    [InlineData(long.MinValue, "SGD", "-92233720368547758.08")]
    [InlineData(long.MinValue, "JPY", "-9223372036854775808")]
    public void ToIsoString_Amount_HasExactlyMinorUnitsDecimals(long amountMinor, string code, string expected)
    {
        var sut = new Money(amountMinor, Currency.FromCode(code));

        Assert.Equal(expected, sut.ToIsoString());
    }

    [Fact]
    public void TryFormat_ExactBuffer_WritesAllCharacters()
    {
        var sut = new Money(123450, Currency.SGD);
        Span<char> buffer = stackalloc char[7];

        var formatted = sut.TryFormat(buffer, out var written);

        Assert.True(formatted);
        Assert.Equal(7, written);
        Assert.Equal("1234.50", buffer.ToString());
    }

    [Fact]
    public void TryFormat_BufferOneTooShort_ReturnsFalseAndWritesNothing()
    {
        var sut = new Money(123450, Currency.SGD);
        Span<char> buffer = stackalloc char[6];
        buffer.Fill('#');

        var formatted = sut.TryFormat(buffer, out var written);

        Assert.False(formatted);
        Assert.Equal(0, written);
        Assert.Equal("######", buffer.ToString());
    }

    [Fact]
    public void ToString_Amount_AppendsCurrencyCode()
    {
        Assert.Equal("1234.50 SGD", new Money(123450, Currency.SGD).ToString());
        Assert.Equal("-1500 JPY", new Money(-1500, Currency.JPY).ToString());
    }

    [Theory]
    [InlineData("1234.5", "SGD", 123450)]
    [InlineData("1234.50", "SGD", 123450)]
    [InlineData("1500", "JPY", 1500)]
    [InlineData("0.125", "KWD", 125)]
    [InlineData("-2.5", "SGD", -250)]
    public void FromMajor_ExactAmount_ReturnsMinorUnits(string major, string code, long expectedMinor)
    {
        var sut = Money.FromMajor(decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture), Currency.FromCode(code));

        Assert.Equal(expectedMinor, sut.AmountMinor);
    }

    [Theory]
    [InlineData("1.005", "SGD")]
    [InlineData("1.5", "JPY")]
    [InlineData("0.0001", "KWD")]
    [InlineData("100000000000000000000", "SGD")]
    [InlineData("79228162514264337593543950335", "SGD")]
    public void FromMajor_NotExactOrTooLarge_ThrowsArgumentException(string major, string code)
    {
        var value = decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Throws<ArgumentException>(() => Money.FromMajor(value, Currency.FromCode(code)));
    }

    [Fact]
    public void Add_SameCurrency_SumsMinorUnits()
    {
        var sut = new Money(150, Currency.SGD);

        Assert.Equal(new Money(175, Currency.SGD), sut.Add(new Money(25, Currency.SGD)));
        Assert.Equal(new Money(125, Currency.SGD), sut.Subtract(new Money(25, Currency.SGD)));
        Assert.Equal(new Money(-50, Currency.SGD), new Money(25, Currency.SGD).Subtract(new Money(75, Currency.SGD)));
    }

    [Fact]
    public void Add_DifferentCurrency_ThrowsInvalidOperation()
    {
        var sut = new Money(100, Currency.SGD);

        var error = Assert.Throws<InvalidOperationException>(() => sut.Add(new Money(100, Currency.MYR)));
        Assert.Throws<InvalidOperationException>(() => sut.Subtract(new Money(100, Currency.THB)));
        Assert.Contains("SGD", error.Message, StringComparison.Ordinal);
        Assert.Contains("MYR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_Overflow_ThrowsOverflow()
    {
        var sut = new Money(long.MaxValue, Currency.JPY);

        Assert.Throws<OverflowException>(() => sut.Add(new Money(1, Currency.JPY)));
        Assert.Throws<OverflowException>(() => new Money(long.MinValue, Currency.JPY).Subtract(new Money(1, Currency.JPY)));
    }

    [Fact]
    public void IsZeroAndIsNegative_ReflectTheSign()
    {
        Assert.True(new Money(0, Currency.SGD).IsZero);
        Assert.False(new Money(1, Currency.SGD).IsZero);
        Assert.True(new Money(-1, Currency.SGD).IsNegative);
        Assert.False(new Money(0, Currency.SGD).IsNegative);
    }

    [Fact]
    public void Equality_SameMinorUnitsDifferentCurrency_AreNotEqual()
    {
        Assert.NotEqual(new Money(100, Currency.SGD), new Money(100, Currency.USD));
    }
}
