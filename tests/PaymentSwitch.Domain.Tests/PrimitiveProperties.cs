using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace PaymentSwitch.Domain.Tests;

/// <summary>An amount within the 18 digits the switch accepts, in any listed currency.</summary>
public sealed record MoneyCase(Currency Currency, long AmountMinor)
{
    public override string ToString() => $"{AmountMinor} minor units of {Currency.Code} (exponent {Currency.MinorUnits})";
}

/// <summary>A registry country and a random BBAN of the right length.</summary>
public sealed record BbanCase(CountryCode Country, string Bban);

public static class PrimitiveArbitraries
{
    private const string UpperAlphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // Amounts are built digit by digit so every magnitude from 1 to 18 digits is equally likely; a uniform long would
    // almost always have 18 or 19 digits and never exercise short amounts.
    private static Gen<long> Magnitude() =>
        Gen.Choose(1, Money.MaxTotalDigits)
            .SelectMany(static length => Gen.ArrayOf(Gen.Choose(0, 9), length))
            .Select(static digits => digits.Aggregate(0L, static (acc, d) => (acc * 10) + d));

    public static Arbitrary<MoneyCase> MoneyCases() =>
        (from currency in Gen.Elements(Currency.All.ToArray())
         from magnitude in Magnitude()
         from negative in Gen.Elements(false, true)
         select new MoneyCase(currency, negative ? -magnitude : magnitude)).ToArbitrary();

    public static Arbitrary<BbanCase> BbanCases() =>
        (from entry in Gen.Elements(IbanRegistry.Entries.ToArray())
         from chars in Gen.ArrayOf(Gen.Elements(UpperAlphanumerics.ToCharArray()), entry.Value - 4)
         select new BbanCase(CountryCode.Parse(entry.Key), new string(chars))).ToArbitrary();
}

[Properties(Arbitrary = [typeof(PrimitiveArbitraries)])]
public sealed class PrimitiveProperties
{
    private const AmountRules AnySign = AmountRules.AllowZero | AmountRules.AllowNegative;

    [Property(MaxTest = 1000)]
    public void Money_FormatThenParse_RoundTripsForEveryCurrency(MoneyCase sample)
    {
        var sut = new Money(sample.AmountMinor, sample.Currency);
        var text = sut.ToIsoString();

        var parsed = Money.TryParse(text, sample.Currency, AnySign, out var back, out var failure);

        Assert.True(parsed, $"'{text}': {failure}");
        Assert.Equal(sut, back);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        Assert.Equal(sample.Currency.MinorUnits, dot < 0 ? 0 : text.Length - dot - 1);
    }

    [Property(MaxTest = 1000)]
    public void Money_OneDecimalTooMany_IsRejectedWithAm09(MoneyCase sample, PositiveInt extraDigit)
    {
        var currency = sample.Currency;
        var digit = (char)('1' + (extraDigit.Get % 9));
        var formatted = new Money(sample.AmountMinor, currency).ToIsoString();
        var text = currency.MinorUnits == 0 ? $"{formatted}.{digit}" : formatted + digit;

        var parsed = Money.TryParse(text, currency, AnySign, out _, out var failure);

        Assert.False(parsed, text);
        Assert.Equal(
            new ParseFailure(
                StatusReasonCode.AM09,
                $"{currency.Code} allows at most {currency.MinorUnits} decimal places; got {currency.MinorUnits + 1}"),
            failure);
    }

    [Property(MaxTest = 500)]
    public void Money_TrailingZerosAfterTheExponent_DoNotChangeTheValue(MoneyCase sample, PositiveInt zeros)
    {
        var sut = new Money(sample.AmountMinor, sample.Currency);
        var formatted = sut.ToIsoString();
        var text = (sample.Currency.MinorUnits == 0 ? formatted + "." : formatted) + new string('0', 1 + (zeros.Get % 10));

        var parsed = Money.TryParse(text, sample.Currency, AnySign, out var back, out var failure);

        Assert.True(parsed, $"'{text}': {failure}");
        Assert.Equal(sut, back);
    }

    [Property(MaxTest = 1000)]
    public void Money_TryParseArbitraryText_NeverThrowsAndExplainsEveryRejection(string? text, MoneyCase sample)
    {
        var parsed = Money.TryParse(text, sample.Currency, AmountRules.None, out var sut, out var failure);

        if (parsed)
        {
            Assert.True(sut.AmountMinor > 0);
            Assert.Equal(default, failure);
        }
        else
        {
            Assert.Contains(failure.Reason, new[] { StatusReasonCode.FF01, StatusReasonCode.AM09, StatusReasonCode.AM01 });
            Assert.False(string.IsNullOrWhiteSpace(failure.Rule));
        }
    }

    [Property(MaxTest = 500)]
    public void Iban_Create_AlwaysParses(BbanCase sample)
    {
        var sut = Iban.Create(sample.Country, sample.Bban);

        var parsed = Iban.TryParse(sut.Value, out var back, out var failure);

        Assert.True(parsed, $"{sut.Value}: {failure}");
        Assert.Equal(sut, back);
        Assert.Equal(sample.Country, back.Country);
        Assert.Equal(sample.Bban, back.Bban);
        Assert.InRange(int.Parse(back.CheckDigits, System.Globalization.CultureInfo.InvariantCulture), 2, 98);
    }

    [Property(MaxTest = 500)]
    public void Iban_SingleCharacterSubstitution_IsDetected(BbanCase sample, PositiveInt position, PositiveInt shift)
    {
        // ISO 7064 MOD 97-10 detects every substitution of one digit by another digit or one letter by another letter.
        var valid = Iban.Create(sample.Country, sample.Bban).Value;
        var index = 2 + (position.Get % (valid.Length - 2));
        var original = valid[index];
        var replacement = char.IsAsciiDigit(original)
            ? (char)('0' + ((original - '0' + 1 + (shift.Get % 9)) % 10))
            : (char)('A' + ((original - 'A' + 1 + (shift.Get % 25)) % 26));
        var corrupted = string.Concat(valid.AsSpan(0, index), [replacement], valid.AsSpan(index + 1));

        var parsed = Iban.TryParse(corrupted, out _, out var failure);

        Assert.False(parsed, $"{valid} -> {corrupted}");
        Assert.Equal(new ParseFailure(StatusReasonCode.AC01, "IBAN check digits do not verify (mod 97)"), failure);
    }

    [Property(MaxTest = 500)]
    public void Uetr_AnyVersion4Guid_FormatsAndParsesBack(Guid random)
    {
        // Force the version and variant bits so that every generated GUID is a valid UUIDv4.
        Span<byte> bytes = stackalloc byte[16];
        random.TryWriteBytes(bytes, bigEndian: true, out _);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var guid = new Guid(bytes, bigEndian: true);

        var sut = Uetr.FromGuid(guid);

        Assert.Equal(guid, Uetr.Parse(sut.ToString()).Value);
        Assert.Matches("^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$", sut.ToString());
    }

    [Property(MaxTest = 1000)]
    public void Identifiers_TryParseArbitraryText_NeverThrow(string? text)
    {
        Assert.Equal(Bic.TryParse(text, out _, out var bicFailure), bicFailure == default);
        Assert.Equal(Iban.TryParse(text, out _, out var ibanFailure), ibanFailure == default);
        Assert.Equal(Lei.TryParse(text, out _, out var leiFailure), leiFailure == default);
        Assert.Equal(Uetr.TryParse(text, out _, out var uetrFailure), uetrFailure == default);
        Assert.Equal(CountryCode.TryParse(text, out _, out var countryFailure), countryFailure == default);
        _ = Currency.TryFromCode(text, out _);
        _ = StatusReasons.TryParse(text, out _);
        _ = TransactionStatuses.TryParse(text, out _);
    }
}
