using System.Buffers.Binary;
using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub;

/// <summary>
/// Which share of the payments one hub instance owns when several run side by side: instance <see cref="Index"/> of
/// <see cref="Count"/>. A payment belongs to exactly one instance, chosen by its UETR (docs/lifecycle.md, "partition
/// key"), so every message about it, from the pacs.008 to its returns, is decided by the same single writer.
/// </summary>
/// <remarks>
/// <para><b>The rule</b>, the same in every language: take the last 16 hex digits of the UETR (its fourth and fifth
/// groups, for example <c>a7c4e2b19f3d4e08</c> in <c>…-4f1a-a7c4-e2b19f3d4e08</c>), read them as an unsigned 64-bit
/// number and take it modulo <see cref="Count"/>. Those digits are random in a version 4 UUID apart from the two variant
/// bits at the top, so payments spread evenly.</para>
/// <para><b>Liquidity</b> is split the same way: each instance holds <see cref="ShareOf"/> of every position's limit,
/// so the instances' shares add up to the limit exactly and no reservation needs another instance.</para>
/// </remarks>
public readonly record struct HubPartition
{
    /// <summary>The most instances a hub may be split into.</summary>
    public const int MaxCount = 64;

    /// <summary>Instance <paramref name="index"/> of <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not in 1 … <see cref="MaxCount"/>, or <paramref name="index"/> not in 0 … count − 1.</exception>
    public HubPartition(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        Index = index;
        Count = count;
    }

    /// <summary>The one instance of an unsplit hub.</summary>
    public static HubPartition Whole => new(0, 1);

    /// <summary>This instance's number, from 0.</summary>
    public int Index { get; }

    /// <summary>How many instances share the payments (0 in a default value, read as 1).</summary>
    public int Count { get; }

    /// <summary>True when this instance owns every payment (one instance, or a default value).</summary>
    public bool IsWhole => Count <= 1;

    /// <summary>True when the payment with <paramref name="uetr"/> belongs to this instance.</summary>
    public bool Owns(Uetr uetr) => IsWhole || Of(uetr, Count) == Index;

    /// <summary>The instance, of <paramref name="count"/>, that owns <paramref name="uetr"/>; see the class remarks for the rule.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not in 1 … <see cref="MaxCount"/>.</exception>
    public static int Of(Uetr uetr, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        Span<byte> bytes = stackalloc byte[16];
        var written = uetr.Value.TryWriteBytes(bytes, bigEndian: true, out _);
        HubInvariant.Assert(written, "A GUID always fits in 16 bytes.");
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]) % (ulong)count);
    }

    /// <summary>
    /// This instance's share of <paramref name="total"/> minor units: an equal part, rounded down, plus one unit for
    /// each of the first <c>total mod Count</c> instances, so the shares of all instances add up to
    /// <paramref name="total"/> exactly and differ by at most one unit.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="total"/> is negative.</exception>
    public long ShareOf(long total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (IsWhole)
        {
            return total;
        }

        return (total / Count) + (Index < total % Count ? 1 : 0);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Index + 1} of {Math.Max(Count, 1)}";
}
