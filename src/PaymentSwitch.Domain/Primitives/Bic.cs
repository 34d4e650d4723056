namespace PaymentSwitch.Domain;

/// <summary>
/// A business identifier code (ISO 9362), as the ISO 20022 <c>BICFIDec2014Identifier</c> used in <c>FinInstnId/BICFI</c>:
/// pattern <c>[A-Z0-9]{4,4}[A-Z]{2,2}[A-Z0-9]{2,2}([A-Z0-9]{3,3}){0,1}</c>, with the country part an assigned ISO 3166 code.
/// </summary>
/// <remarks>
/// The 8-character form and the 11-character form with branch "XXX" name the same institution but are different
/// values here, because equality compares <see cref="Value"/> as received; compare <see cref="Primary"/> to ignore the branch.
/// <c>default(Bic)</c> has an empty <see cref="Value"/> and is not a valid BIC.
/// </remarks>
public readonly record struct Bic
{
    private readonly string? _value;

    private Bic(string value) => _value = value;

    /// <summary>The 8 or 11 upper-case characters, for example <c>"DBSSSGSGXXX"</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The first four characters, identifying the institution (the "party prefix"), for example <c>"DBSS"</c>.</summary>
    public string InstitutionCode => Value[..4];

    /// <summary>Characters 5 and 6: the ISO 3166 country code, for example <see cref="CountryCode.SG"/>.</summary>
    public CountryCode Country
    {
        get
        {
            var parsed = CountryCode.TryParse(Value.AsSpan(4, 2), out var country);
            Invariant.Assert(parsed, "A parsed BIC holds an assigned country code.");
            return country;
        }
    }

    /// <summary>Characters 7 and 8: the location code, for example <c>"SG"</c>.</summary>
    public string LocationCode => Value.Substring(6, 2);

    /// <summary>Characters 9 to 11, the branch code (for example <c>"XXX"</c> for the primary office), or <c>null</c> for an 8-character BIC.</summary>
    public string? BranchCode => Value.Length == 11 ? Value[8..] : null;

    /// <summary>The 8-character form without the branch code.</summary>
    public Bic Primary => Value.Length == 8 ? this : new Bic(Value[..8]);

    /// <summary>
    /// Whether this is a test-and-training BIC: by SWIFT convention the second character of the location code is '0'.
    /// </summary>
    public bool IsTestBic => Value.Length >= 8 && Value[7] == '0';

    /// <summary>Parses a BIC; never throws. On failure the reason is RC01 (bank identifier incorrect).</summary>
    /// <param name="text">The candidate, exactly as on the wire: upper case, no spaces.</param>
    /// <param name="bic">The BIC on success; <c>default</c> otherwise.</param>
    /// <param name="failure">Why parsing failed, or <c>default</c> on success.</param>
    public static bool TryParse(string? text, out Bic bic, out ParseFailure failure)
    {
        bic = default;
        if (text is null)
        {
            failure = new ParseFailure(StatusReasonCode.RC01, "BIC is missing");
            return false;
        }

        if (text.Length is not (8 or 11))
        {
            failure = new ParseFailure(StatusReasonCode.RC01, $"BIC must be 8 or 11 characters long; got {text.Length}");
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];

            // Characters 5 and 6 (zero-based 4 and 5) are the country code and must be letters; the rest may be letters or digits.
            var valid = i is 4 or 5 ? char.IsAsciiLetterUpper(c) : Mod97.IsUpperAlphanumeric(c);
            if (!valid)
            {
                var expected = i is 4 or 5 ? "an upper-case letter A-Z" : "an upper-case letter A-Z or a digit 0-9";
                failure = new ParseFailure(
                    StatusReasonCode.RC01,
                    $"BIC character {i + 1} must be {expected}; got '{c}' in '{TextForRule.Quote(text)}'");
                return false;
            }
        }

        if (!CountryCode.TryParse(text.AsSpan(4, 2), out _))
        {
            failure = new ParseFailure(
                StatusReasonCode.RC01,
                $"BIC country code '{text.Substring(4, 2)}' (characters 5-6) is not an assigned ISO 3166-1 code");
            return false;
        }

        bic = new Bic(text);
        failure = default;
        return true;
    }

    /// <summary>Parses a BIC and throws on bad input; for examples, tests and configuration, not for wire input.</summary>
    /// <exception cref="FormatException">The text is not a valid BIC.</exception>
    public static Bic Parse(string text)
    {
        if (!TryParse(text, out var bic, out var failure))
        {
            ThrowHelper.Format(failure);
        }

        return bic;
    }

    /// <summary>Returns <see cref="Value"/>.</summary>
    public override string ToString() => Value;
}
