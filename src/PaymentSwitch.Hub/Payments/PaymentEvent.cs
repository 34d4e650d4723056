using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Hub.Payments;

/// <summary>
/// What the hub decided about a payment when it took it in: everything needed to rebuild its state on replay.
/// Carried by the <see cref="PaymentEventKind.Received"/> event.
/// </summary>
/// <param name="Hash">The canonical content hash (the duplicate rule compares it).</param>
/// <param name="Priority">HIGH (the hub times the payment) or NORM (the destination owns the final status).</param>
/// <param name="SourceIps">The IPS that sent the pacs.008.</param>
/// <param name="DestinationIps">The IPS the payment was routed to.</param>
/// <param name="DebtorAgent">The source PSP.</param>
/// <param name="CreditorAgent">The destination PSP, as resolved by routing.</param>
/// <param name="FxProvider">The FX provider whose quote priced the payment (<c>default</c> for a same-currency payment).</param>
/// <param name="InstructedAmount">What the debtor pays, in the source currency (<c>InstdAmt</c>).</param>
/// <param name="SettlementAmount">What the creditor agent receives, in the destination currency (<c>IntrBkSttlmAmt</c>).</param>
/// <param name="ExchangeRate">The quote's rate (<c>XchgRate</c>), kept so a return reverses at the original rate.</param>
/// <param name="Deadline">When a HIGH payment times out; <c>null</c> for NORM.</param>
/// <param name="Transaction">The original transaction, so a resend or a status request can be answered from the record.</param>
public readonly record struct PaymentFacts(
    ContentHash Hash,
    Priority Priority,
    IpsId SourceIps,
    IpsId DestinationIps,
    Bic DebtorAgent,
    Bic CreditorAgent,
    Bic FxProvider,
    Money InstructedAmount,
    Money SettlementAmount,
    decimal ExchangeRate,
    DateTimeOffset? Deadline,
    CreditTransferTransaction? Transaction);

/// <summary>
/// One state change of one payment. Events are values (a struct with a kind, not a class hierarchy) so the hot path
/// allocates nothing; the journal of a later issue stores them and <see cref="PaymentBook.Apply"/> replays them.
/// </summary>
/// <remarks>
/// <para>
/// An event is small (48 bytes, one reference) because only <see cref="PaymentEventKind.Received"/> carries the
/// payment's facts, and it carries them by reference: four events are emitted per payment and copying 200 bytes of
/// facts (with eight GC references) into each was the largest part of the engine's own work per submission.
/// </para>
/// <para>
/// A Received event the engine emits refers to the facts at the payment's slot in the engine's <see cref="PaymentBook"/>,
/// where they are written once. They stay readable while the book holds the payment (at least the duplicate window,
/// and always while it is in flight), so the host must journal or publish a Received event before its payment leaves
/// the book; reading <see cref="Facts"/> after that fails fast instead of returning another payment's facts. A Received
/// event built with <see cref="Received"/> or the constructor (tests, a journal being replayed) holds its own copy.
/// </para>
/// </remarks>
public readonly record struct PaymentEvent
{
    // Either null (no facts), a PaymentBook (the facts live at _factsSlot) or a FactsBox (an own copy).
    private readonly object? _facts;
    private readonly Uetr _uetr;
    private readonly long _atTicks;
    private readonly int _factsSlot;
    private readonly short _atOffsetMinutes;
    private readonly byte _kind;
    private readonly byte _status;
    private readonly ushort _reason;
    private readonly bool _ledgerMoved;

    /// <summary>Creates an event.</summary>
    /// <param name="Kind">Which transition.</param>
    /// <param name="Uetr">The payment.</param>
    /// <param name="At">When the hub decided it (from its <see cref="TimeProvider"/>).</param>
    /// <param name="Facts">For <see cref="PaymentEventKind.Received"/>: the payment's facts; <c>default</c> otherwise.</param>
    /// <param name="Reason">For rejections, timeouts and returns: the ISO 20022 reason code.</param>
    /// <param name="Status">For status-carrying events: the pacs.002 status the destination reported.</param>
    /// <param name="LedgerMoved">For <see cref="PaymentEventKind.Returned"/>: whether the reversal moved money in the ledger
    /// (its reservation is <c>ReservationId.ForReturn(uetr)</c>); a late-accepted payment's return moves nothing here.</param>
    public PaymentEvent(
        PaymentEventKind Kind,
        Uetr Uetr,
        DateTimeOffset At,
        PaymentFacts Facts = default,
        StatusReasonCode Reason = StatusReasonCode.None,
        TransactionStatus Status = TransactionStatus.PDNG,
        bool LedgerMoved = false)
        : this(Kind, Uetr, At, Facts == default ? null : new FactsBox(Facts), 0, Reason, Status, LedgerMoved)
    {
    }

    private PaymentEvent(
        PaymentEventKind kind, Uetr uetr, DateTimeOffset at, object? facts, int factsSlot, StatusReasonCode reason, TransactionStatus status, bool ledgerMoved)
    {
        // The enums are stored narrow to keep the event small; every defined value fits, and anything else is a bug.
        HubInvariant.Assert((uint)kind <= byte.MaxValue && (uint)status <= byte.MaxValue && (uint)reason <= ushort.MaxValue, "an event field is out of range");
        _facts = facts;
        _factsSlot = factsSlot;
        _uetr = uetr;
        _atTicks = at.Ticks;
        _atOffsetMinutes = (short)(at.Offset.Ticks / TimeSpan.TicksPerMinute);
        _kind = (byte)kind;
        _status = (byte)status;
        _reason = (ushort)reason;
        _ledgerMoved = ledgerMoved;
    }

    /// <summary>Which transition.</summary>
    public PaymentEventKind Kind => (PaymentEventKind)_kind;

    /// <summary>The payment.</summary>
    public Uetr Uetr => _uetr;

    /// <summary>When the hub decided it (from its <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset At => new(_atTicks, new TimeSpan(_atOffsetMinutes * TimeSpan.TicksPerMinute));

    /// <summary><see cref="At"/>'s clock ticks, for the book to store without rebuilding the time.</summary>
    internal long AtTicks => _atTicks;

    /// <summary><see cref="At"/>'s offset in minutes.</summary>
    internal short AtOffsetMinutes => _atOffsetMinutes;

    /// <summary>For <see cref="PaymentEventKind.Received"/>: the payment's facts; <c>default</c> otherwise.</summary>
    /// <exception cref="InvalidOperationException">The event came from an engine whose book no longer holds the payment.</exception>
    public PaymentFacts Facts => _facts switch
    {
        null => default,
        PaymentBook book => book.FactsOf(_factsSlot, _uetr, At),
        _ => ((FactsBox)_facts).Value,
    };

    /// <summary>For rejections, timeouts and returns: the ISO 20022 reason code.</summary>
    public StatusReasonCode Reason => (StatusReasonCode)_reason;

    /// <summary>For status-carrying events: the pacs.002 status the destination reported.</summary>
    public TransactionStatus Status => (TransactionStatus)_status;

    /// <summary>For <see cref="PaymentEventKind.Returned"/>: whether the reversal moved money in the ledger.</summary>
    public bool LedgerMoved => _ledgerMoved;

    /// <summary>Value equality: the same transition of the same payment with the same facts (compared by value).</summary>
    public bool Equals(PaymentEvent other) =>
        _kind == other._kind && _uetr == other._uetr && _atTicks == other._atTicks && _atOffsetMinutes == other._atOffsetMinutes
        && _status == other._status && _reason == other._reason && _ledgerMoved == other._ledgerMoved
        && (ReferenceEquals(_facts, other._facts) && _factsSlot == other._factsSlot || Facts == other.Facts);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_kind, _uetr, _atTicks, _status, _reason, _ledgerMoved);

    /// <summary>A pacs.008 was taken in.</summary>
    public static PaymentEvent Received(Uetr uetr, DateTimeOffset at, in PaymentFacts facts) => new(PaymentEventKind.Received, uetr, at, facts);

    /// <summary>A pacs.008 was taken in and its facts written to <paramref name="book"/> at <paramref name="slot"/>.</summary>
    internal static PaymentEvent ReceivedInto(PaymentBook book, int slot, Uetr uetr, DateTimeOffset at) =>
        new(PaymentEventKind.Received, uetr, at, book, slot, StatusReasonCode.None, TransactionStatus.PDNG, false);

    /// <summary>Validation passed.</summary>
    public static PaymentEvent Validated(Uetr uetr, DateTimeOffset at) => new(PaymentEventKind.Validated, uetr, at, null, 0, StatusReasonCode.None, TransactionStatus.PDNG, false);

    /// <summary>Rejected by the hub or the destination.</summary>
    public static PaymentEvent Rejected(Uetr uetr, DateTimeOffset at, StatusReasonCode reason) =>
        new(PaymentEventKind.Rejected, uetr, at, null, 0, reason, TransactionStatus.RJCT, false);

    /// <summary>Liquidity reserved under <c>ReservationId.ForPayment(uetr)</c>.</summary>
    public static PaymentEvent Reserved(Uetr uetr, DateTimeOffset at) => new(PaymentEventKind.Reserved, uetr, at, null, 0, StatusReasonCode.None, TransactionStatus.PDNG, false);

    /// <summary>Forwarded to the destination.</summary>
    public static PaymentEvent Forwarded(Uetr uetr, DateTimeOffset at) => new(PaymentEventKind.Forwarded, uetr, at, null, 0, StatusReasonCode.None, TransactionStatus.PDNG, false);

    /// <summary>The destination reported a non-final status.</summary>
    public static PaymentEvent Interim(Uetr uetr, DateTimeOffset at, TransactionStatus status) =>
        new(PaymentEventKind.InterimStatus, uetr, at, null, 0, StatusReasonCode.None, status, false);

    /// <summary>The destination accepted; the reservation was committed.</summary>
    public static PaymentEvent Accepted(Uetr uetr, DateTimeOffset at, TransactionStatus status = TransactionStatus.ACCC) =>
        new(PaymentEventKind.Accepted, uetr, at, null, 0, StatusReasonCode.None, status, false);

    /// <summary>The HIGH deadline passed.</summary>
    public static PaymentEvent TimedOut(Uetr uetr, DateTimeOffset at, StatusReasonCode reason) =>
        new(PaymentEventKind.TimedOut, uetr, at, null, 0, reason, TransactionStatus.RJCT, false);

    /// <summary>An acceptance came after the timeout.</summary>
    public static PaymentEvent LateAcceptance(Uetr uetr, DateTimeOffset at) =>
        new(PaymentEventKind.LateAcceptanceRecorded, uetr, at, null, 0, StatusReasonCode.None, TransactionStatus.ACCC, false);

    /// <summary>The hub asked the destination to return the late-accepted funds.</summary>
    public static PaymentEvent ReturnRequested(Uetr uetr, DateTimeOffset at) =>
        new(PaymentEventKind.ReturnRequested, uetr, at, null, 0, StatusReasonCode.AB05, TransactionStatus.PDNG, false);

    /// <summary>The payment was returned; <paramref name="ledgerMoved"/> says whether the reversal moved money in the ledger.</summary>
    public static PaymentEvent Returned(Uetr uetr, DateTimeOffset at, StatusReasonCode reason, bool ledgerMoved) =>
        new(PaymentEventKind.Returned, uetr, at, null, 0, reason, TransactionStatus.PDNG, ledgerMoved);

    /// <summary>The sender's recall was forwarded.</summary>
    public static PaymentEvent RecallRequested(Uetr uetr, DateTimeOffset at) => new(PaymentEventKind.RecallRequested, uetr, at, null, 0, StatusReasonCode.None, TransactionStatus.PDNG, false);

    /// <summary>The destination refused the recall.</summary>
    public static PaymentEvent RecallRejected(Uetr uetr, DateTimeOffset at) => new(PaymentEventKind.RecallRejected, uetr, at, null, 0, StatusReasonCode.None, TransactionStatus.PDNG, false);

    /// <summary>The destination accepted the recall and the funds came back (reservation <c>ReservationId.ForReturn(uetr)</c>).</summary>
    public static PaymentEvent Recalled(Uetr uetr, DateTimeOffset at) => new(PaymentEventKind.Recalled, uetr, at, null, 0, StatusReasonCode.None, TransactionStatus.PDNG, true);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Kind = ").Append(Kind).Append(", Uetr = ").Append(Uetr).Append(", At = ").Append(At)
            .Append(", Reason = ").Append(Reason).Append(", Status = ").Append(Status).Append(", LedgerMoved = ").Append(LedgerMoved);
        if (_facts is not null)
        {
            builder.Append(", Facts = ").Append(Facts);
        }

        return true;
    }

    // A Received event's own copy of its facts, for events not emitted by an engine (allocated off the hot path).
    private sealed class FactsBox(PaymentFacts value)
    {
        public PaymentFacts Value { get; } = value;
    }
}
