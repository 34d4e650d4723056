namespace PaymentSwitch.LoadTest.Recording;

/// <summary>Conversions between high-resolution timestamp ticks and microseconds, exact and overflow-free.</summary>
public static class TimestampUnits
{
    /// <summary>Converts a tick count at <paramref name="timestampFrequency"/> ticks per second to whole microseconds (truncated).</summary>
    public static long TicksToMicros(long ticks, long timestampFrequency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestampFrequency);
        var micros = (Int128)ticks * 1_000_000 / timestampFrequency;
        return micros > long.MaxValue ? long.MaxValue : micros < long.MinValue ? long.MinValue : (long)micros;
    }

    /// <summary>Converts microseconds to ticks at <paramref name="timestampFrequency"/> ticks per second (truncated).</summary>
    public static long MicrosToTicks(long micros, long timestampFrequency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timestampFrequency);
        return checked((long)((Int128)micros * timestampFrequency / 1_000_000));
    }
}
