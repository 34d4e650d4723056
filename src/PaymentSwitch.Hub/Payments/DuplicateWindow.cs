using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.Payments;

/// <summary>What the duplicate window knows about a UETR.</summary>
public enum DuplicateCheck
{
    /// <summary>Not seen within the window: a new payment.</summary>
    New,

    /// <summary>Seen with the same canonical content: a resend; answer with the stored outcome, change nothing.</summary>
    SameContent,

    /// <summary>Seen with different content: the UETR is being reused for another payment (DUPL).</summary>
    DifferentContent,
}

/// <summary>
/// The retention order of the hub's idempotency memory: which UETRs are remembered, oldest first, bounded in time
/// (entries older than <see cref="Window"/> are forgotten) and in memory (at most <see cref="Capacity"/> entries; the
/// oldest is evicted first). What is remembered about each UETR (its content hash and the outcome the sender was
/// told) lives in the <see cref="PaymentBook"/>, whose UETR index serves both: one table probe per lookup, not two.
/// Single writer; allocation-free after construction.
/// </summary>
/// <remarks>
/// Entries live in a ring buffer in arrival order, which for one writer reading one <see cref="TimeProvider"/> is also
/// time order, so expiry and size eviction both pop from the same end in O(1). Each entry carries the time it was
/// recorded, so the owner can tell a popped entry from a newer incarnation of the same UETR (one reused after its
/// window passed) and leave the newer one alone.
/// </remarks>
public sealed class DuplicateWindow
{
    private readonly Entry[] _ring;
    private readonly long _windowTicks;
    private int _head;
    private int _count;

    /// <summary>Creates a window.</summary>
    /// <param name="window">How long a UETR is remembered (for example 24 hours).</param>
    /// <param name="capacity">The most UETRs remembered at once; the oldest is evicted to make room.</param>
    public DuplicateWindow(TimeSpan window, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Window = window;
        Capacity = capacity;
        _windowTicks = window.Ticks;
        _ring = new Entry[capacity];
    }

    /// <summary>How long a UETR is remembered.</summary>
    public TimeSpan Window { get; }

    /// <summary>The most UETRs remembered at once.</summary>
    public int Capacity { get; }

    /// <summary>How many UETRs are remembered now (expired entries count until <see cref="TryExpireOldest"/> pops them).</summary>
    public int Count => _count;

    /// <summary>Whether something recorded at <paramref name="recordedAt"/> is still inside the window at <paramref name="now"/>.</summary>
    public bool IsWithin(DateTimeOffset recordedAt, DateTimeOffset now) => now.UtcTicks - recordedAt.UtcTicks < _windowTicks;

    /// <summary>Remembers a UETR recorded at <paramref name="now"/>; if the window is full, the oldest entry is evicted and returned.</summary>
    /// <returns><c>true</c> if an entry was evicted to make room.</returns>
    public bool Record(Uetr uetr, DateTimeOffset now, out Uetr evicted, out DateTimeOffset evictedRecordedAt)
    {
        var didEvict = false;
        evicted = default;
        evictedRecordedAt = default;
        if (_count == Capacity)
        {
            (evicted, evictedRecordedAt) = Pop();
            didEvict = true;
        }

        _ring[(_head + _count) % Capacity] = new Entry(uetr, now.UtcTicks);
        _count++;
        return didEvict;
    }

    /// <summary>Pops the oldest entry if it is older than the window; call in a loop (or from a tick) to expire.</summary>
    /// <returns><c>true</c> if an entry expired.</returns>
    public bool TryExpireOldest(DateTimeOffset now, out Uetr expired, out DateTimeOffset recordedAt)
    {
        if (_count > 0 && now.UtcTicks - _ring[_head].RecordedUtcTicks >= _windowTicks)
        {
            (expired, recordedAt) = Pop();
            return true;
        }

        expired = default;
        recordedAt = default;
        return false;
    }

    /// <summary>Forgets everything (keeps the memory).</summary>
    public void Clear()
    {
        Array.Clear(_ring);
        _head = 0;
        _count = 0;
    }

    private (Uetr Uetr, DateTimeOffset RecordedAt) Pop()
    {
        var oldest = _ring[_head];
        _ring[_head] = default;
        _head = (_head + 1) % Capacity;
        _count--;
        return (oldest.Uetr, new DateTimeOffset(oldest.RecordedUtcTicks, TimeSpan.Zero));
    }

    private readonly record struct Entry(Uetr Uetr, long RecordedUtcTicks);
}
