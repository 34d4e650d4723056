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
/// <param name="Kind">Which transition.</param>
/// <param name="Uetr">The payment.</param>
/// <param name="At">When the hub decided it (from its <see cref="TimeProvider"/>).</param>
/// <param name="Facts">For <see cref="PaymentEventKind.Received"/>: the payment's facts; <c>default</c> otherwise.</param>
/// <param name="Reason">For rejections, timeouts and returns: the ISO 20022 reason code.</param>
/// <param name="Status">For status-carrying events: the pacs.002 status the destination reported.</param>
/// <param name="LedgerMoved">For <see cref="PaymentEventKind.Returned"/>: whether the reversal moved money in the ledger
/// (its reservation is <c>ReservationId.ForReturn(uetr)</c>); a late-accepted payment's return moves nothing here.</param>
public readonly record struct PaymentEvent(
    PaymentEventKind Kind,
    Uetr Uetr,
    DateTimeOffset At,
    PaymentFacts Facts = default,
    StatusReasonCode Reason = StatusReasonCode.None,
    TransactionStatus Status = TransactionStatus.PDNG,
    bool LedgerMoved = false)
{
    /// <summary>A pacs.008 was taken in.</summary>
    public static PaymentEvent Received(Uetr uetr, DateTimeOffset at, in PaymentFacts facts) => new(PaymentEventKind.Received, uetr, at, facts);

    /// <summary>Validation passed.</summary>
    public static PaymentEvent Validated(Uetr uetr, DateTimeOffset at) => new(PaymentEventKind.Validated, uetr, at);

    /// <summary>Rejected by the hub or the destination.</summary>
    public static PaymentEvent Rejected(Uetr uetr, DateTimeOffset at, StatusReasonCode reason) =>
        new(PaymentEventKind.Rejected, uetr, at, Reason: reason, Status: TransactionStatus.RJCT);

    /// <summary>Liquidity reserved under <c>ReservationId.ForPayment(uetr)</c>.</summary>
    public static PaymentEvent Reserved(Uetr uetr, DateTimeOffset at) => new(PaymentEventKind.Reserved, uetr, at);

    /// <summary>Forwarded to the destination.</summary>
    public static PaymentEvent Forwarded(Uetr uetr, DateTimeOffset at) => new(PaymentEventKind.Forwarded, uetr, at);

    /// <summary>The destination reported a non-final status.</summary>
    public static PaymentEvent Interim(Uetr uetr, DateTimeOffset at, TransactionStatus status) =>
        new(PaymentEventKind.InterimStatus, uetr, at, Status: status);

    /// <summary>The destination accepted; the reservation was committed.</summary>
    public static PaymentEvent Accepted(Uetr uetr, DateTimeOffset at, TransactionStatus status = TransactionStatus.ACCC) =>
        new(PaymentEventKind.Accepted, uetr, at, Status: status);

    /// <summary>The HIGH deadline passed.</summary>
    public static PaymentEvent TimedOut(Uetr uetr, DateTimeOffset at, StatusReasonCode reason) =>
        new(PaymentEventKind.TimedOut, uetr, at, Reason: reason, Status: TransactionStatus.RJCT);

    /// <summary>An acceptance came after the timeout.</summary>
    public static PaymentEvent LateAcceptance(Uetr uetr, DateTimeOffset at) =>
        new(PaymentEventKind.LateAcceptanceRecorded, uetr, at, Status: TransactionStatus.ACCC);

    /// <summary>The hub asked the destination to return the late-accepted funds.</summary>
    public static PaymentEvent ReturnRequested(Uetr uetr, DateTimeOffset at) =>
        new(PaymentEventKind.ReturnRequested, uetr, at, Reason: StatusReasonCode.AB05);

    /// <summary>The payment was returned; <paramref name="ledgerMoved"/> says whether the reversal moved money in the ledger.</summary>
    public static PaymentEvent Returned(Uetr uetr, DateTimeOffset at, StatusReasonCode reason, bool ledgerMoved) =>
        new(PaymentEventKind.Returned, uetr, at, Reason: reason, LedgerMoved: ledgerMoved);

    /// <summary>The sender's recall was forwarded.</summary>
    public static PaymentEvent RecallRequested(Uetr uetr, DateTimeOffset at) => new(PaymentEventKind.RecallRequested, uetr, at);

    /// <summary>The destination refused the recall.</summary>
    public static PaymentEvent RecallRejected(Uetr uetr, DateTimeOffset at) => new(PaymentEventKind.RecallRejected, uetr, at);

    /// <summary>The destination accepted the recall and the funds came back (reservation <c>ReservationId.ForReturn(uetr)</c>).</summary>
    public static PaymentEvent Recalled(Uetr uetr, DateTimeOffset at) => new(PaymentEventKind.Recalled, uetr, at, LedgerMoved: true);
}
