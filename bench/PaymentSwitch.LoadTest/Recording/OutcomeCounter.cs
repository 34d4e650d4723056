using System.Collections.Concurrent;

namespace PaymentSwitch.LoadTest.Recording;

/// <summary>
/// Counts how payments ended, from any thread: accepted, rejected by ISO 20022 reason code ("AM04", "AC03", ...),
/// timed out (no answer) and refused at source.
/// </summary>
public sealed class OutcomeCounter
{
    /// <summary>The most distinct reason codes kept; any further ones are counted under <see cref="OtherReason"/>.</summary>
    public const int MaxReasons = 256;

    /// <summary>The reason under which rejections without a code, or past <see cref="MaxReasons"/> codes, are counted.</summary>
    public const string OtherReason = "(other)";

    private readonly ConcurrentDictionary<string, StrongBox<long>> _rejectionsByReason = new(StringComparer.Ordinal);
    private long _accepted;
    private long _rejected;
    private long _timedOut;
    private long _refusedAtSource;

    /// <summary>Counts one accepted payment.</summary>
    public void RecordAccepted() => Interlocked.Increment(ref _accepted);

    /// <summary>Counts one payment rejected with <paramref name="reasonCode"/> (an ISO 20022 external status reason code).</summary>
    public void RecordRejected(string? reasonCode)
    {
        Interlocked.Increment(ref _rejected);
        var key = string.IsNullOrWhiteSpace(reasonCode) ? OtherReason : reasonCode;
        if (!_rejectionsByReason.TryGetValue(key, out var box))
        {
            box = _rejectionsByReason.Count >= MaxReasons
                ? _rejectionsByReason.GetOrAdd(OtherReason, static _ => new StrongBox<long>())
                : _rejectionsByReason.GetOrAdd(key, static _ => new StrongBox<long>());
        }

        Interlocked.Increment(ref box.Value);
    }

    /// <summary>Counts one payment that got no answer in time.</summary>
    public void RecordTimedOut() => Interlocked.Increment(ref _timedOut);

    /// <summary>Counts one payment the source refused before it reached the hub.</summary>
    public void RecordRefusedAtSource() => Interlocked.Increment(ref _refusedAtSource);

    /// <summary>Counts one payment by outcome; <paramref name="reasonCode"/> is used for rejections only.</summary>
    public void Record(PaymentOutcome outcome, string? reasonCode = null)
    {
        switch (outcome)
        {
            case PaymentOutcome.Accepted: RecordAccepted(); break;
            case PaymentOutcome.Rejected: RecordRejected(reasonCode); break;
            case PaymentOutcome.TimedOut: RecordTimedOut(); break;
            case PaymentOutcome.RefusedAtSource: RecordRefusedAtSource(); break;
            default: throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome.");
        }
    }

    /// <summary>The counts so far.</summary>
    public OutcomeCounts Snapshot() => new(
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _timedOut),
        Interlocked.Read(ref _refusedAtSource),
        new SortedDictionary<string, long>(
            _rejectionsByReason.ToDictionary(static pair => pair.Key, static pair => Interlocked.Read(ref pair.Value.Value), StringComparer.Ordinal),
            StringComparer.Ordinal));

    // A mutable box so that counting an existing reason is one Interlocked.Increment, with no allocation.
    private sealed class StrongBox<T>
    {
        public T Value = default!;
    }
}

/// <summary>Payment outcome counts at one moment.</summary>
/// <param name="Accepted">Accepted payments.</param>
/// <param name="Rejected">Rejected payments (all reasons).</param>
/// <param name="TimedOut">Payments with no answer in time.</param>
/// <param name="RefusedAtSource">Payments the source refused before the hub.</param>
/// <param name="RejectionsByReason">Rejections by ISO 20022 reason code, in ordinal order.</param>
public sealed record OutcomeCounts(long Accepted, long Rejected, long TimedOut, long RefusedAtSource, IReadOnlyDictionary<string, long> RejectionsByReason)
{
    /// <summary>Payments the switch answered: accepted plus rejected.</summary>
    public long Completed => Accepted + Rejected;
}
