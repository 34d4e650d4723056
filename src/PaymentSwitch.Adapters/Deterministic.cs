using System.Buffers.Binary;
using PaymentSwitch.Domain;

namespace PaymentSwitch.Adapters;

/// <summary>
/// Integer-only pseudo-random numbers (SplitMix64, Steele, Lea and Flood 2014). PaymentSwitch bans binary floating
/// point, and <see cref="System.Random"/>'s seeded algorithm is an implementation detail of the runtime, so the
/// adapters use this small generator: the same seed gives the same sequence on every platform and runtime version.
/// </summary>
/// <remarks>Not for security: it only makes simulations reproducible.</remarks>
public struct SplitMix64
{
    private ulong _state;

    /// <summary>Starts a sequence from <paramref name="seed"/>.</summary>
    public SplitMix64(long seed) => _state = (ulong)seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Finalize(_state);
    }

    /// <summary>A number in <c>[0, maxExclusive)</c> (Lemire's multiply-shift; the bias is below 2^-32 for the ranges used here).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExclusive, 1);
        return (int)(((UInt128)Next() * (ulong)maxExclusive) >> 64);
    }

    /// <summary>A number in <c>[0, 1,000,000)</c>: a draw against a probability in parts per million.</summary>
    public int NextPpm() => Next(Probability.Million);

    /// <summary>Whether an event of probability <paramref name="ppm"/> (parts per million) happens on this draw.</summary>
    public bool Chance(int ppm) => NextPpm() < ppm;

    /// <summary>The SplitMix64 output function: a bijective 64-bit mixer.</summary>
    public static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>
/// Draws keyed by (seed, UETR, purpose) instead of by call order, so that what an IPS decides for a payment does not
/// depend on the order in which payments arrive: a NATS host may interleave them differently from a simulator and
/// still get the same answers for the same seed.
/// </summary>
internal static class KeyedDraw
{
    public static ulong For(long seed, Uetr uetr, DrawPurpose purpose)
    {
        Span<byte> bytes = stackalloc byte[16];
        var written = uetr.Value.TryWriteBytes(bytes, bigEndian: true, out _);
        AdapterInvariant.Assert(written, "a GUID always fits in 16 bytes");
        var high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        var z = SplitMix64.Finalize((ulong)seed + 0x9E3779B97F4A7C15UL + (ulong)purpose);
        z = SplitMix64.Finalize(z ^ high);
        return SplitMix64.Finalize(z ^ low);
    }

    /// <summary>A draw in <c>[0, 1,000,000)</c>.</summary>
    public static int Ppm(long seed, Uetr uetr, DrawPurpose purpose) =>
        (int)(((UInt128)For(seed, uetr, purpose) * Probability.Million) >> 64);

    /// <summary>A stable 64-bit seed for one IPS from a simulation seed (FNV-1a of the IPS id, mixed with the seed).</summary>
    public static long SeedFor(long seed, string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)SplitMix64.Finalize((ulong)seed ^ hash);
    }
}

/// <summary>What a keyed draw is for; each purpose gives an independent number for the same payment.</summary>
internal enum DrawPurpose : ulong
{
    Latency = 1,
    InboundRejection = 2,
    OutboundRejection = 3,
}

/// <summary>Probabilities are integers in parts per million (ppm); binary floating point is banned.</summary>
public static class Probability
{
    /// <summary>One million parts per million: certainty.</summary>
    public const int Million = 1_000_000;

    /// <summary>Ten thousand basis points: certainty.</summary>
    public const int BasisPoints = 10_000;
}

/// <summary>Assertions that stay on in Release: a broken invariant is a programmer error and fails fast.</summary>
internal static class AdapterInvariant
{
    public static void Assert([System.Diagnostics.CodeAnalysis.DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition)
        {
            Fail(message);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Fail(string message) => throw new InvalidOperationException("Adapter invariant violated: " + message);
}
