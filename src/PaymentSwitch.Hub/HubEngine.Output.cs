using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Hub;

/// <summary>What the host must do for one <see cref="HubOutput"/>.</summary>
public enum HubOutputKind
{
    /// <summary>
    /// Send <see cref="HubOutput.Transaction"/> (pacs.008) to <see cref="HubOutput.Target"/>, the destination IPS, with
    /// <c>SttlmInf/ClrSys/Prtry</c> rewritten to <see cref="HubOutput.ClearingSystem"/> as Nexus does.
    /// </summary>
    ForwardPayment = 1,

    /// <summary>Send a pacs.002 with <see cref="HubOutput.Status"/> and <see cref="HubOutput.Reason"/> for <see cref="HubOutput.Uetr"/> to <see cref="HubOutput.Target"/>.</summary>
    StatusReport,

    /// <summary>Arm a timer for <see cref="HubOutput.At"/> and call <see cref="HubEngine.OnTick"/> then.</summary>
    ScheduleDeadline,

    /// <summary>Forward <see cref="HubOutput.Message"/> (camt.056) to <see cref="HubOutput.Target"/>, the destination IPS.</summary>
    ForwardRecall,

    /// <summary>Forward <see cref="HubOutput.Message"/> (camt.029) to <see cref="HubOutput.Target"/>, the source IPS.</summary>
    ForwardResolution,

    /// <summary>
    /// Send a pacs.004 to <see cref="HubOutput.Target"/> (the source IPS): <see cref="HubOutput.Amount"/> back to the debtor
    /// agent, converted from <see cref="HubOutput.CounterAmount"/> at the original <see cref="HubOutput.ExchangeRate"/>.
    /// <see cref="HubOutput.Message"/> is the destination's pacs.004 when there was one.
    /// </summary>
    ReturnPayment,

    /// <summary>
    /// Ask <see cref="HubOutput.Target"/> (the destination IPS) to return a payment it accepted after the hub had timed it
    /// out: pacs.004 of <see cref="HubOutput.CounterAmount"/> expected. Nothing was committed at the hub.
    /// </summary>
    RequestReturn,

    /// <summary>
    /// Record for operators: an acceptance arrived after the timeout (<see cref="HubOutput.At"/> is when). It must be
    /// reconciled; the hub has already requested the return.
    /// </summary>
    LateAcceptance,
}

/// <summary>
/// One decision of the hub, as a value: the engine performs no I/O, the host turns outputs into messages. The
/// struct references the original transaction or message instead of copying it, so producing it allocates nothing.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="Target">The IPS to send to.</param>
/// <param name="Uetr">The payment concerned.</param>
/// <param name="Status">For status reports: the pacs.002 <c>TxSts</c>.</param>
/// <param name="Reason">For rejections, timeouts and returns: the ISO 20022 reason code.</param>
/// <param name="At">For deadlines and late acceptances: when.</param>
/// <param name="Transaction">The original pacs.008 transaction (for forwards, and for <c>OrgnlTxRef</c> in reports).</param>
/// <param name="Message">The message to forward (camt.056, camt.029, pacs.004), if any.</param>
/// <param name="ClearingSystem">For forwards: the destination IPS to write into <c>SttlmInf/ClrSys</c>.</param>
/// <param name="Amount">For returns: the amount going back to the debtor agent, in the source currency.</param>
/// <param name="CounterAmount">For returns: the amount taken back from the creditor agent, in the destination currency.</param>
/// <param name="ExchangeRate">For returns: the original exchange rate.</param>
/// <param name="Rejection">For rejections made by the hub: the field and the detail.</param>
public readonly record struct HubOutput(
    HubOutputKind Kind,
    IpsId Target,
    Uetr Uetr,
    TransactionStatus Status = TransactionStatus.ACSP,
    StatusReasonCode Reason = StatusReasonCode.None,
    DateTimeOffset At = default,
    CreditTransferTransaction? Transaction = null,
    IsoMessage? Message = null,
    IpsId ClearingSystem = default,
    Money Amount = default,
    Money CounterAmount = default,
    decimal ExchangeRate = 0m,
    Rejection? Rejection = null);

/// <summary>How the hub disposed of one input.</summary>
public enum HubDecisionKind
{
    /// <summary>The payment was reserved and forwarded to the destination.</summary>
    Forwarded = 1,

    /// <summary>The hub refused the input; <see cref="HubDecision.Rejection"/> says why. Nothing changed unless the
    /// rejection came from liquidity (the payment is then remembered as rejected).</summary>
    Rejected,

    /// <summary>A resend of a known payment, or an enquiry: answered from the record, nothing changed.</summary>
    Answered,

    /// <summary>The input changed a payment's state (status report, timeout, return, recall).</summary>
    Applied,

    /// <summary>The input repeated something already applied (for example a second ACCC); nothing changed.</summary>
    Ignored,
}

/// <summary>The hub's answer to one input: a kind and, for rejections, the rejection value. Never an exception.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Rejection">Why, when <see cref="Kind"/> is <see cref="HubDecisionKind.Rejected"/>.</param>
public readonly record struct HubDecision(HubDecisionKind Kind, Rejection? Rejection = null)
{
    /// <summary>The reason code of the rejection, or <see cref="StatusReasonCode.None"/>.</summary>
    public StatusReasonCode Reason => Rejection?.Reason ?? StatusReasonCode.None;

    internal static HubDecision Forwarded => new(HubDecisionKind.Forwarded);

    internal static HubDecision Answered => new(HubDecisionKind.Answered);

    internal static HubDecision Applied => new(HubDecisionKind.Applied);

    internal static HubDecision Ignored => new(HubDecisionKind.Ignored);

    internal static HubDecision Reject(Rejection rejection) => new(HubDecisionKind.Rejected, rejection);
}

/// <summary>A growable buffer of structs the engine reuses across calls, so producing outputs allocates nothing after warm-up.</summary>
internal sealed class ReusableBuffer<T>(int capacity)
    where T : struct
{
    private T[] _items = new T[capacity];
    private int _count;

    public ReadOnlySpan<T> Items => _items.AsSpan(0, _count);

    public void Clear() => _count = 0;

    public void Add(in T item)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = item;
    }
}
