namespace PaymentSwitch.Domain;

/// <summary>The ISO 7064 MOD 97-10 check used by IBAN (ISO 13616) and LEI (ISO 17442).</summary>
internal static class Mod97
{
    /// <summary>
    /// Returns the remainder modulo 97 of the number formed by reading <paramref name="first"/> then <paramref name="second"/>,
    /// with each letter A to Z replaced by 10 to 35. Characters must already be validated as [A-Z0-9].
    /// </summary>
    internal static int Remainder(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
    {
        // The remainder is folded in one character at a time, so the number never needs more than an int.
        var remainder = Fold(0, first);
        return Fold(remainder, second);
    }

    private static int Fold(int remainder, ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            remainder = c <= '9'
                ? ((remainder * 10) + (c - '0')) % 97
                : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder;
    }

    internal static bool IsUpperAlphanumeric(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c);
}
