using System.Collections.Frozen;
using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.Ledger;

/// <summary>Which state change a <see cref="LedgerEvent"/> records.</summary>
public enum LedgerEventKind
{
    /// <summary>A position was configured (kind and limit); see <see cref="LiquidityLedger.Configure"/>.</summary>
    LimitConfigured = 1,

    /// <summary>Legs were reserved on their debtors, all or none.</summary>
    Reserved = 2,

    /// <summary>A pending reservation moved into positions and into the open settlement cycle.</summary>
    Committed = 3,

    /// <summary>A pending reservation was freed (rejection or timeout).</summary>
    Released = 4,

    /// <summary>The open settlement cycle closed and the next one opened.</summary>
    CycleClosed = 5,
}

/// <summary>
/// One state change of a <see cref="LiquidityLedger"/>: the source of truth. The ledger's operations decide, emit an
/// event, and apply it; <see cref="LiquidityLedger.Apply"/> of the same events in the same order rebuilds an equal ledger.
/// </summary>
/// <remarks>
/// A struct union rather than a class hierarchy, so emitting one costs no allocation on the hot path: the one or two
/// legs of a payment are held inline and only a reservation with three or more legs carries an array.
/// <see cref="Sequence"/> numbers events from 1 without gaps; a journal (JetStream) can use it as the message id and a
/// replay skips events already applied.
/// </remarks>
public readonly struct LedgerEvent : IEquatable<LedgerEvent>
{
    private readonly TransferLeg _leg0;
    private readonly TransferLeg _leg1;
    private readonly TransferLeg[]? _moreLegs;

    private LedgerEvent(
        LedgerEventKind kind,
        long sequence,
        ReservationId reservation = default,
        Bic participant = default,
        Currency currency = default,
        LiquidityLimitKind limitKind = default,
        long limitMinor = 0,
        ReadOnlySpan<TransferLeg> legs = default,
        long cycleNumber = 0,
        DateTimeOffset at = default,
        FrozenDictionary<Currency, IpsId>? ipsByCurrency = null)
    {
        Kind = kind;
        Sequence = sequence;
        Reservation = reservation;
        Participant = participant;
        Currency = currency;
        LimitKind = limitKind;
        LimitMinor = limitMinor;
        LegCount = legs.Length;
        _leg0 = legs.Length > 0 ? legs[0] : default;
        _leg1 = legs.Length > 1 ? legs[1] : default;
        _moreLegs = legs.Length > 2 ? legs[2..].ToArray() : null;
        CycleNumber = cycleNumber;
        At = at;
        IpsByCurrency = ipsByCurrency;
    }

    /// <summary>Which state change this is.</summary>
    public LedgerEventKind Kind { get; }

    /// <summary>The ledger's event number, from 1, without gaps.</summary>
    public long Sequence { get; }

    /// <summary>The reservation (<see cref="LedgerEventKind.Reserved"/>, <see cref="LedgerEventKind.Committed"/>, <see cref="LedgerEventKind.Released"/>).</summary>
    public ReservationId Reservation { get; }

    /// <summary>The participant (<see cref="LedgerEventKind.LimitConfigured"/>).</summary>
    public Bic Participant { get; }

    /// <summary>The currency of the position (<see cref="LedgerEventKind.LimitConfigured"/>).</summary>
    public Currency Currency { get; }

    /// <summary>The limit kind (<see cref="LedgerEventKind.LimitConfigured"/>).</summary>
    public LiquidityLimitKind LimitKind { get; }

    /// <summary>The limit in minor units (<see cref="LedgerEventKind.LimitConfigured"/>).</summary>
    public long LimitMinor { get; }

    /// <summary>The number of legs (<see cref="LedgerEventKind.Reserved"/>); read them with <see cref="GetLeg"/>.</summary>
    public int LegCount { get; }

    /// <summary>
    /// The cycle a commit was recorded in (<see cref="LedgerEventKind.Committed"/>) or the cycle that closed
    /// (<see cref="LedgerEventKind.CycleClosed"/>).
    /// </summary>
    public long CycleNumber { get; }

    /// <summary>When the cycle closed (<see cref="LedgerEventKind.CycleClosed"/>).</summary>
    public DateTimeOffset At { get; }

    /// <summary>Which IPS settles each currency of the closed cycle (<see cref="LedgerEventKind.CycleClosed"/>).</summary>
    public FrozenDictionary<Currency, IpsId>? IpsByCurrency { get; }

    /// <summary>Leg <paramref name="index"/> of a <see cref="LedgerEventKind.Reserved"/> event.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not below <see cref="LegCount"/>.</exception>
    public TransferLeg GetLeg(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, LegCount);
        return index switch
        {
            0 => _leg0,
            1 => _leg1,
            _ => _moreLegs![index - 2],
        };
    }

    /// <summary>A position was configured.</summary>
    public static LedgerEvent LimitConfigured(long sequence, Bic participant, Currency currency, LiquidityLimitKind kind, long limitMinor) =>
        new(LedgerEventKind.LimitConfigured, sequence, participant: participant, currency: currency, limitKind: kind, limitMinor: limitMinor);

    /// <summary>Legs were reserved; the legs are copied (inline for up to two).</summary>
    public static LedgerEvent Reserved(long sequence, ReservationId reservation, ReadOnlySpan<TransferLeg> legs) =>
        new(LedgerEventKind.Reserved, sequence, reservation: reservation, legs: legs);

    /// <summary>A reservation was committed into cycle <paramref name="cycleNumber"/>.</summary>
    public static LedgerEvent Committed(long sequence, ReservationId reservation, long cycleNumber) =>
        new(LedgerEventKind.Committed, sequence, reservation: reservation, cycleNumber: cycleNumber);

    /// <summary>A reservation was released.</summary>
    public static LedgerEvent Released(long sequence, ReservationId reservation) =>
        new(LedgerEventKind.Released, sequence, reservation: reservation);

    /// <summary>Cycle <paramref name="cycleNumber"/> closed at <paramref name="at"/>.</summary>
    public static LedgerEvent CycleClosed(long sequence, long cycleNumber, DateTimeOffset at, FrozenDictionary<Currency, IpsId> ipsByCurrency) =>
        new(LedgerEventKind.CycleClosed, sequence, cycleNumber: cycleNumber, at: at, ipsByCurrency: ipsByCurrency);

    /// <inheritdoc/>
    public bool Equals(LedgerEvent other)
    {
        if (Kind != other.Kind || Sequence != other.Sequence || Reservation != other.Reservation || Participant != other.Participant
            || Currency != other.Currency || LimitKind != other.LimitKind || LimitMinor != other.LimitMinor || LegCount != other.LegCount
            || CycleNumber != other.CycleNumber || At != other.At)
        {
            return false;
        }

        for (var i = 0; i < LegCount; i++)
        {
            if (GetLeg(i) != other.GetLeg(i))
            {
                return false;
            }
        }

        if (IpsByCurrency is null || other.IpsByCurrency is null)
        {
            return IpsByCurrency is null && other.IpsByCurrency is null;
        }

        if (IpsByCurrency.Count != other.IpsByCurrency.Count)
        {
            return false;
        }

        foreach (var (currency, ips) in IpsByCurrency)
        {
            if (!other.IpsByCurrency.TryGetValue(currency, out var otherIps) || otherIps != ips)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is LedgerEvent other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Sequence, Reservation, Participant, Currency, LegCount, CycleNumber);

    /// <summary>Returns a one-line description, for logs and test failures.</summary>
    public override string ToString() => Kind switch
    {
        LedgerEventKind.LimitConfigured => $"#{Sequence} LimitConfigured {Participant} {Currency} {LimitKind} {LimitMinor}",
        LedgerEventKind.Reserved => $"#{Sequence} Reserved {Reservation} ({LegCount} legs)",
        LedgerEventKind.Committed => $"#{Sequence} Committed {Reservation} in cycle {CycleNumber}",
        LedgerEventKind.Released => $"#{Sequence} Released {Reservation}",
        LedgerEventKind.CycleClosed => $"#{Sequence} CycleClosed {CycleNumber} at {At:O}",
        _ => $"#{Sequence} {Kind}",
    };

    /// <summary>Compares two events field by field.</summary>
    public static bool operator ==(LedgerEvent left, LedgerEvent right) => left.Equals(right);

    /// <summary>Compares two events field by field.</summary>
    public static bool operator !=(LedgerEvent left, LedgerEvent right) => !left.Equals(right);
}

/// <summary>
/// Receives every event a <see cref="LiquidityLedger"/> emits, before it is applied, on the writer's thread.
/// A journal (JetStream) implements this; it must not call back into the ledger.
/// </summary>
public interface ILedgerEventSink
{
    /// <summary>Takes one event; called once per state change, in <see cref="LedgerEvent.Sequence"/> order.</summary>
    void Append(in LedgerEvent ledgerEvent);
}

/// <summary>
/// A reusable, bounded event buffer: the writer appends, the host reads <see cref="Events"/> after a batch, journals
/// them and calls <see cref="Clear"/>. Allocates nothing in steady state.
/// </summary>
public sealed class LedgerEventBuffer : ILedgerEventSink
{
    private readonly int _maxCount;
    private LedgerEvent[] _events;
    private int _count;

    /// <summary>Creates a buffer.</summary>
    /// <param name="initialCapacity">Events held before the first growth.</param>
    /// <param name="maxCount">The bound: appending beyond it means the host stopped draining, a programmer error that fails fast.</param>
    public LedgerEventBuffer(int initialCapacity = 1024, int maxCount = 1 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, initialCapacity);
        _events = new LedgerEvent[initialCapacity];
        _maxCount = maxCount;
    }

    /// <summary>The events appended since the last <see cref="Clear"/>, oldest first.</summary>
    public ReadOnlySpan<LedgerEvent> Events => _events.AsSpan(0, _count);

    /// <summary>How many events are buffered.</summary>
    public int Count => _count;

    /// <inheritdoc/>
    public void Append(in LedgerEvent ledgerEvent)
    {
        if (_count == _events.Length)
        {
            LedgerInvariant.Assert(_count < _maxCount, "The ledger event buffer is full: the host must drain it after each batch.");
            Array.Resize(ref _events, Math.Min(_events.Length * 2, _maxCount));
        }

        _events[_count++] = ledgerEvent;
    }

    /// <summary>Copies the buffered events into a new array (for tests and journaling hosts that need a list).</summary>
    public LedgerEvent[] ToArray() => Events.ToArray();

    /// <summary>Forgets the buffered events, keeping the storage.</summary>
    public void Clear()
    {
        // Clearing drops references to leg arrays and IPS maps so they can be collected.
        Array.Clear(_events, 0, _count);
        _count = 0;
    }
}
