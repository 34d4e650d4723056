using System.Collections.Frozen;

namespace PaymentSwitch.Domain;

/// <summary>
/// An ISO 3166-1 alpha-2 country code, as used in BICs, IBANs and ISO 20022 <c>Ctry</c> elements
/// (pattern <c>[A-Z]{2,2}</c>, restricted here to assigned codes).
/// </summary>
/// <remarks>
/// The list holds the 249 officially assigned ISO 3166-1 codes plus <c>XK</c> (Kosovo). XK is a user-assigned code,
/// not an official one, but SWIFT uses it in BICs and the IBAN registry lists it, so a switch must accept it.
/// <c>default(CountryCode)</c> has an empty <see cref="Value"/> and is not a valid code.
/// </remarks>
public readonly record struct CountryCode
{
    private readonly string? _value;

    // Only the table creates instances, so every CountryCode holds a cached string from the assigned list.
    internal CountryCode(string value) => _value = value;

    /// <summary>The two upper-case letters, for example <c>"SG"</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Singapore.</summary>
    public static readonly CountryCode SG = Parse("SG");

    /// <summary>Thailand.</summary>
    public static readonly CountryCode TH = Parse("TH");

    /// <summary>Malaysia.</summary>
    public static readonly CountryCode MY = Parse("MY");

    /// <summary>Indonesia.</summary>
    public static readonly CountryCode ID = Parse("ID");

    /// <summary>The Philippines.</summary>
    public static readonly CountryCode PH = Parse("PH");

    /// <summary>Viet Nam.</summary>
    public static readonly CountryCode VN = Parse("VN");

    /// <summary>India.</summary>
    public static readonly CountryCode IN = Parse("IN");

    /// <summary>The United States of America.</summary>
    public static readonly CountryCode US = Parse("US");

    /// <summary>The United Kingdom.</summary>
    public static readonly CountryCode GB = Parse("GB");

    /// <summary>Every accepted code: the assigned ISO 3166-1 alpha-2 codes plus XK, in alphabetical order.</summary>
    public static IReadOnlyList<CountryCode> All => CountryCodeTable.All;

    /// <summary>Parses an assigned, upper-case ISO 3166-1 alpha-2 code; never throws.</summary>
    /// <param name="text">The candidate code.</param>
    /// <param name="country">The country on success; <c>default</c> otherwise.</param>
    /// <param name="failure">Why parsing failed (reason FF01), or <c>default</c> on success.</param>
    public static bool TryParse(string? text, out CountryCode country, out ParseFailure failure)
    {
        if (TryParse(text.AsSpan(), out country))
        {
            failure = default;
            return true;
        }

        failure = new ParseFailure(
            StatusReasonCode.FF01,
            text is null
                ? "country code is missing"
                : $"country code must be an assigned ISO 3166-1 alpha-2 code of two upper-case letters; got '{TextForRule.Quote(text)}'");
        return false;
    }

    /// <summary>Parses an assigned, upper-case ISO 3166-1 alpha-2 code without allocating; never throws.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out CountryCode country)
    {
        // The length check keeps hostile, huge inputs from being hashed.
        if (text.Length == 2 && CountryCodeTable.Lookup.TryGetValue(text, out var cached))
        {
            country = new CountryCode(cached);
            return true;
        }

        country = default;
        return false;
    }

    /// <summary>Parses a code and throws on bad input; for examples, tests and configuration, not for wire input.</summary>
    /// <exception cref="FormatException">The text is not an accepted code.</exception>
    public static CountryCode Parse(string text)
    {
        if (!TryParse(text, out var country, out var failure))
        {
            ThrowHelper.Format(failure);
        }

        return country;
    }

    /// <summary>Returns <see cref="Value"/>.</summary>
    public override string ToString() => Value;
}

/// <summary>The ISO 3166-1 alpha-2 table behind <see cref="CountryCode"/>.</summary>
internal static class CountryCodeTable
{
    // The officially assigned ISO 3166-1 alpha-2 codes (249) followed by XK, which SWIFT and the IBAN registry use for Kosovo.
    private static readonly string[] Codes =
    [
        "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
        "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ",
        "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ",
        "DE", "DJ", "DK", "DM", "DO", "DZ",
        "EC", "EE", "EG", "EH", "ER", "ES", "ET",
        "FI", "FJ", "FK", "FM", "FO", "FR",
        "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY",
        "HK", "HM", "HN", "HR", "HT", "HU",
        "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT",
        "JE", "JM", "JO", "JP",
        "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ",
        "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY",
        "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ",
        "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
        "OM",
        "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY",
        "QA",
        "RE", "RO", "RS", "RU", "RW",
        "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ",
        "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ",
        "UA", "UG", "UM", "US", "UY", "UZ",
        "VA", "VC", "VE", "VG", "VI", "VN", "VU",
        "WF", "WS",
        "YE", "YT",
        "ZA", "ZM", "ZW",
        "XK",
    ];

    /// <summary>The number of officially assigned ISO 3166-1 alpha-2 codes (XK excluded).</summary>
    internal const int AssignedCount = 249;

    private static readonly FrozenSet<string> Set = Codes.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Span lookup that returns the cached string, so parsing a code allocates nothing.</summary>
    internal static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Set.GetAlternateLookup<ReadOnlySpan<char>>();

    internal static readonly IReadOnlyList<CountryCode> All =
        Codes.Order(StringComparer.Ordinal).Select(static code => new CountryCode(code)).ToArray();
}
