namespace PaymentSwitch.Hub.Payments;

/// <summary>Where a payment is in its life at the hub. See docs/lifecycle.md for the diagram.</summary>
public enum PaymentState
{
    /// <summary>Not known to the hub.</summary>
    None = 0,

    /// <summary>The pacs.008 arrived and its content hash is remembered.</summary>
    Received,

    /// <summary>Every validation rule passed, the destination is known and the quote honoured.</summary>
    Validated,

    /// <summary>Liquidity is reserved on both legs (source PSP to FX provider, FX provider to destination PSP).</summary>
    Reserved,

    /// <summary>The pacs.008 was sent to the destination IPS; the hub waits for its pacs.002.</summary>
    Forwarded,

    /// <summary>Final: the destination credited the creditor (ACCC) and the reservation is committed.</summary>
    Accepted,

    /// <summary>Final: the hub or the destination rejected the payment; nothing is reserved.</summary>
    Rejected,

    /// <summary>Final for the sender: a HIGH payment the destination did not answer by the deadline (AB05/AB06); released.</summary>
    TimedOut,

    /// <summary>An acceptance arrived after the timeout: recorded for reconciliation, nothing committed.</summary>
    LateAccepted,

    /// <summary>The hub asked the destination to return a late-accepted payment (pacs.004 expected).</summary>
    ReturnRequested,

    /// <summary>Final: the payment was returned (pacs.004), at the original exchange rate.</summary>
    Returned,

    /// <summary>The sender asked to recall an accepted payment (camt.056 forwarded to the destination).</summary>
    RecallRequested,

    /// <summary>Final: the destination accepted the recall (camt.029) and the funds came back (pacs.004).</summary>
    Recalled,
}

/// <summary>Which state change a <see cref="PaymentEvent"/> records.</summary>
public enum PaymentEventKind
{
    /// <summary>A new pacs.008 was taken in.</summary>
    Received = 1,

    /// <summary>Validation passed.</summary>
    Validated,

    /// <summary>The hub or the destination rejected the payment.</summary>
    Rejected,

    /// <summary>Liquidity was reserved.</summary>
    Reserved,

    /// <summary>The pacs.008 was forwarded to the destination.</summary>
    Forwarded,

    /// <summary>The destination answered with a non-final status (ACSP, PDNG, ACWP...): it has the payment.</summary>
    InterimStatus,

    /// <summary>The destination accepted (ACCC); the reservation was committed.</summary>
    Accepted,

    /// <summary>The HIGH-priority deadline passed without a final answer; the reservation was released.</summary>
    TimedOut,

    /// <summary>An ACCC arrived after the timeout; recorded for reconciliation.</summary>
    LateAcceptanceRecorded,

    /// <summary>The hub asked the destination to return a late-accepted payment.</summary>
    ReturnRequested,

    /// <summary>The payment was returned (pacs.004).</summary>
    Returned,

    /// <summary>The sender's recall (camt.056) was forwarded.</summary>
    RecallRequested,

    /// <summary>The destination refused the recall (camt.029 RJCR); the payment stays accepted.</summary>
    RecallRejected,

    /// <summary>The destination accepted the recall (camt.029) and the funds came back.</summary>
    Recalled,
}

/// <summary>
/// The lifecycle transition table: for each state, which events are allowed and where they lead. Everything else is
/// illegal and refused by <see cref="PaymentBook.Apply"/>. A static array lookup, so checking costs nothing.
/// </summary>
public static class PaymentTransitions
{
    /// <summary>Every legal transition, for docs and tests: (from, event, to).</summary>
    public static IReadOnlyList<(PaymentState From, PaymentEventKind Event, PaymentState To)> All { get; } =
    [
        (PaymentState.None, PaymentEventKind.Received, PaymentState.Received),
        (PaymentState.Received, PaymentEventKind.Validated, PaymentState.Validated),
        (PaymentState.Received, PaymentEventKind.Rejected, PaymentState.Rejected),
        (PaymentState.Validated, PaymentEventKind.Reserved, PaymentState.Reserved),
        (PaymentState.Validated, PaymentEventKind.Rejected, PaymentState.Rejected),
        (PaymentState.Reserved, PaymentEventKind.Forwarded, PaymentState.Forwarded),
        (PaymentState.Reserved, PaymentEventKind.Rejected, PaymentState.Rejected),
        (PaymentState.Forwarded, PaymentEventKind.InterimStatus, PaymentState.Forwarded),
        (PaymentState.Forwarded, PaymentEventKind.Accepted, PaymentState.Accepted),
        (PaymentState.Forwarded, PaymentEventKind.Rejected, PaymentState.Rejected),
        (PaymentState.Forwarded, PaymentEventKind.TimedOut, PaymentState.TimedOut),
        (PaymentState.TimedOut, PaymentEventKind.LateAcceptanceRecorded, PaymentState.LateAccepted),
        (PaymentState.LateAccepted, PaymentEventKind.ReturnRequested, PaymentState.ReturnRequested),
        (PaymentState.ReturnRequested, PaymentEventKind.Returned, PaymentState.Returned),
        (PaymentState.Accepted, PaymentEventKind.Returned, PaymentState.Returned),
        (PaymentState.Accepted, PaymentEventKind.RecallRequested, PaymentState.RecallRequested),
        (PaymentState.RecallRequested, PaymentEventKind.RecallRejected, PaymentState.Accepted),
        (PaymentState.RecallRequested, PaymentEventKind.Recalled, PaymentState.Recalled),
    ];

    private static readonly int StateCount = Enum.GetValues<PaymentState>().Length;
    private static readonly int EventCount = Enum.GetValues<PaymentEventKind>().Length + 1;

    // Indexed [state * EventCount + event]; None (0) means "illegal".
    private static readonly PaymentState[] Table = Build();

    /// <summary>Where <paramref name="kind"/> takes a payment in <paramref name="from"/>, or <c>false</c> if that is illegal.</summary>
    public static bool TryNext(PaymentState from, PaymentEventKind kind, out PaymentState to)
    {
        var index = ((int)from * EventCount) + (int)kind;
        to = (uint)index < (uint)Table.Length ? Table[index] : PaymentState.None;
        return to != PaymentState.None;
    }

    /// <summary>Whether the payment's story is over for the sender (no more pacs.002 will change it).</summary>
    public static bool IsFinal(PaymentState state) => state is PaymentState.Accepted or PaymentState.Rejected
        or PaymentState.TimedOut or PaymentState.LateAccepted or PaymentState.ReturnRequested
        or PaymentState.Returned or PaymentState.RecallRequested or PaymentState.Recalled;

    private static PaymentState[] Build()
    {
        var table = new PaymentState[StateCount * EventCount];
        foreach (var (from, kind, to) in All)
        {
            table[((int)from * EventCount) + (int)kind] = to;
        }

        return table;
    }
}
