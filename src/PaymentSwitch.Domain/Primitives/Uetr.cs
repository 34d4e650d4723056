using System.Globalization;

namespace PaymentSwitch.Domain;

/// <summary>
/// A unique end-to-end transaction reference, the primary identifier of a payment in Nexus and CBPR+
/// (ISO 20022 <c>PmtId/UETR</c>, type <c>UUIDv4Identifier</c>, pattern
/// <c>[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}</c>).
/// </summary>
/// <remarks>
/// Only version 4 UUIDs with the RFC 4122 variant, written in lower case, are valid.
/// <c>default(Uetr)</c> wraps <see cref="Guid.Empty"/> and is not a valid UETR.
/// </remarks>
public readonly record struct Uetr
{
    /// <summary>The length of the text form: 32 hex digits and 4 hyphens.</summary>
    public const int TextLength = 36;

    private Uetr(Guid value) => Value = value;

    /// <summary>The UUID.</summary>
    public Guid Value { get; }

    /// <summary>Creates a new random UETR; <see cref="Guid.NewGuid"/> returns RFC 4122 version 4 UUIDs.</summary>
    public static Uetr NewUetr() => new(Guid.NewGuid());

    /// <summary>Wraps a GUID that is a version 4, RFC 4122 variant UUID.</summary>
    /// <exception cref="ArgumentException">The GUID is not a version 4, RFC 4122 variant UUID.</exception>
    public static Uetr FromGuid(Guid value)
    {
        Span<char> text = stackalloc char[TextLength];
        var formatted = value.TryFormat(text, out _, "D");
        Invariant.Assert(formatted, "A GUID always fits in 36 characters.");
        if (!TryParse(text, out var uetr, out var failure))
        {
            ThrowHelper.Argument(nameof(value), failure.Rule);
        }

        return uetr;
    }

    /// <summary>Parses the lower-case text form; never throws. On failure the reason is FF01 (invalid format).</summary>
    public static bool TryParse(string? text, out Uetr uetr, out ParseFailure failure)
    {
        if (text is null)
        {
            uetr = default;
            failure = new ParseFailure(StatusReasonCode.FF01, "UETR is missing");
            return false;
        }

        return TryParse(text.AsSpan(), out uetr, out failure);
    }

    /// <summary>Parses the lower-case text form without allocating on success; never throws. On failure the reason is FF01.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Uetr uetr, out ParseFailure failure)
    {
        uetr = default;
        if (text.Length != TextLength)
        {
            failure = new ParseFailure(
                StatusReasonCode.FF01,
                string.Create(CultureInfo.InvariantCulture, $"UETR must be {TextLength} characters (8-4-4-4-12 lower-case hex); got {text.Length}"));
            return false;
        }

        for (var i = 0; i < TextLength; i++)
        {
            var c = text[i];
            if (i is 8 or 13 or 18 or 23)
            {
                if (c != '-')
                {
                    failure = Fail($"UETR character {i + 1} must be '-'; got '{c}'");
                    return false;
                }
            }
            else if (!char.IsAsciiHexDigitLower(c))
            {
                failure = Fail(char.IsAsciiHexDigitUpper(c)
                    ? $"UETR must be lower case; character {i + 1} is '{c}'"
                    : $"UETR character {i + 1} must be a hex digit 0-9 or a-f; got '{c}'");
                return false;
            }
        }

        // Character 15 is the version nibble and character 20 carries the variant bits (RFC 4122: binary 10xx, so 8, 9, a or b).
        if (text[14] != '4')
        {
            failure = Fail($"UETR must be a version 4 UUID; character 15 is '{text[14]}', not '4'");
            return false;
        }

        if (text[19] is not ('8' or '9' or 'a' or 'b'))
        {
            failure = Fail($"UETR must have the RFC 4122 variant; character 20 is '{text[19]}', not 8, 9, a or b");
            return false;
        }

        var parsed = Guid.TryParseExact(text, "D", out var guid);
        Invariant.Assert(parsed, "Text that passed the UETR pattern is a valid GUID.");
        uetr = new Uetr(guid);
        failure = default;
        return true;
    }

    /// <summary>Parses a UETR and throws on bad input; for examples and tests, not for wire input.</summary>
    /// <exception cref="FormatException">The text is not a valid UETR.</exception>
    public static Uetr Parse(string text)
    {
        if (!TryParse(text, out var uetr, out var failure))
        {
            ThrowHelper.Format(failure);
        }

        return uetr;
    }

    /// <summary>Writes the 36-character lower-case text form without allocating.</summary>
    /// <returns><c>false</c> if <paramref name="destination"/> is shorter than 36 characters.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten) => Value.TryFormat(destination, out charsWritten, "D");

    /// <summary>Returns the 36-character lower-case text form, for example <c>"eb6305c9-1f7f-49de-aed0-16487c27b42d"</c>.</summary>
    public override string ToString() => Value.ToString("D");

    private static ParseFailure Fail(string rule) => new(StatusReasonCode.FF01, rule);
}
