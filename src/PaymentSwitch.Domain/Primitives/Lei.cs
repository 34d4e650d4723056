namespace PaymentSwitch.Domain;

/// <summary>
/// A legal entity identifier (ISO 17442), as the ISO 20022 <c>LEIIdentifier</c> in <c>FinInstnId/LEI</c> and <c>OrgId/LEI</c>:
/// 18 upper-case alphanumerics and two check digits (pattern <c>[A-Z0-9]{18,18}[0-9]{2,2}</c>), verified with ISO 7064 MOD 97-10.
/// </summary>
/// <remarks><c>default(Lei)</c> has an empty <see cref="Value"/> and is not a valid LEI.</remarks>
public readonly record struct Lei
{
    private const int Length = 20;

    private readonly string? _value;

    private Lei(string value) => _value = value;

    /// <summary>The 20 characters, for example <c>"5493001KJTIIGC8Y1R12"</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Parses an LEI; never throws. On failure the reason is RC01 (identifier incorrect).</summary>
    /// <param name="text">The candidate, exactly as on the wire: upper case, no spaces.</param>
    /// <param name="lei">The LEI on success; <c>default</c> otherwise.</param>
    /// <param name="failure">Why parsing failed, or <c>default</c> on success.</param>
    public static bool TryParse(string? text, out Lei lei, out ParseFailure failure)
    {
        lei = default;
        if (text is null)
        {
            failure = new ParseFailure(StatusReasonCode.RC01, "LEI is missing");
            return false;
        }

        if (text.Length != Length)
        {
            failure = new ParseFailure(StatusReasonCode.RC01, $"LEI must be {Length} characters long; got {text.Length}");
            return false;
        }

        for (var i = 0; i < Length; i++)
        {
            var c = text[i];
            var checkDigit = i >= Length - 2;
            if (checkDigit ? !char.IsAsciiDigit(c) : !Mod97.IsUpperAlphanumeric(c))
            {
                var expected = checkDigit ? "a digit 0-9 (check digit)" : "an upper-case letter A-Z or a digit 0-9";
                failure = new ParseFailure(StatusReasonCode.RC01, $"LEI character {i + 1} must be {expected}; got '{c}'");
                return false;
            }
        }

        if (Mod97.Remainder(text, []) != 1)
        {
            failure = new ParseFailure(StatusReasonCode.RC01, $"LEI check digits do not verify (ISO 7064 mod 97) in '{text}'");
            return false;
        }

        lei = new Lei(text);
        failure = default;
        return true;
    }

    /// <summary>Parses an LEI and throws on bad input; for examples, tests and configuration, not for wire input.</summary>
    /// <exception cref="FormatException">The text is not a valid LEI.</exception>
    public static Lei Parse(string text)
    {
        if (!TryParse(text, out var lei, out var failure))
        {
            ThrowHelper.Format(failure);
        }

        return lei;
    }

    /// <summary>Returns <see cref="Value"/>.</summary>
    public override string ToString() => Value;
}
