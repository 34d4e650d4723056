using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Examples;

/// <summary>Reads the names people type for a business message: <c>pacs.008</c>, <c>pacs008</c>, <c>pacs.008.001.13</c>.</summary>
public static class MessageKindNames
{
    private static readonly MessageKind[] Kinds = Enum.GetValues<MessageKind>();

    /// <summary>The dotted short name of a kind, e.g. <c>pacs.008</c>.</summary>
    public static string ShortName(this MessageKind kind)
    {
        // The enum name is the area and number run together (Pacs008): put the dot back.
        var name = kind.ToString();
        return string.Concat(name[..4].ToLowerInvariant(), ".", name[4..]);
    }

    /// <summary>
    /// Parses a message name. A full identifier (<c>pacs.008.001.08</c>) also fixes the version; a short name
    /// (<c>pacs.008</c>, <c>pacs008</c>, <c>PACS.008</c>) leaves <paramref name="version"/> null.
    /// </summary>
    public static bool TryParse(string? text, out MessageKind kind, out MessageVersion? version)
    {
        kind = default;
        version = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (MessageVersions.TryParseIdentifier(trimmed, out var exact))
        {
            kind = exact.Kind();
            version = exact;
            return true;
        }

        // "pacs.008" or "pacs008": four letters, an optional dot, three digits.
        var dotted = trimmed.Length == 8 && trimmed[4] == '.';
        if (!dotted && trimmed.Length != 7)
        {
            return false;
        }

        var compact = dotted ? string.Concat(trimmed.AsSpan(0, 4), trimmed.AsSpan(5)) : trimmed;
        foreach (var candidate in Kinds)
        {
            if (string.Equals(candidate.ToString(), compact, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        return false;
    }
}
