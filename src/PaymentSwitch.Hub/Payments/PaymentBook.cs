using System.Runtime.InteropServices;
using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.Payments;

/// <summary>The state of one payment, as rebuilt from its events.</summary>
/// <param name="Uetr">The payment's key.</param>
/// <param name="State">Where it is in the lifecycle.</param>
/// <param name="Facts">What the hub decided when it took the payment in.</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="UpdatedAt">When the last event was applied.</param>
/// <param name="DestinationAcknowledged">Whether the destination sent any pacs.002 (decides AB05 against AB06 on timeout).</param>
/// <param name="LastStatus">The last status the sender was or would be told (ACSP while pending, the final status after).</param>
/// <param name="Reason">The reason code of a rejection, timeout or return.</param>
/// <param name="ReturnMovedLedger">Whether a return or recall moved money back in the ledger (reservation <c>ReservationId.ForReturn</c>).</param>
public readonly record struct PaymentRecord(
    Uetr Uetr,
    PaymentState State,
    PaymentFacts Facts,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    bool DestinationAcknowledged,
    TransactionStatus LastStatus,
    StatusReasonCode Reason,
    bool ReturnMovedLedger);

/// <summary>
/// All payment state of one partition, changed only by <see cref="Apply"/>: the single writer. Replaying the same
/// events into a new book gives an equal book (the journal of a later issue relies on it). Records live in
/// pre-sized arrays with a free list, indexed by UETR, so steady-state operation allocates nothing.
/// </summary>
public sealed class PaymentBook
{
    private readonly Dictionary<Uetr, int> _index;

    // The facts are written once (Received) and the small mutable part on every event: keeping them apart means an
    // event rewrites a few scalar fields in place instead of copying a whole record with its references.
    private Slot[] _slots;
    private PaymentFacts[] _facts;
    private int[] _free;
    private int _freeCount;
    private int _highWater;

    // The payment touched last: the engine applies several events to one payment in a row (Received, Validated,
    // Reserved, Forwarded), and remembering its slot saves a table probe for each of them.
    private Uetr _lastUetr;
    private int _lastSlot = -1;

    // HIGH-priority payments waiting for their destination, in deadline order: an intrusive doubly linked list through
    // the slots. Linking and unlinking are O(1) (a deadline is almost always the latest so far), so a payment that
    // completes leaves the list at once and the list never holds more than the payments in flight.
    private int _deadlineHead = -1;
    private int _deadlineTail = -1;

    /// <summary>Creates a book sized for <paramref name="capacity"/> payments (it grows if needed).</summary>
    public PaymentBook(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _index = new Dictionary<Uetr, int>(capacity);
        _slots = new Slot[capacity];
        _facts = new PaymentFacts[capacity];
        _free = new int[capacity];
    }

    /// <summary>How many payments are held.</summary>
    public int Count => _index.Count;

    /// <summary>How many slots the book has now (it doubles when full); the ledger sizes its slot-held reservations by it.</summary>
    internal int SlotCapacity => _slots.Length;

    /// <summary>
    /// The slot of a held payment: stable from its Received event until it is removed, so the engine's ledger keeps the
    /// payment's reservation at the same index instead of in a second UETR-keyed table.
    /// </summary>
    internal bool TryGetSlot(Uetr uetr, out int slot) => TryFindSlot(uetr, out slot);

    /// <summary>The record of the payment at a slot found by <see cref="TryGetSlot"/>.</summary>
    internal PaymentRecord RecordAt(int slot) => ToRecord(slot);

    /// <summary>Looks a payment up.</summary>
    public bool TryGet(Uetr uetr, out PaymentRecord record)
    {
        if (TryFindSlot(uetr, out var slot))
        {
            record = ToRecord(slot);
            return true;
        }

        record = default;
        return false;
    }

    /// <summary>
    /// Applies one event: checks the transition table and changes the record. An illegal transition changes nothing
    /// and returns <c>false</c>; the caller decides whether that is a business answer or a programmer error.
    /// </summary>
    public bool Apply(in PaymentEvent e)
    {
        if (e.Kind == PaymentEventKind.Received)
        {
            return ApplyReceived(e);
        }

        if (!TryFindSlot(e.Uetr, out var slot))
        {
            // Only Received may start a payment (the transition table says so for every other event).
            return false;
        }

        ref var r = ref _slots[slot];
        if (!PaymentTransitions.TryNext(r.State, e.Kind, out var to))
        {
            return false;
        }

        if (r.DeadlineLinked && to != PaymentState.Forwarded)
        {
            // The payment stopped waiting for its destination (answered, rejected, timed out): no deadline any more.
            UnlinkDeadline(slot);
        }

        r.State = to;
        r.UpdatedTicks = e.AtTicks;
        r.UpdatedOffsetMinutes = e.AtOffsetMinutes;
        switch (e.Kind)
        {
            case PaymentEventKind.Forwarded:
                r.LastStatus = TransactionStatus.ACSP;
                if (_facts[slot].Deadline is { } deadline)
                {
                    LinkDeadline(slot, deadline.UtcTicks);
                }

                break;
            case PaymentEventKind.InterimStatus:
                r.DestinationAcknowledged = true;
                if (e.Status == TransactionStatus.ACWP)
                {
                    r.LastStatus = TransactionStatus.ACWP;
                }

                break;
            case PaymentEventKind.Accepted:
                r.DestinationAcknowledged = true;
                r.LastStatus = e.Status;
                break;
            case PaymentEventKind.Rejected or PaymentEventKind.TimedOut:
                r.LastStatus = TransactionStatus.RJCT;
                r.Reason = e.Reason;
                break;
            case PaymentEventKind.LateAcceptanceRecorded:
                r.DestinationAcknowledged = true;
                break;
            case PaymentEventKind.Returned:
                r.Reason = e.Reason;
                r.ReturnMovedLedger = e.LedgerMoved;
                break;
            case PaymentEventKind.Recalled:
                r.ReturnMovedLedger = e.LedgerMoved;
                break;
            default:
                // Validated, Reserved, ReturnRequested, RecallRequested, RecallRejected: the state and time only.
                break;
        }

        return true;
    }

    /// <summary>Forgets a payment (after its duplicate-window entry expired). Not an event: forgetting is not a state change of the payment.</summary>
    public bool Remove(Uetr uetr)
    {
        if (!_index.Remove(uetr, out var slot))
        {
            return false;
        }

        if (_slots[slot].DeadlineLinked)
        {
            UnlinkDeadline(slot);
        }

        if (_lastSlot == slot)
        {
            _lastSlot = -1;
        }

        _slots[slot] = default;
        _facts[slot] = default;
        if (_freeCount == _free.Length)
        {
            Array.Resize(ref _free, _free.Length * 2);
        }

        _free[_freeCount++] = slot;
        return true;
    }

    /// <summary>Every record, ordered by UETR: for replay comparisons and diagnostics (allocates).</summary>
    public PaymentRecord[] Snapshot()
    {
        var result = new PaymentRecord[_index.Count];
        var i = 0;
        foreach (var slot in _index.Values)
        {
            result[i++] = ToRecord(slot);
        }

        Array.Sort(result, static (a, b) => a.Uetr.Value.CompareTo(b.Uetr.Value));
        return result;
    }

    /// <summary>Forgets everything, keeping the memory.</summary>
    public void Clear()
    {
        _index.Clear();
        Array.Clear(_slots);
        Array.Clear(_facts);
        _freeCount = 0;
        _highWater = 0;
        _lastSlot = -1;
        _deadlineHead = -1;
        _deadlineTail = -1;
    }

    /// <summary>The earliest deadline of a payment still waiting for its destination, if any.</summary>
    public DateTimeOffset? NextDeadline => _deadlineHead < 0 ? null : new DateTimeOffset(_slots[_deadlineHead].DeadlineTicks, TimeSpan.Zero);

    /// <summary>The payment with the earliest deadline, if it is due at or before <paramref name="now"/>.</summary>
    public bool TryPeekDue(DateTimeOffset now, out PaymentRecord record)
    {
        if (_deadlineHead >= 0 && _slots[_deadlineHead].DeadlineTicks <= now.UtcTicks)
        {
            record = ToRecord(_deadlineHead);
            return true;
        }

        record = default;
        return false;
    }

    /// <summary>How many payments wait for their destination with a deadline (diagnostics and tests; walks the list).</summary>
    public int DeadlineCount
    {
        get
        {
            var count = 0;
            for (var slot = _deadlineHead; slot >= 0; slot = _slots[slot].DeadlineNext)
            {
                count++;
            }

            return count;
        }
    }

    private bool TryFindSlot(Uetr uetr, out int slot)
    {
        if (_lastSlot >= 0 && _lastUetr == uetr)
        {
            slot = _lastSlot;
            return true;
        }

        if (_index.TryGetValue(uetr, out slot))
        {
            _lastUetr = uetr;
            _lastSlot = slot;
            return true;
        }

        return false;
    }

    private void LinkDeadline(int slot, long ticks)
    {
        ref var r = ref _slots[slot];
        r.DeadlineTicks = ticks;
        r.DeadlineLinked = true;

        // Walk back from the tail to the last entry due no later than this one (almost always the tail itself).
        var after = _deadlineTail;
        while (after >= 0 && _slots[after].DeadlineTicks > ticks)
        {
            after = _slots[after].DeadlinePrev;
        }

        r.DeadlinePrev = after;
        r.DeadlineNext = after >= 0 ? _slots[after].DeadlineNext : _deadlineHead;
        if (r.DeadlineNext >= 0)
        {
            _slots[r.DeadlineNext].DeadlinePrev = slot;
        }
        else
        {
            _deadlineTail = slot;
        }

        if (after >= 0)
        {
            _slots[after].DeadlineNext = slot;
        }
        else
        {
            _deadlineHead = slot;
        }
    }

    private void UnlinkDeadline(int slot)
    {
        ref var r = ref _slots[slot];
        if (r.DeadlinePrev >= 0)
        {
            _slots[r.DeadlinePrev].DeadlineNext = r.DeadlineNext;
        }
        else
        {
            _deadlineHead = r.DeadlineNext;
        }

        if (r.DeadlineNext >= 0)
        {
            _slots[r.DeadlineNext].DeadlinePrev = r.DeadlinePrev;
        }
        else
        {
            _deadlineTail = r.DeadlinePrev;
        }

        r.DeadlineLinked = false;
        r.DeadlinePrev = -1;
        r.DeadlineNext = -1;
    }

    private bool ApplyReceived(in PaymentEvent e)
    {
        // A replayed event's facts are read once (from the emitting book or the event's own copy) and stored here.
        var facts = e.Facts;
        return TryReceive(e.Uetr, e.At, facts, out _);
    }

    /// <summary>
    /// The engine's Received: the same transition as applying <see cref="PaymentEvent.Received"/>, but the facts are
    /// written straight into the new slot and the event the engine emits refers to them there
    /// (<see cref="PaymentEvent.ReceivedInto"/>), so they are copied once instead of into every event.
    /// </summary>
    internal bool TryReceive(Uetr uetr, DateTimeOffset at, in PaymentFacts facts, out int slot)
    {
        // One lookup that inserts: an existing entry means the UETR is already in the book, which the table forbids.
        ref var indexed = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, uetr, out var exists);
        if (exists)
        {
            slot = -1;
            return false;
        }

        if (!PaymentTransitions.TryNext(PaymentState.None, PaymentEventKind.Received, out var to))
        {
            _index.Remove(uetr);
            slot = -1;
            return false;
        }

        slot = Allocate();
        indexed = slot;
        _slots[slot] = new Slot { Uetr = uetr, State = to, ReceivedAt = at, UpdatedAt = at, LastStatus = TransactionStatus.ACTC, DeadlinePrev = -1, DeadlineNext = -1 };
        _facts[slot] = facts;
        _lastUetr = uetr;
        _lastSlot = slot;
        return true;
    }

    /// <summary>
    /// The facts of the payment at <paramref name="slot"/>, for a Received event this book's engine emitted. The slot
    /// must still hold that payment (same UETR, received at the event's time): a slot is reused after its payment left,
    /// and an event read that late must fail rather than show another payment's facts.
    /// </summary>
    internal PaymentFacts FactsOf(int slot, Uetr uetr, DateTimeOffset receivedAt)
    {
        var held = (uint)slot < (uint)_slots.Length && _slots[slot].State != PaymentState.None
            && _slots[slot].Uetr == uetr && _slots[slot].ReceivedAt == receivedAt;
        if (!held)
        {
            ThrowFactsGone();
        }

        return _facts[slot];
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowFactsGone() =>
        throw new InvalidOperationException("The payment of this Received event has left the book: journal or publish events before their payment leaves the duplicate window.");

    private PaymentRecord ToRecord(int slot)
    {
        ref readonly var r = ref _slots[slot];
        return new PaymentRecord(r.Uetr, r.State, _facts[slot], r.ReceivedAt, r.UpdatedAt, r.DestinationAcknowledged, r.LastStatus, r.Reason, r.ReturnMovedLedger);
    }

    private int Allocate()
    {
        if (_freeCount > 0)
        {
            return _free[--_freeCount];
        }

        if (_highWater == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _facts, _facts.Length * 2);
        }

        return _highWater++;
    }

    // The mutable part of a record: scalars only, so updating it needs no GC write barrier. Times are kept as clock
    // ticks and offset, and the enums narrow, so a slot is 64 bytes (one cache line) instead of 88: a fresh engine
    // touches fewer new pages per payment. Every defined enum value fits; the event constructor checks the ranges.
    private struct Slot
    {
        public Uetr Uetr;
        public long ReceivedTicks;
        public long UpdatedTicks;
        public long DeadlineTicks;
        public int DeadlinePrev;
        public int DeadlineNext;
        public short ReceivedOffsetMinutes;
        public short UpdatedOffsetMinutes;
        public ushort ReasonCode;
        public byte StateCode;
        public byte LastStatusCode;
        public bool DestinationAcknowledged;
        public bool ReturnMovedLedger;
        public bool DeadlineLinked;

        public PaymentState State
        {
            readonly get => (PaymentState)StateCode;
            set => StateCode = (byte)value;
        }

        public TransactionStatus LastStatus
        {
            readonly get => (TransactionStatus)LastStatusCode;
            set => LastStatusCode = (byte)value;
        }

        public StatusReasonCode Reason
        {
            readonly get => (StatusReasonCode)ReasonCode;
            set => ReasonCode = (ushort)value;
        }

        public DateTimeOffset ReceivedAt
        {
            readonly get => new(ReceivedTicks, new TimeSpan(ReceivedOffsetMinutes * TimeSpan.TicksPerMinute));
            set => (ReceivedTicks, ReceivedOffsetMinutes) = (value.Ticks, (short)(value.Offset.Ticks / TimeSpan.TicksPerMinute));
        }

        public DateTimeOffset UpdatedAt
        {
            readonly get => new(UpdatedTicks, new TimeSpan(UpdatedOffsetMinutes * TimeSpan.TicksPerMinute));
            set => (UpdatedTicks, UpdatedOffsetMinutes) = (value.Ticks, (short)(value.Offset.Ticks / TimeSpan.TicksPerMinute));
        }
    }
}
