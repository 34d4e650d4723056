using System.Buffers;
using System.Globalization;
using PaymentSwitch.Domain;

namespace PaymentSwitch.Adapters.Profiles;

/// <summary>
/// The real formats of the identifiers the simulated IPSs hold: mobile numbers per country (ISO 20022 <c>PhoneNumber</c>
/// form <c>+CC-number</c>), Singapore NRIC/FIN and UEN, Thai national and tax ids, Malaysian MyKad and SSM numbers,
/// e-mail addresses, UPI virtual payment addresses. Each check returns the problem as a sentence, or <c>null</c>.
/// </summary>
internal static class IdentifierFormats
{
    // Dial code, national number length and first digits of mobile numbers (national numbering plans).
    private static readonly Dictionary<string, (string Dial, int MinDigits, int MaxDigits, string FirstDigits)> Mobile = new(StringComparer.Ordinal)
    {
        ["SG"] = ("65", 8, 8, "89"),
        ["TH"] = ("66", 9, 9, "689"),
        ["MY"] = ("60", 9, 10, "1"),
        ["ID"] = ("62", 9, 12, "8"),
        ["PH"] = ("63", 10, 10, "9"),
        ["VN"] = ("84", 9, 9, "35789"),
        ["IN"] = ("91", 10, 10, "6789"),
    };

    private static readonly SearchValues<char> HandleCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789.-_");
    private static readonly SearchValues<char> PspCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz");

    public static string? ProxyProblem(CountryCode country, string type, string value)
    {
        if (value.Length is 0 or > 2048 || value.Any(char.IsWhiteSpace))
        {
            return "a proxy must be 1 to 2048 characters without spaces";
        }

        return type switch
        {
            "MBNO" or "TELE" => PhoneProblem(country, value),
            "NIDN" => NationalIdProblem(country, value),
            "UEN" => UenProblem(value),
            "TXID" => ThaiIdProblem(value, "a Thai tax id"),
            "EWAL" => AllDigits(value) && value.Length == 15 ? null : $"'{value}' is not an e-wallet id (15 digits)",
            "BRN" => MalaysianRegistrationProblem(value),
            "PASS" => value.Length is >= 7 and <= 10 && char.IsAsciiLetterUpper(value[0]) && AllDigits(value.AsSpan(value.Length - 6))
                ? null
                : $"'{value}' is not a passport number (an upper-case letter, then digits, 7 to 10 characters)",
            "EMAL" => EmailProblem(value),
            "VPA" => VpaProblem(value),
            _ => null,
        };
    }

    public static string? PhoneProblem(CountryCode country, string value)
    {
        if (!Mobile.TryGetValue(country.Value, out var plan))
        {
            // ISO 20022 PhoneNumber: \+[0-9]{1,3}-[0-9()+\-]{1,30}.
            var dash = value.IndexOf('-', StringComparison.Ordinal);
            return value.StartsWith('+') && dash is >= 2 and <= 4 && AllDigits(value.AsSpan(1, dash - 1)) && AllDigits(value.AsSpan(dash + 1))
                ? null
                : $"'{value}' is not a phone number in the ISO 20022 form +CC-number";
        }

        var prefix = "+" + plan.Dial + "-";
        if (!value.StartsWith(prefix, StringComparison.Ordinal))
        {
            return $"'{value}' is not a {country} mobile number: it must start with {prefix} (ISO 20022 form +CC-number)";
        }

        var national = value.AsSpan(prefix.Length);
        if (!AllDigits(national) || national.Length < plan.MinDigits || national.Length > plan.MaxDigits || !plan.FirstDigits.Contains(national[0], StringComparison.Ordinal))
        {
            var length = plan.MinDigits == plan.MaxDigits
                ? plan.MinDigits.ToString(CultureInfo.InvariantCulture)
                : $"{plan.MinDigits}-{plan.MaxDigits}";
            return $"'{value}' is not a {country} mobile number: {length} digits starting with one of {string.Join(", ", plan.FirstDigits.ToCharArray())} after {prefix}";
        }

        return null;
    }

    public static string? NationalIdProblem(CountryCode country, string value) => country.Value switch
    {
        "SG" => NricProblem(value),
        "TH" => ThaiIdProblem(value, "a Thai national id"),
        "MY" => MyKadProblem(value),
        _ => value.Length is >= 5 and <= 35 && value.All(char.IsAsciiLetterOrDigit)
            ? null
            : $"'{value}' is not a national id (5 to 35 letters or digits)",
    };

    public static string? AccountNumberProblem(string value) =>
        value.Length is >= 6 and <= 20 && AllDigits(value)
            ? null
            : $"'{value}' is not a domestic account number (6 to 20 digits)";

    // Singapore NRIC/FIN: S/T (citizens and PRs) or F/G (foreigners), 7 digits, a check letter from weights
    // 2,7,6,5,4,3,2 (plus 4 for the T and G series) modulo 11. The M series (2022) has its own table and is not simulated.
    private static string? NricProblem(string value)
    {
        if (value.Length != 9 || "STFG".IndexOf(value[0], StringComparison.Ordinal) < 0 || !AllDigits(value.AsSpan(1, 7)) || !char.IsAsciiLetterUpper(value[8]))
        {
            return $"'{value}' is not a Singapore NRIC/FIN (S, T, F or G, 7 digits, a check letter)";
        }

        ReadOnlySpan<int> weights = [2, 7, 6, 5, 4, 3, 2];
        var sum = value[0] is 'T' or 'G' ? 4 : 0;
        for (var i = 0; i < 7; i++)
        {
            sum += (value[i + 1] - '0') * weights[i];
        }

        var letters = value[0] is 'S' or 'T' ? "JZIHGFEDCBA" : "XWUTRQPNMLK";
        var expected = letters[sum % 11];
        return value[8] == expected ? null : $"'{value}' has a wrong NRIC/FIN check letter (expected {expected})";
    }

    // Singapore UEN: businesses nnnnnnnnX (9), local companies yyyynnnnnX (10), other entities TyyPQnnnnX (10).
    private static string? UenProblem(string value)
    {
        var business = value.Length == 9 && AllDigits(value.AsSpan(0, 8)) && char.IsAsciiLetterUpper(value[8]);
        var company = value.Length == 10 && AllDigits(value.AsSpan(0, 9)) && char.IsAsciiLetterUpper(value[9])
            && (value.StartsWith("19", StringComparison.Ordinal) || value.StartsWith("20", StringComparison.Ordinal));
        var other = value.Length == 10 && value[0] is 'T' or 'S' or 'R' && AllDigits(value.AsSpan(1, 2))
            && char.IsAsciiLetterUpper(value[3]) && char.IsAsciiLetterUpper(value[4]) && AllDigits(value.AsSpan(5, 4)) && char.IsAsciiLetterUpper(value[9]);
        return business || company || other
            ? null
            : $"'{value}' is not a Singapore UEN (nnnnnnnnX, yyyynnnnnX or TyyPQnnnnX)";
    }

    // Thai 13-digit ids (national id and tax id): check digit (11 - sum(d[i] x (13 - i)) mod 11) mod 10.
    private static string? ThaiIdProblem(string value, string what)
    {
        if (value.Length != 13 || !AllDigits(value))
        {
            return $"'{value}' is not {what} (13 digits)";
        }

        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (value[i] - '0') * (13 - i);
        }

        var expected = (char)('0' + ((11 - (sum % 11)) % 10));
        return value[12] == expected ? null : $"'{value}' has a wrong check digit for {what} (expected {expected})";
    }

    // MyKad: 12 digits YYMMDD-PB-###G written without hyphens; the first six are the holder's date of birth.
    private static string? MyKadProblem(string value)
    {
        if (value.Length != 12 || !AllDigits(value))
        {
            return $"'{value}' is not a MyKad number (12 digits, YYMMDDPBnnnn, no hyphens)";
        }

        var month = int.Parse(value.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(value.AsSpan(4, 2), CultureInfo.InvariantCulture);
        var year = 2000 + int.Parse(value.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var validDate = month is >= 1 and <= 12 && day >= 1 && (day <= DateTime.DaysInMonth(year, month) || day <= DateTime.DaysInMonth(year - 100, month));
        if (!validDate || value.AsSpan(6, 2).SequenceEqual("00"))
        {
            return $"'{value}' is not a MyKad number: the first six digits must be a date of birth and the next two a place-of-birth code";
        }

        return null;
    }

    // SSM registration numbers since 2019: 12 digits, year of incorporation, entity type (01 local company, 02 foreign
    // company, 03 business, 04 LLP, 06 ...), then a serial.
    private static string? MalaysianRegistrationProblem(string value)
    {
        if (value.Length != 12 || !AllDigits(value) || !(value.StartsWith("19", StringComparison.Ordinal) || value.StartsWith("20", StringComparison.Ordinal))
            || value.AsSpan(4, 2) is not ("01" or "02" or "03" or "04" or "06"))
        {
            return $"'{value}' is not an SSM business registration number (12 digits: year, entity type 01-06, serial)";
        }

        return null;
    }

    private static string? EmailProblem(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        var ok = at > 0 && at == value.LastIndexOf('@') && value.Length <= 254
            && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.')
            && !value.Any(char.IsAsciiLetterUpper);
        return ok ? null : $"'{value}' is not an e-mail address in lower case (name@domain.tld)";
    }

    // UPI virtual payment address: handle@psp, lower case.
    private static string? VpaProblem(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        var ok = at >= 2 && at == value.LastIndexOf('@') && at <= 64 && value.Length - at - 1 is >= 2 and <= 32
            && value.AsSpan(0, at).IndexOfAnyExcept(HandleCharacters) < 0
            && value.AsSpan(at + 1).IndexOfAnyExcept(PspCharacters) < 0;
        return ok ? null : $"'{value}' is not a UPI virtual payment address (handle@psp, lower case)";
    }

    private static bool AllDigits(ReadOnlySpan<char> text) => !text.IsEmpty && text.IndexOfAnyExceptInRange('0', '9') < 0;
}
