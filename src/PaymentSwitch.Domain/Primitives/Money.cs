using System.Globalization;

namespace PaymentSwitch.Domain;

/// <summary>Which amounts <see cref="Money.TryParse"/> accepts besides strictly positive ones.</summary>
[Flags]
public enum AmountRules
{
    /// <summary>Only strictly positive amounts, as ISO 20022 requires for <c>IntrBkSttlmAmt</c> and <c>InstdAmt</c>.</summary>
    None = 0,

    /// <summary>Zero is accepted (for example a fee or charge amount).</summary>
    AllowZero = 1,

    /// <summary>Negative amounts are accepted (for example a net position in a settlement report).</summary>
    AllowNegative = 2,
}

/// <summary>
/// An exact amount of money: a whole number of the currency's minor units (cents for SGD, yen for JPY, fils for KWD).
/// </summary>
/// <param name="AmountMinor">The amount in minor units; 1234.50 SGD is 123450.</param>
/// <param name="Currency">The currency, which fixes how many minor units make one major unit.</param>
/// <remarks>
/// Amounts travel in ISO 20022 as <c>ActiveCurrencyAndAmount</c>: an <c>xs:decimal</c> with at most 18 total digits
/// and a <c>Ccy</c> attribute. Parsing and formatting never go through binary floating point.
/// </remarks>
public readonly record struct Money(long AmountMinor, Currency Currency)
{
    /// <summary>The largest number of significant digits an ISO 20022 <c>ActiveCurrencyAndAmount</c> may have (its <c>totalDigits</c> facet).</summary>
    public const int MaxTotalDigits = 18;

    /// <summary>
    /// The largest magnitude, in minor units, that <see cref="TryParse"/> accepts: 18 nines.
    /// Any such amount formats to at most <see cref="MaxTotalDigits"/> digits, so everything parsed can be sent on again.
    /// </summary>
    public const long MaxAmountMinor = 999_999_999_999_999_999;

    // One more than the longest text TryFormat can write: a sign, 19 digits of long.MinValue, a point and leading zeros.
    private const int MaxFormattedChars = 32;

    private static readonly long[] PowersOfTen = [1, 10, 100, 1_000, 10_000];

    /// <summary>Whether the amount is zero.</summary>
    public bool IsZero => AmountMinor == 0;

    /// <summary>Whether the amount is below zero.</summary>
    public bool IsNegative => AmountMinor < 0;

    /// <summary>
    /// Parses an ISO 20022 amount text (the <c>xs:decimal</c> lexical form) in the given currency, without allocating on success
    /// and without ever throwing.
    /// </summary>
    /// <param name="text">
    /// The element text: an optional '+' or '-', digits with an optional '.' (".5" and "5." are valid <c>xs:decimal</c>),
    /// surrounded by optional XML whitespace. Exponents, thousands separators and other characters are rejected.
    /// </param>
    /// <param name="currency">The currency from the <c>Ccy</c> attribute.</param>
    /// <param name="rules">Whether zero and negative amounts are allowed.</param>
    /// <param name="money">The amount on success; <c>default</c> otherwise.</param>
    /// <param name="failure">On failure, the reason and rule; <c>default</c> on success.</param>
    /// <returns><c>true</c> if the text is a valid amount in the currency under the rules.</returns>
    /// <remarks>
    /// <para>Rejections: not a decimal (FF01); more significant decimal places than the currency's minor unit (AM09);
    /// more than 18 significant digits, or more than 18 digits in minor units (AM09); a negative amount unless
    /// <see cref="AmountRules.AllowNegative"/> (AM09, because the schema type is non-negative, so a negative amount is a
    /// wrong amount rather than a format error); zero unless <see cref="AmountRules.AllowZero"/> (AM01).</para>
    /// <para>Trailing zeros in the fraction are accepted even beyond the minor unit ("10.500" SGD is 10.50 SGD), because
    /// the XML Schema <c>fractionDigits</c> and <c>totalDigits</c> facets constrain the value, not its spelling,
    /// and the value is still exact in minor units. Leading zeros are likewise not counted.</para>
    /// </remarks>
    public static bool TryParse(ReadOnlySpan<char> text, Currency currency, AmountRules rules, out Money money, out ParseFailure failure)
    {
        money = default;
        var trimmed = TrimXmlWhitespace(text);
        if (trimmed.IsEmpty)
        {
            failure = new ParseFailure(StatusReasonCode.FF01, "amount is empty; an xs:decimal needs at least one digit");
            return false;
        }

        if (currency.Code.Length == 0)
        {
            failure = new ParseFailure(StatusReasonCode.AM03, "amount has no currency");
            return false;
        }

        // Split the text into sign, integer digits and fraction digits, checking the xs:decimal lexical form.
        var position = 0;
        var negative = false;
        if (trimmed[0] is '+' or '-')
        {
            negative = trimmed[0] == '-';
            position = 1;
        }

        var integerStart = position;
        while (position < trimmed.Length && char.IsAsciiDigit(trimmed[position]))
        {
            position++;
        }

        var integerDigits = trimmed[integerStart..position];
        var fractionDigits = ReadOnlySpan<char>.Empty;
        if (position < trimmed.Length && trimmed[position] == '.')
        {
            var fractionStart = ++position;
            while (position < trimmed.Length && char.IsAsciiDigit(trimmed[position]))
            {
                position++;
            }

            fractionDigits = trimmed[fractionStart..position];
        }

        if (position < trimmed.Length)
        {
            failure = new ParseFailure(
                StatusReasonCode.FF01,
                string.Create(CultureInfo.InvariantCulture, $"amount '{TextForRule.Quote(trimmed)}' is not an xs:decimal: unexpected character '{trimmed[position]}' at position {position}"));
            return false;
        }

        if (integerDigits.IsEmpty && fractionDigits.IsEmpty)
        {
            failure = new ParseFailure(
                StatusReasonCode.FF01,
                $"amount '{TextForRule.Quote(trimmed)}' is not an xs:decimal: it has no digits");
            return false;
        }

        // Leading zeros of the integer part and trailing zeros of the fraction do not change the value, so they are not counted.
        integerDigits = integerDigits.TrimStart('0');
        fractionDigits = fractionDigits.TrimEnd('0');
        var minorUnits = currency.MinorUnits;
        if (fractionDigits.Length > minorUnits)
        {
            failure = new ParseFailure(
                StatusReasonCode.AM09,
                string.Create(CultureInfo.InvariantCulture, $"{currency.Code} allows at most {minorUnits} decimal places; got {fractionDigits.Length}"));
            return false;
        }

        // ISO 20022 totalDigits counts the digits of the value written as an integer times a power of ten,
        // so zeros between the point and the first significant fraction digit of a value below one do not count.
        var significantDigits = integerDigits.IsEmpty
            ? fractionDigits.TrimStart('0').Length
            : integerDigits.Length + fractionDigits.Length;
        if (significantDigits > MaxTotalDigits)
        {
            failure = new ParseFailure(
                StatusReasonCode.AM09,
                string.Create(CultureInfo.InvariantCulture, $"an amount has at most {MaxTotalDigits} significant digits (ISO 20022 totalDigits); got {significantDigits}"));
            return false;
        }

        // The integer part holds at most 18 digits here, so the first check stops accumulation before a ulong could overflow.
        var integerMinorDigits = integerDigits.Length + minorUnits;
        if (integerDigits.Length > 0 && integerMinorDigits > MaxTotalDigits)
        {
            failure = TooLarge(currency, integerMinorDigits);
            return false;
        }

        ulong magnitude = 0;
        foreach (var digit in integerDigits)
        {
            magnitude = (magnitude * 10) + (uint)(digit - '0');
        }

        for (var i = 0; i < minorUnits; i++)
        {
            var digit = i < fractionDigits.Length ? (uint)(fractionDigits[i] - '0') : 0u;
            magnitude = (magnitude * 10) + digit;
        }

        if (negative && magnitude != 0 && (rules & AmountRules.AllowNegative) == 0)
        {
            failure = new ParseFailure(
                StatusReasonCode.AM09,
                $"amount must not be negative; got '{TextForRule.Quote(trimmed)}'");
            return false;
        }

        if (magnitude == 0 && (rules & AmountRules.AllowZero) == 0)
        {
            failure = new ParseFailure(StatusReasonCode.AM01, "amount must not be zero");
            return false;
        }

        var amountMinor = (long)magnitude;
        money = new Money(negative ? -amountMinor : amountMinor, currency);
        failure = default;
        return true;
    }

    /// <summary>
    /// Writes the amount in invariant ISO 20022 form with exactly <c>Currency.MinorUnits</c> decimals
    /// ("1234.50" SGD, "1500" JPY, "0.125" KWD, "-1.00"), without allocating.
    /// </summary>
    /// <returns><c>false</c> if <paramref name="destination"/> is too short; nothing useful is written then.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        charsWritten = 0;
        var minorUnits = Currency.MinorUnits;

        // The magnitude is computed in ulong so that long.MinValue, which has no positive long counterpart, still formats.
        var magnitude = AmountMinor < 0 ? (ulong)(-(AmountMinor + 1)) + 1 : (ulong)AmountMinor;
        var digitCount = CountDigits(magnitude);

        // At least one integer digit is written, so 5 minor units of SGD formats as "0.05".
        var integerDigitCount = Math.Max(digitCount - minorUnits, 1);
        var length = (AmountMinor < 0 ? 1 : 0) + integerDigitCount + (minorUnits > 0 ? 1 + minorUnits : 0);
        if (destination.Length < length)
        {
            return false;
        }

        var position = length;
        for (var i = 0; i < minorUnits; i++)
        {
            destination[--position] = (char)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        }

        if (minorUnits > 0)
        {
            destination[--position] = '.';
        }

        for (var i = 0; i < integerDigitCount; i++)
        {
            destination[--position] = (char)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        }

        if (AmountMinor < 0)
        {
            destination[--position] = '-';
        }

        charsWritten = length;
        return true;
    }

    /// <summary>Returns the invariant ISO 20022 amount text, for example "1234.50"; see <see cref="TryFormat"/>.</summary>
    public string ToIsoString()
    {
        Span<char> buffer = stackalloc char[MaxFormattedChars];
        var formatted = TryFormat(buffer, out var written);
        Invariant.Assert(formatted, "A money amount always fits in 32 characters.");
        return new string(buffer[..written]);
    }

    /// <summary>
    /// Creates an amount from a decimal number of major units; for examples and tests only, never for wire input.
    /// </summary>
    /// <exception cref="ArgumentException">The amount is not a whole number of minor units, or does not fit in a <see cref="long"/>.</exception>
    public static Money FromMajor(decimal major, Currency currency)
    {
        if (currency.Code.Length == 0)
        {
            ThrowHelper.Argument(nameof(currency), "The currency is the default value, not a listed currency.");
        }

        decimal scaled;
        try
        {
            scaled = major * PowersOfTen[currency.MinorUnits];
        }
        catch (OverflowException)
        {
            throw new ArgumentException($"{major.ToString(CultureInfo.InvariantCulture)} {currency.Code} is too large.", nameof(major));
        }

        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue)
        {
            ThrowHelper.Argument(
                nameof(major),
                string.Create(CultureInfo.InvariantCulture, $"{major} {currency.Code} is not a whole number of minor units that fits in 64 bits ({currency.Code} has {currency.MinorUnits} decimal places)."));
        }

        return new Money(decimal.ToInt64(scaled), currency);
    }

    /// <summary>Adds two amounts of the same currency.</summary>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    /// <exception cref="OverflowException">The sum does not fit in a <see cref="long"/>.</exception>
    public Money Add(Money other)
    {
        RequireSameCurrency(other);
        return this with { AmountMinor = checked(AmountMinor + other.AmountMinor) };
    }

    /// <summary>Subtracts an amount of the same currency.</summary>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    /// <exception cref="OverflowException">The difference does not fit in a <see cref="long"/>.</exception>
    public Money Subtract(Money other)
    {
        RequireSameCurrency(other);
        return this with { AmountMinor = checked(AmountMinor - other.AmountMinor) };
    }

    /// <summary>Returns the amount and currency code, for example "1234.50 SGD".</summary>
    public override string ToString() => $"{ToIsoString()} {Currency.Code}";

    private void RequireSameCurrency(Money other)
    {
        // Mixing currencies is a programmer error: FX goes through an explicit conversion, never through arithmetic.
        if (Currency != other.Currency)
        {
            throw new InvalidOperationException($"Cannot combine {Currency.Code} and {other.Currency.Code} amounts.");
        }
    }

    private static ParseFailure TooLarge(Currency currency, int minorDigits) => new(
        StatusReasonCode.AM09,
        string.Create(
            CultureInfo.InvariantCulture,
            $"amount is too large: it has {minorDigits} digits in {currency.Code} minor units; at most {MaxTotalDigits} are allowed ({new Money(MaxAmountMinor, currency).ToIsoString()} {currency.Code})"));

    private static ReadOnlySpan<char> TrimXmlWhitespace(ReadOnlySpan<char> text) => text.Trim(" \t\r\n");

    private static int CountDigits(ulong value)
    {
        var count = 1;
        while (value >= 10)
        {
            value /= 10;
            count++;
        }

        return count;
    }
}
