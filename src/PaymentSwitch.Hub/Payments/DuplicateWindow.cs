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
/// The idempotency memory of the hub: per UETR, the canonical content hash and the stored outcome, bounded in time
/// (entries older than <see cref="Window"/> are forgotten) and in memory (at most <see cref="Capacity"/> entries; the
/// oldest is evicted first). Single writer; allocation-free after construction.
/// </summary>
/// <typeparam name="TOutcome">What is remembered about the payment (the engine stores a handle to its state).</typeparam>
/// <remarks>
/// Entries live in a ring buffer in arrival order, which for one writer reading one <see cref="TimeProvider"/> is also
/// time order, so expiry and size eviction both pop from the same end in O(1). The UETR index is a dictionary sized
/// for <see cref="Capacity"/> up front so it never rehashes on the hot path.
/// </remarks>
public sealed class DuplicateWindow<TOutcome>
    where TOutcome : struct
{
    private readonly Entry[] _ring;
    private readonly Dictionary<Uetr, int> _index;
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
        _index = new Dictionary<Uetr, int>(capacity);
    }

    /// <summary>How long a UETR is remembered.</summary>
    public TimeSpan Window { get; }

    /// <summary>The most UETRs remembered at once.</summary>
    public int Capacity { get; }

    /// <summary>How many UETRs are remembered now (expired entries count until the next <see cref="TryExpireOldest"/> or <see cref="Record"/>).</summary>
    public int Count => _count;

    /// <summary>Looks a UETR up without changing anything. Entries older than the window count as <see cref="DuplicateCheck.New"/>.</summary>
    public DuplicateCheck Check(Uetr uetr, ContentHash hash, DateTimeOffset now, out TOutcome stored)
    {
        if (_index.TryGetValue(uetr, out var slot))
        {
            ref var entry = ref _ring[slot];
            if (now.UtcTicks - entry.RecordedUtcTicks < _windowTicks)
            {
                stored = entry.Outcome;
                return entry.Hash == hash ? DuplicateCheck.SameContent : DuplicateCheck.DifferentContent;
            }
        }

        stored = default;
        return DuplicateCheck.New;
    }

    /// <summary>
    /// Remembers a new UETR. Expired entries are dropped first, then, if the window is full, the oldest entry;
    /// the dropped UETR (if any) is returned through <paramref name="evicted"/> so the owner can free what it refers to.
    /// </summary>
    /// <returns><c>true</c> if an entry was evicted to make room.</returns>
    public bool Record(Uetr uetr, ContentHash hash, TOutcome outcome, DateTimeOffset now, out Uetr evicted, out TOutcome evictedOutcome)
    {
        evicted = default;
        evictedOutcome = default;
        var didEvict = false;
        if (_index.ContainsKey(uetr))
        {
            // An expired entry for the same UETR is still indexed: drop it so the UETR starts afresh.
            RemoveIndexed(uetr);
        }

        if (_count == Capacity)
        {
            didEvict = PopOldest(out evicted, out evictedOutcome);
        }

        var tail = (_head + _count) % Capacity;
        _ring[tail] = new Entry(uetr, hash, now.UtcTicks, outcome, live: true);
        _index[uetr] = tail;
        _count++;
        return didEvict;
    }

    /// <summary>Replaces the stored outcome of a remembered UETR; returns <c>false</c> if it is not remembered.</summary>
    public bool Update(Uetr uetr, TOutcome outcome)
    {
        if (!_index.TryGetValue(uetr, out var slot))
        {
            return false;
        }

        _ring[slot].Outcome = outcome;
        return true;
    }

    /// <summary>Drops the oldest entry if it is older than the window; call in a loop (or from a tick) to expire.</summary>
    /// <returns><c>true</c> if an entry expired.</returns>
    public bool TryExpireOldest(DateTimeOffset now, out Uetr expired, out TOutcome expiredOutcome)
    {
        while (_count > 0)
        {
            ref var oldest = ref _ring[_head];
            if (!oldest.Live)
            {
                // A tombstone left by a re-recorded UETR: skip it.
                Advance();
                continue;
            }

            if (now.UtcTicks - oldest.RecordedUtcTicks < _windowTicks)
            {
                break;
            }

            return PopOldest(out expired, out expiredOutcome);
        }

        expired = default;
        expiredOutcome = default;
        return false;
    }

    /// <summary>Forgets everything (keeps the memory).</summary>
    public void Clear()
    {
        Array.Clear(_ring);
        _index.Clear();
        _head = 0;
        _count = 0;
    }

    private bool PopOldest(out Uetr evicted, out TOutcome evictedOutcome)
    {
        while (_count > 0)
        {
            var oldest = _ring[_head];
            Advance();
            if (oldest.Live)
            {
                _index.Remove(oldest.Uetr);
                evicted = oldest.Uetr;
                evictedOutcome = oldest.Outcome;
                return true;
            }
        }

        evicted = default;
        evictedOutcome = default;
        return false;
    }

    private void Advance()
    {
        _ring[_head] = default;
        _head = (_head + 1) % Capacity;
        _count--;
    }

    private void RemoveIndexed(Uetr uetr)
    {
        // Leave a tombstone in the ring (it keeps time order) and drop the index entry.
        _index.Remove(uetr, out var slot);
        _ring[slot].Live = false;
    }

    private struct Entry(Uetr uetr, ContentHash hash, long recordedUtcTicks, TOutcome outcome, bool live)
    {
        public readonly Uetr Uetr = uetr;
        public readonly ContentHash Hash = hash;
        public readonly long RecordedUtcTicks = recordedUtcTicks;
        public TOutcome Outcome = outcome;
        public bool Live = live;
    }
}
