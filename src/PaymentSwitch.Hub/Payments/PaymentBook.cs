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
/// events into a new book gives an equal book (the journal of a later issue relies on it). Records live in a
/// pre-sized array with a free list, indexed by UETR, so steady-state operation allocates nothing.
/// </summary>
public sealed class PaymentBook
{
    private readonly Dictionary<Uetr, int> _index;
    private PaymentRecord[] _records;
    private int[] _free;
    private int _freeCount;
    private int _highWater;

    /// <summary>Creates a book sized for <paramref name="capacity"/> payments (it grows if needed).</summary>
    public PaymentBook(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _index = new Dictionary<Uetr, int>(capacity);
        _records = new PaymentRecord[capacity];
        _free = new int[capacity];
    }

    /// <summary>How many payments are held.</summary>
    public int Count => _index.Count;

    /// <summary>Looks a payment up.</summary>
    public bool TryGet(Uetr uetr, out PaymentRecord record)
    {
        if (_index.TryGetValue(uetr, out var slot))
        {
            record = _records[slot];
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
        var exists = _index.TryGetValue(e.Uetr, out var slot);
        var from = exists ? _records[slot].State : PaymentState.None;
        if (!PaymentTransitions.TryNext(from, e.Kind, out var to))
        {
            return false;
        }

        if (!exists)
        {
            slot = Allocate();
            _index.Add(e.Uetr, slot);
            _records[slot] = new PaymentRecord(e.Uetr, to, e.Facts, e.At, e.At, false, TransactionStatus.ACTC, StatusReasonCode.None, false);
            return true;
        }

        ref var r = ref _records[slot];
        r = e.Kind switch
        {
            PaymentEventKind.Validated => r with { State = to, UpdatedAt = e.At },
            PaymentEventKind.Reserved => r with { State = to, UpdatedAt = e.At },
            PaymentEventKind.Forwarded => r with { State = to, UpdatedAt = e.At, LastStatus = TransactionStatus.ACSP },
            PaymentEventKind.InterimStatus => r with { State = to, UpdatedAt = e.At, DestinationAcknowledged = true, LastStatus = e.Status == TransactionStatus.ACWP ? TransactionStatus.ACWP : r.LastStatus },
            PaymentEventKind.Accepted => r with { State = to, UpdatedAt = e.At, DestinationAcknowledged = true, LastStatus = e.Status },
            PaymentEventKind.Rejected or PaymentEventKind.TimedOut => r with { State = to, UpdatedAt = e.At, LastStatus = TransactionStatus.RJCT, Reason = e.Reason },
            PaymentEventKind.LateAcceptanceRecorded => r with { State = to, UpdatedAt = e.At, DestinationAcknowledged = true },
            PaymentEventKind.ReturnRequested => r with { State = to, UpdatedAt = e.At },
            PaymentEventKind.Returned => r with { State = to, UpdatedAt = e.At, Reason = e.Reason, ReturnMovedLedger = e.LedgerMoved },
            PaymentEventKind.RecallRequested or PaymentEventKind.RecallRejected => r with { State = to, UpdatedAt = e.At },
            PaymentEventKind.Recalled => r with { State = to, UpdatedAt = e.At, ReturnMovedLedger = e.LedgerMoved },
            _ => r,
        };
        return true;
    }

    /// <summary>Forgets a payment (after its duplicate-window entry expired). Not an event: forgetting is not a state change of the payment.</summary>
    public bool Remove(Uetr uetr)
    {
        if (!_index.Remove(uetr, out var slot))
        {
            return false;
        }

        _records[slot] = default;
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
            result[i++] = _records[slot];
        }

        Array.Sort(result, static (a, b) => a.Uetr.Value.CompareTo(b.Uetr.Value));
        return result;
    }

    /// <summary>Forgets everything, keeping the memory.</summary>
    public void Clear()
    {
        _index.Clear();
        Array.Clear(_records);
        _freeCount = 0;
        _highWater = 0;
    }

    private int Allocate()
    {
        if (_freeCount > 0)
        {
            return _free[--_freeCount];
        }

        if (_highWater == _records.Length)
        {
            Array.Resize(ref _records, _records.Length * 2);
        }

        return _highWater++;
    }
}
