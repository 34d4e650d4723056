using System.Collections.Concurrent;

namespace PaymentSwitch.LoadTest.Recording;

/// <summary>
/// Latency per named hop of a payment's path ("source-to-hub", "hub", "destination", ...), each in its own
/// concurrent HdrHistogram, recorded from any thread and summarised like the end-to-end latency.
/// </summary>
public sealed class HopRecorder
{
    /// <summary>The most distinct hop names kept: hops are a handful of fixed names, so more is a programming error.</summary>
    public const int MaxHops = 64;

    private readonly ConcurrentDictionary<string, ConcurrentLatencyHistogram> _hops = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="microseconds"/> spent in <paramref name="hop"/>.</summary>
    public void RecordHop(string hop, long microseconds)
    {
        if (!_hops.TryGetValue(hop, out var histogram))
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(hop);
            if (_hops.Count >= MaxHops)
            {
                throw new InvalidOperationException($"More than {MaxHops} distinct hop names: hop names must be a fixed set.");
            }

            histogram = _hops.GetOrAdd(hop, static _ => new ConcurrentLatencyHistogram());
        }

        histogram.Record(microseconds);
    }

    /// <summary>Every hop's summary, by hop name in ordinal order.</summary>
    public IReadOnlyDictionary<string, LatencySummary> Snapshot() =>
        new SortedDictionary<string, LatencySummary>(
            _hops.ToDictionary(static pair => pair.Key, static pair => pair.Value.Snapshot().Summary, StringComparer.Ordinal),
            StringComparer.Ordinal);
}
