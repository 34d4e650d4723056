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

    /// <summary>Looks a payment up.</summary>
    public bool TryGet(Uetr uetr, out PaymentRecord record)
    {
        if (_index.TryGetValue(uetr, out var slot))
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

        if (!_index.TryGetValue(e.Uetr, out var slot))
        {
            // Only Received may start a payment (the transition table says so for every other event).
            return false;
        }

        ref var r = ref _slots[slot];
        if (!PaymentTransitions.TryNext(r.State, e.Kind, out var to))
        {
            return false;
        }

        r.State = to;
        r.UpdatedAt = e.At;
        switch (e.Kind)
        {
            case PaymentEventKind.Forwarded:
                r.LastStatus = TransactionStatus.ACSP;
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
    }

    private bool ApplyReceived(in PaymentEvent e)
    {
        // One lookup that inserts: an existing entry means the UETR is already in the book, which the table forbids.
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, e.Uetr, out var exists);
        if (exists)
        {
            return false;
        }

        if (!PaymentTransitions.TryNext(PaymentState.None, e.Kind, out var to))
        {
            _index.Remove(e.Uetr);
            return false;
        }

        slot = Allocate();
        _slots[slot] = new Slot { Uetr = e.Uetr, State = to, ReceivedAt = e.At, UpdatedAt = e.At, LastStatus = TransactionStatus.ACTC };
        _facts[slot] = e.Facts;
        return true;
    }

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

    // The mutable part of a record: scalars only, so updating it needs no GC write barrier.
    private struct Slot
    {
        public Uetr Uetr;
        public PaymentState State;
        public DateTimeOffset ReceivedAt;
        public DateTimeOffset UpdatedAt;
        public bool DestinationAcknowledged;
        public TransactionStatus LastStatus;
        public StatusReasonCode Reason;
        public bool ReturnMovedLedger;
    }
}
