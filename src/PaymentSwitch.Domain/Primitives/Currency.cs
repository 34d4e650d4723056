using System.Collections.Frozen;

namespace PaymentSwitch.Domain;

/// <summary>
/// An active ISO 4217 currency with its minor unit (the number of decimal places of its amounts), as used in the
/// ISO 20022 <c>Ccy</c> attribute (<c>ActiveCurrencyCode</c>, pattern <c>[A-Z]{3,3}</c>).
/// </summary>
/// <remarks>
/// Only currencies on the current ISO 4217 list whose minor unit is a number are included. Codes whose minor unit is
/// "N.A." (precious metals XAU, XAG, XPT, XPD; the bond-market units XBA to XBD; XDR, XSU, XUA; the test code XTS and
/// "no currency" XXX) are excluded, because an amount in them cannot be held as an exact count of minor units.
/// Withdrawn codes (for example HRK, SLL, ANG, ZWL, CUC) are not accepted. Instances exist only for listed currencies;
/// <c>default(Currency)</c> has an empty <see cref="Code"/> and is not a valid currency.
/// </remarks>
public readonly record struct Currency
{
    private readonly string? _code;

    // Only the table creates instances, so a Currency always carries the cached code string and the listed exponent.
    internal Currency(string code, int minorUnits)
    {
        _code = code;
        MinorUnits = minorUnits;
    }

    /// <summary>The three upper-case letters, for example <c>"SGD"</c>.</summary>
    public string Code => _code ?? string.Empty;

    /// <summary>The ISO 4217 minor unit: how many decimal places an amount has (SGD 2, JPY 0, KWD 3, CLF 4).</summary>
    public int MinorUnits { get; }

    /// <summary>Every accepted currency, ordered by code.</summary>
    public static IReadOnlyList<Currency> All => CurrencyTable.All;

    /// <summary>Singapore dollar (2).</summary>
    public static readonly Currency SGD = CurrencyTable.Get("SGD");

    /// <summary>Thai baht (2).</summary>
    public static readonly Currency THB = CurrencyTable.Get("THB");

    /// <summary>Malaysian ringgit (2).</summary>
    public static readonly Currency MYR = CurrencyTable.Get("MYR");

    /// <summary>Indonesian rupiah (2).</summary>
    public static readonly Currency IDR = CurrencyTable.Get("IDR");

    /// <summary>Philippine peso (2).</summary>
    public static readonly Currency PHP = CurrencyTable.Get("PHP");

    /// <summary>Vietnamese dong (0).</summary>
    public static readonly Currency VND = CurrencyTable.Get("VND");

    /// <summary>Indian rupee (2).</summary>
    public static readonly Currency INR = CurrencyTable.Get("INR");

    /// <summary>US dollar (2).</summary>
    public static readonly Currency USD = CurrencyTable.Get("USD");

    /// <summary>Euro (2).</summary>
    public static readonly Currency EUR = CurrencyTable.Get("EUR");

    /// <summary>Yen (0).</summary>
    public static readonly Currency JPY = CurrencyTable.Get("JPY");

    /// <summary>Kuwaiti dinar (3).</summary>
    public static readonly Currency KWD = CurrencyTable.Get("KWD");

    /// <summary>Pound sterling (2).</summary>
    public static readonly Currency GBP = CurrencyTable.Get("GBP");

    /// <summary>Yuan renminbi (2).</summary>
    public static readonly Currency CNY = CurrencyTable.Get("CNY");

    /// <summary>Hong Kong dollar (2).</summary>
    public static readonly Currency HKD = CurrencyTable.Get("HKD");

    /// <summary>Australian dollar (2).</summary>
    public static readonly Currency AUD = CurrencyTable.Get("AUD");

    /// <summary>Cambodian riel (2).</summary>
    public static readonly Currency KHR = CurrencyTable.Get("KHR");

    /// <summary>Lao kip (2).</summary>
    public static readonly Currency LAK = CurrencyTable.Get("LAK");

    /// <summary>Myanmar kyat (2).</summary>
    public static readonly Currency MMK = CurrencyTable.Get("MMK");

    /// <summary>Brunei dollar (2).</summary>
    public static readonly Currency BND = CurrencyTable.Get("BND");

    /// <summary>Looks up an exact, upper-case, listed ISO 4217 code; never throws.</summary>
    public static bool TryFromCode(string? code, out Currency currency) => TryFromCode(code.AsSpan(), out currency);

    /// <summary>Looks up an exact, upper-case, listed ISO 4217 code without allocating: the result holds the cached code string.</summary>
    public static bool TryFromCode(ReadOnlySpan<char> code, out Currency currency)
    {
        // The length check keeps hostile, huge inputs from being hashed.
        if (code.Length == 3 && CurrencyTable.Lookup.TryGetValue(code, out currency))
        {
            return true;
        }

        currency = default;
        return false;
    }

    /// <summary>Looks up a code and throws if it is not listed; for examples, tests and configuration, not for wire input.</summary>
    /// <exception cref="ArgumentException">The code is not an accepted ISO 4217 code.</exception>
    public static Currency FromCode(string code)
    {
        if (!TryFromCode(code, out var currency))
        {
            ThrowHelper.Argument(nameof(code), $"'{TextForRule.Quote(code)}' is not an active ISO 4217 currency code with a numeric minor unit.");
        }

        return currency;
    }

    /// <summary>Returns <see cref="Code"/>.</summary>
    public override string ToString() => Code;
}

/// <summary>The ISO 4217 table behind <see cref="Currency"/>.</summary>
internal static class CurrencyTable
{
    // ISO 4217 list one (active codes) with their minor units, excluding codes whose minor unit is "N.A.".
    // Fund codes with a numeric minor unit (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW) are kept because they are listed.
    private static readonly (string Code, int MinorUnits)[] Entries =
    [
        ("AED", 2), ("AFN", 2), ("ALL", 2), ("AMD", 2), ("AOA", 2), ("ARS", 2), ("AUD", 2), ("AWG", 2), ("AZN", 2),
        ("BAM", 2), ("BBD", 2), ("BDT", 2), ("BGN", 2), ("BHD", 3), ("BIF", 0), ("BMD", 2), ("BND", 2), ("BOB", 2),
        ("BOV", 2), ("BRL", 2), ("BSD", 2), ("BTN", 2), ("BWP", 2), ("BYN", 2), ("BZD", 2),
        ("CAD", 2), ("CDF", 2), ("CHE", 2), ("CHF", 2), ("CHW", 2), ("CLF", 4), ("CLP", 0), ("CNY", 2), ("COP", 2),
        ("COU", 2), ("CRC", 2), ("CUP", 2), ("CVE", 2), ("CZK", 2),
        ("DJF", 0), ("DKK", 2), ("DOP", 2), ("DZD", 2),
        ("EGP", 2), ("ERN", 2), ("ETB", 2), ("EUR", 2),
        ("FJD", 2), ("FKP", 2),
        ("GBP", 2), ("GEL", 2), ("GHS", 2), ("GIP", 2), ("GMD", 2), ("GNF", 0), ("GTQ", 2), ("GYD", 2),
        ("HKD", 2), ("HNL", 2), ("HTG", 2), ("HUF", 2),
        ("IDR", 2), ("ILS", 2), ("INR", 2), ("IQD", 3), ("IRR", 2), ("ISK", 0),
        ("JMD", 2), ("JOD", 3), ("JPY", 0),
        ("KES", 2), ("KGS", 2), ("KHR", 2), ("KMF", 0), ("KPW", 2), ("KRW", 0), ("KWD", 3), ("KYD", 2), ("KZT", 2),
        ("LAK", 2), ("LBP", 2), ("LKR", 2), ("LRD", 2), ("LSL", 2), ("LYD", 3),
        ("MAD", 2), ("MDL", 2), ("MGA", 2), ("MKD", 2), ("MMK", 2), ("MNT", 2), ("MOP", 2), ("MRU", 2), ("MUR", 2),
        ("MVR", 2), ("MWK", 2), ("MXN", 2), ("MXV", 2), ("MYR", 2), ("MZN", 2),
        ("NAD", 2), ("NGN", 2), ("NIO", 2), ("NOK", 2), ("NPR", 2), ("NZD", 2),
        ("OMR", 3),
        ("PAB", 2), ("PEN", 2), ("PGK", 2), ("PHP", 2), ("PKR", 2), ("PLN", 2), ("PYG", 0),
        ("QAR", 2),
        ("RON", 2), ("RSD", 2), ("RUB", 2), ("RWF", 0),
        ("SAR", 2), ("SBD", 2), ("SCR", 2), ("SDG", 2), ("SEK", 2), ("SGD", 2), ("SHP", 2), ("SLE", 2), ("SOS", 2),
        ("SRD", 2), ("SSP", 2), ("STN", 2), ("SVC", 2), ("SYP", 2), ("SZL", 2),
        ("THB", 2), ("TJS", 2), ("TMT", 2), ("TND", 3), ("TOP", 2), ("TRY", 2), ("TTD", 2), ("TWD", 2), ("TZS", 2),
        ("UAH", 2), ("UGX", 0), ("USD", 2), ("USN", 2), ("UYI", 0), ("UYU", 2), ("UYW", 4), ("UZS", 2),
        ("VED", 2), ("VES", 2), ("VND", 0), ("VUV", 0),
        ("WST", 2),
        ("XAF", 0), ("XCD", 2), ("XCG", 2), ("XOF", 0), ("XPF", 0),
        ("YER", 2),
        ("ZAR", 2), ("ZMW", 2), ("ZWG", 2),
    ];

    private static readonly FrozenDictionary<string, Currency> ByCode =
        Entries.ToFrozenDictionary(static e => e.Code, static e => new Currency(e.Code, e.MinorUnits), StringComparer.Ordinal);

    /// <summary>Span lookup, so parsing the <c>Ccy</c> attribute allocates nothing.</summary>
    internal static readonly FrozenDictionary<string, Currency>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        ByCode.GetAlternateLookup<ReadOnlySpan<char>>();

    internal static readonly IReadOnlyList<Currency> All =
        ByCode.Values.OrderBy(static c => c.Code, StringComparer.Ordinal).ToArray();

    internal static Currency Get(string code) => ByCode[code];
}
