using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.Payments;

/// <summary>
/// The HIGH-priority deadlines of one partition: a min-heap of (UETR, deadline) pre-sized so scheduling allocates
/// nothing. Entries are never removed early; <see cref="TryPopDue"/> hands back every due entry and the engine
/// ignores those whose payment already ended (lazy deletion keeps scheduling O(log n) and removal free).
/// </summary>
public sealed class DeadlineScheduler
{
    private readonly PriorityQueue<Uetr, long> _queue;

    /// <summary>Creates a scheduler sized for <paramref name="capacity"/> outstanding deadlines.</summary>
    public DeadlineScheduler(int capacity = 1024) => _queue = new PriorityQueue<Uetr, long>(capacity);

    /// <summary>How many deadlines are outstanding (including ones whose payments already ended).</summary>
    public int Count => _queue.Count;

    /// <summary>The earliest outstanding deadline, if any: a host arms one timer for it.</summary>
    public DateTimeOffset? Next => _queue.TryPeek(out _, out var ticks) ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Schedules <paramref name="uetr"/> to be checked at <paramref name="deadline"/>.</summary>
    public void Schedule(Uetr uetr, DateTimeOffset deadline) => _queue.Enqueue(uetr, deadline.UtcTicks);

    /// <summary>Pops one entry due at or before <paramref name="now"/>.</summary>
    public bool TryPopDue(DateTimeOffset now, out Uetr uetr, out DateTimeOffset deadline)
    {
        if (_queue.TryPeek(out uetr, out var ticks) && ticks <= now.UtcTicks)
        {
            _queue.Dequeue();
            deadline = new DateTimeOffset(ticks, TimeSpan.Zero);
            return true;
        }

        uetr = default;
        deadline = default;
        return false;
    }

    /// <summary>Forgets every deadline, keeping the memory.</summary>
    public void Clear() => _queue.Clear();
}
