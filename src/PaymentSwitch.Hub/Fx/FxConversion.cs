using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.Fx;

/// <summary>
/// Exact currency conversion in ISO 4217 minor units (see <c>docs/fx-quotes.md</c>, "Rounding rule").
/// </summary>
/// <remarks>
/// <para>A rate is "units of destination currency per one unit of source currency" and must be in ISO 20022
/// <c>XchgRate</c> form (<c>BaseOneRate</c>: positive, at most 11 digits, at most 10 of them after the point). Then
/// <c>rate = R / 10^f</c> with integer <c>R &lt; 10^11</c> and <c>f ≤ 10</c>, and the exact destination amount is
/// <c>s × R × 10^(ed − es) / 10^f</c> for source amount <c>s</c> and exponents <c>es</c>, <c>ed</c>. That fraction is
/// evaluated in 128-bit integers (no binary floating point, no decimal rounding of intermediate products), so the only
/// rounding is the final one.</para>
/// <para><b>Source amount fixed</b>: the destination amount is the exact value rounded half to even (banker's rounding):
/// the error is at most half a destination minor unit, and ties do not favour either side on average.</para>
/// <para><b>Destination amount fixed</b>: the source amount is the smallest <c>s</c> whose conversion is at least the
/// fixed destination amount, so the creditor is never short and the sender never pays a whole minor unit too much.</para>
/// <para>Amounts are limited to <see cref="Money.MaxAmountMinor"/> (18 digits, the ISO 20022 <c>totalDigits</c>) and every
/// intermediate fits in <see cref="Int128"/> (at most about 10^34), so no input can overflow; out-of-range results
/// return <c>false</c>.</para>
/// </remarks>
public static class FxConversion
{
    /// <summary>The most digits an ISO 20022 <c>BaseOneRate</c> may have (its <c>totalDigits</c> facet).</summary>
    public const int RateMaxTotalDigits = 11;

    /// <summary>The most decimals an ISO 20022 <c>BaseOneRate</c> may have (its <c>fractionDigits</c> facet).</summary>
    public const int RateMaxFractionDigits = 10;

    private static readonly Int128[] PowersOfTen = BuildPowers();

    /// <summary>Whether <paramref name="rate"/> is positive and has at most 11 digits with at most 10 decimals.</summary>
    public static bool IsExchangeRateForm(decimal rate) => TryDecompose(rate, out _, out _);

    /// <summary>
    /// Rounds a positive rate toward zero to the most decimals the <c>XchgRate</c> form allows: 10 decimals below 10,
    /// otherwise <c>11 − integer digits</c>. Rounding toward zero means the quoted rate is never better for the sender
    /// than the FX provider's own sheet. Rates of 10^11 or more, and non-positive rates, are returned unchanged and fail
    /// <see cref="IsExchangeRateForm"/>.
    /// </summary>
    public static decimal ToExchangeRateForm(decimal rate)
    {
        if (rate <= 0m || rate >= 100_000_000_000m)
        {
            return rate;
        }

        var integerDigits = 0;
        for (var whole = decimal.Truncate(rate); whole >= 1m; whole = decimal.Truncate(whole / 10m))
        {
            integerDigits++;
        }

        var decimals = Math.Min(RateMaxFractionDigits, RateMaxTotalDigits - integerDigits);

        // Normalising removes trailing zeros, so equal rates compare and print the same whatever their scale.
        return Normalize(decimal.Round(rate, decimals, MidpointRounding.ToZero));
    }

    /// <summary>
    /// Converts a source amount at <paramref name="rate"/>, rounding half to even to a whole destination minor unit.
    /// </summary>
    /// <returns><c>false</c> if the rate is not in <c>XchgRate</c> form, the source amount is negative or above
    /// <see cref="Money.MaxAmountMinor"/>, or the result exceeds <see cref="Money.MaxAmountMinor"/>.</returns>
    public static bool TryConvert(Money source, decimal rate, Currency destination, out Money converted)
    {
        converted = default;
        if (!TryFraction(source.Currency, destination, rate, out var numerator, out var denominator)
            || source.AmountMinor < 0 || source.AmountMinor > Money.MaxAmountMinor)
        {
            return false;
        }

        var value = RoundHalfEven(source.AmountMinor * numerator, denominator);
        if (value > Money.MaxAmountMinor)
        {
            return false;
        }

        converted = new Money((long)value, destination);
        return true;
    }

    /// <summary>
    /// The smallest source amount whose conversion (by <see cref="TryConvert"/>) is at least <paramref name="destination"/>.
    /// </summary>
    /// <returns><c>false</c> if the rate is not in <c>XchgRate</c> form, the destination amount is not positive or above
    /// <see cref="Money.MaxAmountMinor"/>, or the source amount would exceed <see cref="Money.MaxAmountMinor"/>.</returns>
    public static bool TrySourceFor(Money destination, decimal rate, Currency source, out Money sourceAmount)
    {
        sourceAmount = default;
        if (!TryFraction(source, destination.Currency, rate, out var numerator, out var denominator)
            || destination.AmountMinor <= 0 || destination.AmountMinor > Money.MaxAmountMinor)
        {
            return false;
        }

        // round_half_even(s·N/D) ≥ d  ⇔  2·s·N > (2d − 1)·D, or 2·s·N = (2d − 1)·D and d is even (the tie rounds up to d).
        Int128 d = destination.AmountMinor;
        var threshold = ((2 * d) - 1) * denominator;
        var twiceNumerator = 2 * numerator;
        var s = threshold / twiceNumerator;
        var product = s * twiceNumerator;
        if (product < threshold || (product == threshold && !d.IsEven()))
        {
            s++;
        }

        if (s > Money.MaxAmountMinor)
        {
            return false;
        }

        sourceAmount = new Money((long)s, source);
        return true;
    }

    /// <summary>Removes trailing zeros from a decimal's scale without changing its value.</summary>
    internal static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    private static bool IsEven(this Int128 value) => (value & 1) == 0;

    // The conversion factor as an exact fraction N / D of integers: rate × 10^(ed − es) = R × 10^(max(0, ed − es)) / 10^(f + max(0, es − ed)).
    private static bool TryFraction(Currency source, Currency destination, decimal rate, out Int128 numerator, out Int128 denominator)
    {
        numerator = 0;
        denominator = 1;
        if (!TryDecompose(rate, out var mantissa, out var scale) || source.Code.Length == 0 || destination.Code.Length == 0)
        {
            return false;
        }

        var exponentShift = destination.MinorUnits - source.MinorUnits;
        numerator = mantissa * PowersOfTen[Math.Max(0, exponentShift)];
        denominator = PowersOfTen[scale + Math.Max(0, -exponentShift)];
        return true;
    }

    private static bool TryDecompose(decimal rate, out Int128 mantissa, out int scale)
    {
        mantissa = 0;
        scale = 0;
        if (rate <= 0m)
        {
            return false;
        }

        Span<int> bits = stackalloc int[4];
        decimal.GetBits(rate, bits);
        var raw = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        var rawScale = (bits[3] >> 16) & 0xFF;

        // Trailing zeros do not count as digits (1.50 is the same rate as 1.5).
        while (rawScale > 0 && raw % 10 == 0)
        {
            raw /= 10;
            rawScale--;
        }

        if (rawScale > RateMaxFractionDigits || raw >= PowersOfTen[RateMaxTotalDigits])
        {
            return false;
        }

        mantissa = raw;
        scale = rawScale;
        return true;
    }

    private static Int128 RoundHalfEven(Int128 numerator, Int128 denominator)
    {
        var quotient = Int128.DivRem(numerator, denominator);
        var twiceRemainder = 2 * quotient.Remainder;
        if (twiceRemainder > denominator || (twiceRemainder == denominator && !quotient.Quotient.IsEven()))
        {
            return quotient.Quotient + 1;
        }

        return quotient.Quotient;
    }

    private static Int128[] BuildPowers()
    {
        var powers = new Int128[20];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
