using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.Ledger;
using PaymentSwitch.Hub.Payments;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Hub;

/// <summary>
/// The hub's decision core for one partition: takes canonical messages from IPSs and returns decisions as values
/// (<see cref="Outputs"/>) and state changes as events (<see cref="Events"/>). It does no I/O, reads time only from
/// its <see cref="TimeProvider"/>, and is a single writer: one thread calls it at a time (the host partitions payments
/// by UETR, see docs/lifecycle.md). Business rejections are <see cref="Rejection"/> values, never exceptions.
/// </summary>
/// <remarks>
/// <see cref="Outputs"/> and <see cref="Events"/> are reused: they hold what the last call produced and are cleared by
/// the next call, so the host must consume them (send, journal) before calling again.
/// </remarks>
public sealed partial class HubEngine
{
    private readonly Topology _topology;
    private readonly QuoteBook _quotes;
    private readonly LiquidityLedger _ledger;
    private readonly IProxyDirectory _proxies;
    private readonly IDestinationAvailability? _availability;
    private readonly TimeProvider _time;
    private readonly HubEngineOptions _options;
    private readonly PaymentBook _book;
    private readonly DuplicateWindow _window;
    private readonly ReusableBuffer<HubOutput> _outputs = new(16);
    private readonly ReusableBuffer<PaymentEvent> _events = new(16);

    /// <summary>Creates an engine over reference data, quotes and a ledger.</summary>
    public HubEngine(
        Topology topology,
        QuoteBook quotes,
        LiquidityLedger ledger,
        TimeProvider time,
        HubEngineOptions? options = null,
        IProxyDirectory? proxies = null,
        IDestinationAvailability? availability = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(quotes);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(time);
        _options = options ?? new HubEngineOptions();
        _options.Validate();
        _topology = topology;
        _quotes = quotes;
        _ledger = ledger;
        _time = time;
        _proxies = proxies ?? InMemoryProxyDirectory.Empty;
        _availability = availability;
        _book = new PaymentBook(_options.PaymentCapacity);
        _ledger.EnsureSlotCapacity(_book.SlotCapacity);
        _window = new DuplicateWindow(_options.DuplicateWindow, _options.DuplicateWindowCapacity);
    }

    /// <summary>The decisions of the last call, in order.</summary>
    public ReadOnlySpan<HubOutput> Outputs => _outputs.Items;

    /// <summary>The payment events of the last call, in the order they were applied: journal them to replay later.</summary>
    public ReadOnlySpan<PaymentEvent> Events => _events.Items;

    /// <summary>The payment state (read-only use: the engine is its only writer).</summary>
    public PaymentBook Payments => _book;

    /// <summary>The earliest outstanding HIGH-priority deadline, for the host's timer.</summary>
    public DateTimeOffset? NextDeadline => _book.NextDeadline;

    /// <summary>The options in force.</summary>
    public HubEngineOptions Options => _options;

    /// <summary>Looks a payment's state up.</summary>
    public bool TryGetPayment(Uetr uetr, out PaymentRecord record) => _book.TryGet(uetr, out record);

    private void BeginCall()
    {
        _outputs.Clear();
        _events.Clear();
    }

    // Every state change goes through here: the transition table refuses illegal ones, and the engine only emits
    // events it has checked, so a refusal is a programmer error that must fail fast.
    private void Apply(in PaymentEvent e)
    {
        var applied = _book.Apply(e);
        HubInvariant.Assert(applied, "the engine emitted an event the lifecycle forbids");
        _events.Add(e);
    }

    private void Emit(in HubOutput output) => _outputs.Add(output);

    // The book's LastStatus and Reason (set by the event just applied) are what a resend is answered with later.
    private void TellSource(in PaymentRecord record, TransactionStatus status, StatusReasonCode reason)
    {
        Emit(new HubOutput(HubOutputKind.StatusReport, record.Facts.SourceIps, record.Uetr, status, reason, Transaction: record.Facts.Transaction));
    }

    /// <summary>What the sender was last told about a payment: the stored outcome a resend is answered with.</summary>
    /// <param name="Status">The pacs.002 status (ACSP while the payment is pending).</param>
    /// <param name="Reason">The reason code of a rejection.</param>
    public readonly record struct SentStatus(TransactionStatus Status, StatusReasonCode Reason);
}

/// <summary>
/// Whether a destination IPS can take payments now, as the host sees it (for example a circuit breaker that opened
/// after the destination stopped answering). The core asks before reserving anything and refuses with AB08 while
/// the destination is offline, so a dead destination costs its senders neither liquidity nor a timeout.
/// </summary>
public interface IDestinationAvailability
{
    /// <summary>True when payments to <paramref name="destination"/> should be refused now.</summary>
    bool IsOffline(IpsId destination);
}

/// <summary>Assertions that stay on in Release: a broken invariant is a programmer error and fails fast.</summary>
internal static class HubInvariant
{
    public static void Assert([System.Diagnostics.CodeAnalysis.DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition)
        {
            Fail(message);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Fail(string message) => throw new InvalidOperationException("Hub invariant violated: " + message);
}
