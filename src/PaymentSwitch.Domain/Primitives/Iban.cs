using System.Collections.Frozen;
using System.Globalization;

namespace PaymentSwitch.Domain;

/// <summary>
/// An international bank account number (ISO 13616), as the ISO 20022 <c>IBAN2007Identifier</c> in <c>Acct/Id/IBAN</c>:
/// a country code, two check digits and a country-specific BBAN, in electronic format (no spaces, upper case).
/// </summary>
/// <remarks>
/// <para>Checks, in order: characters, country code, the length the SWIFT IBAN registry sets for that country, and the
/// MOD 97-10 check digits. The BBAN's internal structure (bank code, branch, national check digits) is not checked.</para>
/// <para>The XML schema pattern <c>[A-Z]{2,2}[0-9]{2,2}[a-zA-Z0-9]{1,30}</c> admits lower-case letters in the BBAN,
/// but ISO 13616 prints and transmits the electronic format in upper case, and the registry formats use upper-case
/// letters, so lower case is rejected here rather than silently normalised: a switch must forward identifiers unchanged.</para>
/// <para><c>default(Iban)</c> has an empty <see cref="Value"/> and is not a valid IBAN.</para>
/// </remarks>
public readonly record struct Iban
{
    /// <summary>The longest IBAN any country uses (ISO 13616: two letters, two digits and up to 30 characters).</summary>
    public const int MaxLength = 34;

    private readonly string? _value;

    private Iban(string value) => _value = value;

    /// <summary>The IBAN in electronic format, for example <c>"GB82WEST12345698765432"</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The country code in the first two characters.</summary>
    public CountryCode Country
    {
        get
        {
            var parsed = CountryCode.TryParse(Value.AsSpan(0, 2), out var country);
            Invariant.Assert(parsed, "A parsed IBAN holds an assigned country code.");
            return country;
        }
    }

    /// <summary>The two check digits, characters 3 and 4.</summary>
    public string CheckDigits => Value.Substring(2, 2);

    /// <summary>The basic bank account number: everything after the check digits.</summary>
    public string Bban => Value[4..];

    /// <summary>Parses an IBAN in electronic format; never throws. On failure the reason is AC01 (incorrect account number).</summary>
    /// <param name="text">The candidate, exactly as on the wire.</param>
    /// <param name="iban">The IBAN on success; <c>default</c> otherwise.</param>
    /// <param name="failure">Why parsing failed, or <c>default</c> on success.</param>
    public static bool TryParse(string? text, out Iban iban, out ParseFailure failure)
    {
        iban = default;
        if (text is null)
        {
            failure = new ParseFailure(StatusReasonCode.AC01, "IBAN is missing");
            return false;
        }

        if (text.Length is < 5 or > MaxLength)
        {
            failure = new ParseFailure(StatusReasonCode.AC01, $"IBAN must be 5 to {MaxLength} characters long; got {text.Length}");
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var valid = i switch
            {
                < 2 => char.IsAsciiLetterUpper(c),
                < 4 => char.IsAsciiDigit(c),
                _ => Mod97.IsUpperAlphanumeric(c),
            };
            if (!valid)
            {
                var expected = i switch
                {
                    < 2 => "an upper-case letter A-Z (country code)",
                    < 4 => "a digit 0-9 (check digits)",
                    _ => "an upper-case letter A-Z or a digit 0-9",
                };
                failure = new ParseFailure(StatusReasonCode.AC01, $"IBAN character {i + 1} must be {expected}; got '{c}'");
                return false;
            }
        }

        var countryText = text.AsSpan(0, 2);
        if (!IbanRegistry.Lengths.TryGetValue(countryText, out var expectedLength))
        {
            failure = new ParseFailure(
                StatusReasonCode.AC01,
                CountryCode.TryParse(countryText, out _)
                    ? $"IBAN country {countryText} does not use IBANs (not in the SWIFT IBAN registry)"
                    : $"IBAN country code '{countryText}' is not an assigned ISO 3166-1 code");
            return false;
        }

        if (text.Length != expectedLength)
        {
            failure = new ParseFailure(
                StatusReasonCode.AC01,
                string.Create(CultureInfo.InvariantCulture, $"an IBAN from {countryText} has {expectedLength} characters; got {text.Length}"));
            return false;
        }

        // ISO 13616 moves the country code and check digits to the end before taking the remainder.
        if (Mod97.Remainder(text.AsSpan(4), text.AsSpan(0, 4)) != 1)
        {
            failure = new ParseFailure(StatusReasonCode.AC01, "IBAN check digits do not verify (mod 97)");
            return false;
        }

        iban = new Iban(text);
        failure = default;
        return true;
    }

    /// <summary>Parses an IBAN and throws on bad input; for examples, tests and configuration, not for wire input.</summary>
    /// <exception cref="FormatException">The text is not a valid IBAN.</exception>
    public static Iban Parse(string text)
    {
        if (!TryParse(text, out var iban, out var failure))
        {
            ThrowHelper.Format(failure);
        }

        return iban;
    }

    /// <summary>
    /// Builds an IBAN from a country and a BBAN by computing the check digits; used by test-data generators.
    /// </summary>
    /// <param name="country">A country in the SWIFT IBAN registry.</param>
    /// <param name="bban">Upper-case letters and digits, exactly as long as the registry requires for the country (IBAN length minus 4).</param>
    /// <exception cref="ArgumentException">The country does not use IBANs, or the BBAN has the wrong characters or length.</exception>
    public static Iban Create(CountryCode country, string bban)
    {
        ArgumentNullException.ThrowIfNull(bban);
        if (!IbanRegistry.Lengths.TryGetValue(country.Value, out var length))
        {
            ThrowHelper.Argument(nameof(country), $"Country '{country.Value}' is not in the SWIFT IBAN registry.");
        }

        if (bban.Length != length - 4)
        {
            ThrowHelper.Argument(nameof(bban), $"A BBAN from {country.Value} has {length - 4} characters; got {bban.Length}.");
        }

        foreach (var c in bban)
        {
            if (!Mod97.IsUpperAlphanumeric(c))
            {
                ThrowHelper.Argument(nameof(bban), $"A BBAN holds only upper-case letters and digits; got '{c}'.");
            }
        }

        // The check digits make the rearranged number congruent to 1 modulo 97: check = 98 - (BBAN + country + "00") mod 97.
        var check = 98 - Mod97.Remainder(bban, string.Concat(country.Value, "00"));
        var value = string.Create(CultureInfo.InvariantCulture, $"{country.Value}{check:00}{bban}");
        return new Iban(value);
    }

    /// <summary>Returns <see cref="Value"/>.</summary>
    public override string ToString() => Value;
}

/// <summary>The IBAN length of each country in the SWIFT IBAN registry.</summary>
internal static class IbanRegistry
{
    // Lengths from the SWIFT IBAN registry. Territories that use another country's IBAN (for example French overseas
    // departments, Åland, the Crown Dependencies) issue IBANs with that country's code, so they do not appear separately.
    private static readonly FrozenDictionary<string, int> ByCountry = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28,
        ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22, ["BI"] = 27, ["BR"] = 29, ["BY"] = 28,
        ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24,
        ["DE"] = 22, ["DJ"] = 27, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24,
        ["FI"] = 18, ["FK"] = 18, ["FO"] = 18, ["FR"] = 27,
        ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["GT"] = 28,
        ["HN"] = 28, ["HR"] = 21, ["HU"] = 28,
        ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26, ["IT"] = 27,
        ["JO"] = 30,
        ["KW"] = 30, ["KZ"] = 20,
        ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["LY"] = 25,
        ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MN"] = 20, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30,
        ["NI"] = 28, ["NL"] = 18, ["NO"] = 15,
        ["OM"] = 23,
        ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25,
        ["QA"] = 29,
        ["RO"] = 24, ["RS"] = 22, ["RU"] = 33,
        ["SA"] = 24, ["SC"] = 31, ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23,
        ["ST"] = 25, ["SV"] = 28,
        ["TL"] = 23, ["TN"] = 24, ["TR"] = 26,
        ["UA"] = 29,
        ["VA"] = 22, ["VG"] = 24,
        ["XK"] = 20,
        ["YE"] = 30,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Span lookup of the registry length by country code.</summary>
    internal static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lengths =
        ByCountry.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The registry countries, for generators.</summary>
    internal static IEnumerable<KeyValuePair<string, int>> Entries => ByCountry;
}
