using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.ReferenceData;

/// <summary>
/// How the hub matches BICs: an 8-character BIC and the same BIC with branch <c>XXX</c> name the same participant
/// (SWIFT: "XXX" is the primary office), so both map to one 11-character key. Other branch codes are distinct.
/// </summary>
internal static class BicKeys
{
    public const int KeyLength = 11;

    /// <summary>Writes the 11-character key of <paramref name="bic"/> into <paramref name="destination"/> (11 chars).</summary>
    public static void Write(Bic bic, Span<char> destination)
    {
        var value = bic.Value.AsSpan();
        value.CopyTo(destination);
        if (value.Length == 8)
        {
            "XXX".AsSpan().CopyTo(destination[8..]);
        }
    }

    /// <summary>The key as a string; for building indexes at load time, not for lookups.</summary>
    public static string ToKey(Bic bic) => bic.Value.Length == 8 ? bic.Value + "XXX" : bic.Value;

    /// <summary>Whether two BICs name the same participant under the rule above; allocation-free.</summary>
    public static bool SameParticipant(Bic left, Bic right)
    {
        var a = left.Value.AsSpan();
        var b = right.Value.AsSpan();
        if (a.Length < 8 || b.Length < 8 || !a[..8].SequenceEqual(b[..8]))
        {
            return false;
        }

        var branchA = a.Length == 11 ? a[8..] : "XXX";
        var branchB = b.Length == 11 ? b[8..] : "XXX";
        return branchA.SequenceEqual(branchB);
    }
}
