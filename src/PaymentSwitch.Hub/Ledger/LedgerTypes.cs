using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.Ledger;

/// <summary>How a participant's liquidity in one currency is limited. See docs/settlement.md.</summary>
public enum LiquidityLimitKind
{
    /// <summary>
    /// The participant has placed funds (the limit) with the hub's settlement agent; its balance, the funds plus every
    /// committed movement, minus its reservations must stay at or above zero. Exceeding it is AM04 (insufficient funds).
    /// Funds move on commit, so closing a cycle leaves the balance as it is.
    /// </summary>
    Prefunded = 1,

    /// <summary>
    /// The participant may owe up to the limit (a net debit cap, as in Mojaloop): its unsettled net minus its reservations
    /// must stay at or above minus the cap; unsettled credits do not extend it. Exceeding it is AM23 (amount exceeds
    /// settlement limit). Closing a cycle settles the net, which restarts at zero.
    /// </summary>
    NetDebitCap = 2,
}

/// <summary>Why a reservation exists; a return of a payment has its own reservation next to the payment's.</summary>
public enum ReservationPurpose : byte
{
    /// <summary>The original payment (pacs.008).</summary>
    Payment = 0,

    /// <summary>A return of the payment (pacs.004, or a Nexus return pacs.008 citing the original UETR).</summary>
    Return = 1,
}

/// <summary>
/// The idempotency key of a reservation: the payment's UETR and the purpose, so the payment and its return never collide.
/// </summary>
/// <param name="Uetr">The UETR of the payment (<c>PmtId/UETR</c>); for a return, the UETR of the original payment.</param>
/// <param name="Purpose">Whether this reserves the payment or its return.</param>
public readonly record struct ReservationId(Uetr Uetr, ReservationPurpose Purpose)
{
    /// <summary>The reservation of a payment.</summary>
    public static ReservationId ForPayment(Uetr uetr) => new(uetr, ReservationPurpose.Payment);

    /// <summary>The reservation of the return of a payment.</summary>
    public static ReservationId ForReturn(Uetr originalUetr) => new(originalUetr, ReservationPurpose.Return);

    /// <summary>Returns the UETR and purpose, for example <c>"eb6305c9-...:Payment"</c>.</summary>
    public override string ToString() => $"{Uetr}:{Purpose}";
}

/// <summary>
/// One movement of one currency between two participants' positions: the debtor's position goes down and the
/// creditor's goes up by <paramref name="Amount"/>. A cross-currency payment is two legs linked by one reservation:
/// source PSP to FX provider in the source currency, FX provider to destination PSP in the destination currency.
/// </summary>
/// <param name="Debtor">The participant whose position is debited.</param>
/// <param name="Creditor">The participant whose position is credited.</param>
/// <param name="Amount">A strictly positive amount; its currency selects the positions (one ledger per currency).</param>
public readonly record struct TransferLeg(Bic Debtor, Bic Creditor, Money Amount);

/// <summary>What <see cref="LiquidityLedger.Reserve(ReservationId, ReadOnlySpan{TransferLeg})"/> did.</summary>
public enum ReservationStatus
{
    /// <summary>Every leg is now reserved on its debtor.</summary>
    Reserved = 1,

    /// <summary>The same id with the same legs was already reserved and is still pending; nothing changed.</summary>
    AlreadyReserved = 2,

    /// <summary>Nothing was reserved; <see cref="ReservationResult.Rejection"/> says why.</summary>
    Rejected = 3,
}

/// <summary>The outcome of a reservation: success, an idempotent repeat, or a rejection value (never an exception).</summary>
public readonly record struct ReservationResult
{
    private ReservationResult(ReservationStatus status, Rejection? rejection)
    {
        Status = status;
        Rejection = rejection;
    }

    /// <summary>What happened.</summary>
    public ReservationStatus Status { get; }

    /// <summary>Why nothing was reserved, when <see cref="Status"/> is <see cref="ReservationStatus.Rejected"/>.</summary>
    public Rejection? Rejection { get; }

    /// <summary>Whether the legs are reserved now (fresh or by an earlier identical call).</summary>
    public bool IsReserved => Status is ReservationStatus.Reserved or ReservationStatus.AlreadyReserved;

    internal static ReservationResult Reserved { get; } = new(ReservationStatus.Reserved, null);

    internal static ReservationResult AlreadyReserved { get; } = new(ReservationStatus.AlreadyReserved, null);

    internal static ReservationResult Rejected(Rejection rejection) => new(ReservationStatus.Rejected, rejection);
}

/// <summary>What <see cref="LiquidityLedger.Commit"/> or <see cref="LiquidityLedger.Release"/> did; a value, never an exception.</summary>
public enum ReservationOutcome
{
    /// <summary>This call committed the pending reservation.</summary>
    Committed = 1,

    /// <summary>This call released the pending reservation.</summary>
    Released = 2,

    /// <summary>The reservation had already been committed; nothing changed.</summary>
    AlreadyCommitted = 3,

    /// <summary>The reservation had already been released; nothing changed.</summary>
    AlreadyReleased = 4,

    /// <summary>
    /// No pending reservation has this id and it is not among the recently completed ones
    /// (<see cref="LedgerOptions.CompletedReservationsRetained"/>); nothing changed.
    /// </summary>
    Unknown = 5,
}

/// <summary>A participant's position in one currency, in minor units of that currency.</summary>
/// <param name="Participant">The participant.</param>
/// <param name="Currency">The currency of the position (one ledger per currency).</param>
/// <param name="Kind">How the position is limited.</param>
/// <param name="LimitMinor">For <see cref="LiquidityLimitKind.Prefunded"/> the funds placed; for <see cref="LiquidityLimitKind.NetDebitCap"/> the cap.</param>
/// <param name="NetMinor">
/// Committed credits minus committed debits: for <see cref="LiquidityLimitKind.Prefunded"/> since the position was
/// configured (the funds have moved); for <see cref="LiquidityLimitKind.NetDebitCap"/> in the open cycle only (closing a
/// cycle settles the net, so it restarts at zero).
/// </param>
/// <param name="ReservedMinor">The sum of pending reservations debiting this position.</param>
public readonly record struct Position(
    Bic Participant,
    Currency Currency,
    LiquidityLimitKind Kind,
    long LimitMinor,
    long NetMinor,
    long ReservedMinor)
{
    /// <summary>
    /// For a prefunded position the funds held now (limit plus net); for a net debit cap the unsettled net.
    /// </summary>
    public long BalanceMinor => Kind == LiquidityLimitKind.Prefunded ? LimitMinor + NetMinor : NetMinor;

    /// <summary>
    /// How much more may be reserved. Prefunded: funds plus net minus reserved (received funds are spendable at once).
    /// Net debit cap: cap plus the net if negative, minus reserved; unsettled credits do not raise the cap, because
    /// closing the cycle pays them out in central-bank money. Never negative unless a limit was lowered.
    /// </summary>
    public long AvailableMinor =>
        LimitMinor + (Kind == LiquidityLimitKind.Prefunded ? NetMinor : Math.Min(NetMinor, 0)) - ReservedMinor;
}

/// <summary>Sizes that bound the ledger's memory; pre-sizing them keeps the hot path free of allocation after warm-up.</summary>
public sealed record LedgerOptions
{
    /// <summary>When the first settlement cycle opened.</summary>
    public DateTimeOffset FirstCycleOpenedAt { get; init; }

    /// <summary>Expected number of (participant, currency) positions.</summary>
    public int AccountCapacity { get; init; } = 1024;

    /// <summary>Expected number of reservations pending at once.</summary>
    public int PendingReservationCapacity { get; init; } = 65_536;

    /// <summary>
    /// How many completed (committed or released) reservation ids the ledger remembers, oldest forgotten first, so a
    /// repeated commit or release answers <see cref="ReservationOutcome.AlreadyCommitted"/> or
    /// <see cref="ReservationOutcome.AlreadyReleased"/>. 0 forgets a reservation as soon as it completes (a repeat then
    /// answers <see cref="ReservationOutcome.Unknown"/>): for callers that guarantee exactly-once completion themselves,
    /// as the hub engine does through its payment book and duplicate window.
    /// </summary>
    public int CompletedReservationsRetained { get; init; } = 262_144;

    /// <summary>Expected number of (debtor, creditor, currency) pairs in one cycle.</summary>
    public int BilateralPairCapacity { get; init; } = 16_384;

    /// <summary>How many closed cycles' reports the ledger keeps, so closing one again returns the same report.</summary>
    public int ClosedReportsRetained { get; init; } = 64;
}
