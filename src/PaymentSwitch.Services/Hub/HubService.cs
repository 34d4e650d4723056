using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.Ledger;
using PaymentSwitch.Hub.Payments;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Protocol;
using PaymentSwitch.Services.Telemetry;

namespace PaymentSwitch.Services.Hub;

/// <summary>
/// The hub on the bus: takes ISO 20022 messages from every IPS on <c>ps.v1.hub.in.&lt;IPS&gt;</c> (queue group
/// <see cref="ProtocolSubjects.HubQueueGroup"/>), runs them through the hub core and sends what it decides: forwarded
/// pacs.008, pacs.002, pacs.004, camt.056/029. It also answers quotes, proxy lookups and admin requests, fires HIGH
/// priority deadlines and closes settlement cycles on schedule.
/// </summary>
/// <remarks>
/// The core is a single writer: every entry point (inbound messages, timers, admin) takes <see cref="_gate"/>, so one
/// call runs at a time and its outputs are sent, in order, before the next begins. Bad input never reaches the core:
/// an undecodable message is answered with an error (reply, or a message to the sender's IPS subject) and the hub keeps serving.
/// </remarks>
public sealed partial class HubService : IAsyncDisposable
{
    private readonly IMessageBus _bus;
    private readonly Topology _topology;
    private readonly TimeProvider _time;
    private readonly HubServiceOptions _options;
    private readonly HubPartition _partition;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HubEngine _engine;
    private readonly QuoteEngine _quotes;
    private readonly LiquidityLedger _ledger;
    private readonly InMemoryProxyDirectory _proxies = new();
    private readonly HubMessages _messages;
    private readonly SettlementScheduler _settlement;
    private readonly DestinationHealth _health;
    private readonly DeliveryPipelines _publishes;
    private readonly DeliveryPipelines _lookups;
    private readonly Dictionary<IpsId, string> _contentTypes = [];
    private readonly List<IAsyncDisposable> _subscriptions = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;
    private readonly SemaphoreSlim _lookupSlots;
    private ITimer? _deadlineTimer;
    private ITimer? _settlementTimer;
    private DateTimeOffset? _armedDeadline;

    /// <summary>Creates the hub over reference data; liquidity positions come from the topology.</summary>
    public HubService(IMessageBus bus, Topology topology, TimeProvider time, HubServiceOptions options, ILogger<HubService> logger)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _bus = bus;
        _topology = topology;
        _time = time;
        _options = options;
        _logger = logger;
        _partition = new HubPartition(options.Partition, options.Partitions);
        var now = time.GetUtcNow();
        var book = new QuoteBook();
        _rateSheets = new LiveRateSheets(topology);

        // Quote ids name the issuing instance of a split hub, so the copies its peers hold never collide.
        var quoteIds = _partition.IsWhole ? null : new SequentialQuoteIdGenerator("Q" + _partition.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "P");
        _quotes = new QuoteEngine(topology, time, book, quoteIds, _rateSheets);
        _ledger = new LiquidityLedger(new LedgerOptions { FirstCycleOpenedAt = now, CompletedReservationsRetained = 0 });
        _ledger.ConfigureFrom(topology, _partition);
        _health = new DestinationHealth(options.Resilience, time, logger);
        _publishes = new DeliveryPipelines(options.Resilience.Publish, time);
        _lookups = new DeliveryPipelines(options.Resilience.Lookup, time);
        _engine = new HubEngine(topology, book, _ledger, time, options.Engine, _proxies, _health);
        _messages = new HubMessages(time, options.InstanceId);
        _stoppingToken = _stopping.Token;
        _lookupSlots = new SemaphoreSlim(options.Resilience.MaxConcurrentLookups, options.Resilience.MaxConcurrentLookups);
        _settlement = new SettlementScheduler(time, options.SettlementInterval, now);
        CreateLedgerGauges();
    }

    /// <summary>The bus the hub talks on.</summary>
    public IMessageBus Bus => _bus;

    /// <summary>The circuit breaker per destination IPS that the hub core asks before forwarding (tests and admin).</summary>
    public DestinationHealth Destinations => _health;

    /// <summary>Subscribes to every hub subject and arms the settlement timer.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        // A single hub takes everything in the shared queue group. Each instance of a split hub takes, in its own group,
        // everything it must see (all payment traffic, proxy registrations, rate sheets, status enquiries), and shares
        // with the others only what any of them can answer (quotes, proxy lookups); instance 0 takes settle requests.
        var shared = ProtocolSubjects.HubQueueGroup;
        var own = _partition.IsWhole ? shared : ProtocolSubjects.HubPartitionQueueGroup(_partition.Index);
        var inbound = _partition.IsWhole ? ProtocolSubjects.HubInboundWildcard : ProtocolSubjects.HubInboundAll;
        _subscriptions.Add(await _bus.SubscribeAsync(inbound, own, OnInboundAsync, cancellationToken).ConfigureAwait(false));
        _subscriptions.Add(await _bus.SubscribeAsync(ProtocolSubjects.Quotes, shared, OnQuoteRequestAsync, cancellationToken).ConfigureAwait(false));
        _subscriptions.Add(await _bus.SubscribeAsync(ProtocolSubjects.ProxyLookup, shared, OnProxyLookupAsync, cancellationToken).ConfigureAwait(false));
        _subscriptions.Add(await _bus.SubscribeAsync(ProtocolSubjects.Prefix + ".hub.proxies.*", own, OnProxyRegistrationAsync, cancellationToken).ConfigureAwait(false));
        if (IsCoordinator)
        {
            _subscriptions.Add(await _bus.SubscribeAsync(ProtocolSubjects.AdminSettle, shared, OnSettleRequestAsync, cancellationToken).ConfigureAwait(false));
        }

        if (!_partition.IsWhole)
        {
            _subscriptions.Add(await _bus.SubscribeAsync(ProtocolSubjects.HubPeerSettle(_partition.Index), own, OnPeerSettleRequestAsync, cancellationToken).ConfigureAwait(false));
        }

        _subscriptions.Add(await _bus.SubscribeAsync(ProtocolSubjects.AdminStatus, own, OnStatusRequestAsync, cancellationToken).ConfigureAwait(false));
        _subscriptions.Add(await _bus.SubscribeAsync(ProtocolSubjects.FxRatesWildcard, own, OnRateSheetAsync, cancellationToken).ConfigureAwait(false));
        await _bus.FlushAsync(cancellationToken).ConfigureAwait(false);
        _settlementTimer = _time.CreateTimer(static state => ((HubService)state!).OnSettlementTimer(), this, _settlement.DueIn(), Timeout.InfiniteTimeSpan);
        Log.Started(_logger, _bus.Description, _topology.Ips.Count, _topology.Participants.Count);
    }

    /// <summary>Closes the open settlement cycle now, publishes the report as an event and returns it.</summary>
    public async Task<SettlementReport> CloseCycleAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        SettlementReport report;
        try
        {
            report = _ledger.Close(_ledger.OpenCycle.CycleNumber, _time.GetUtcNow(), SettlingIps)
                ?? throw new InvalidOperationException("The open cycle could not be closed.");
        }
        finally
        {
            _gate.Release();
        }

        Log.CycleClosed(_logger, report.CycleNumber, report.CommittedLegCount);
        var dto = SettlementReportDto.From(report);
        if (!_partition.IsWhole)
        {
            dto = dto with { Partition = _partition.Index, Partitions = _partition.Count };
        }

        await PublishAtEdgeAsync(EventsKey, ProtocolSubjects.SettlementEvent, JsonWire.Serialize(dto), JsonHeaders(), cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>Looks a payment up (tests and admin).</summary>
    public async Task<PaymentRecord?> FindPaymentAsync(Uetr uetr, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _engine.TryGetPayment(uetr, out var record) ? record : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A position of the ledger (tests and admin).</summary>
    public async Task<Position?> FindPositionAsync(Bic participant, Currency currency, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _ledger.TryGetPosition(participant, currency, out var position) ? position : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_deadlineTimer is not null)
        {
            await _deadlineTimer.DisposeAsync().ConfigureAwait(false);
        }

        if (_settlementTimer is not null)
        {
            await _settlementTimer.DisposeAsync().ConfigureAwait(false);
        }

        _meter.Dispose();

        foreach (var subscription in _subscriptions)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        _subscriptions.Clear();

        // Every lookup relay still in flight has been cancelled; taking all their slots waits until each has ended.
        for (var slot = 0; slot < _options.Resilience.MaxConcurrentLookups; slot++)
        {
            await _lookupSlots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _stopping.Dispose();
        _gate.Dispose();
        _lookupSlots.Dispose();
    }

    private IpsId SettlingIps(Currency currency)
    {
        var candidates = _topology.IpsForCurrency(currency);
        return candidates.Count > 0 ? candidates[0].Id : new IpsId(currency.Code);
    }

    private async ValueTask OnInboundAsync(BusMessage message, CancellationToken cancellationToken)
    {
        if (!_partition.IsWhole && string.Equals(message.Subject, ProtocolSubjects.HubPeerQuotes, StringComparison.Ordinal))
        {
            OnPeerQuotes(message);
            return;
        }

        if (ProtocolSubjects.SourceOf(message.Subject) is not { } source || !_topology.TryGetIps(source, out _))
        {
            await RefuseOnceAsync(message, null, new Rejection(StatusReasonCode.AGNT, "subject", $"'{message.Subject}' does not name an IPS connected to the hub"), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!IsoWire.TryDecode(message, out var envelope, out var rejection))
        {
            await RefuseOnceAsync(message, source, rejection, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (OwnedPart(envelope.Message) is not { } inboundMessage)
        {
            return;
        }

        string? contentType = null;
        message.Headers?.TryGet(HeaderNames.ContentType, out contentType);
        using var activity = SwitchTelemetry.StartConsumer("hub ", inboundMessage.Kind, message.Headers);
        var started = _time.GetTimestamp();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A connector that writes XML gets XML back (docs/protocol.md, "Payload encodings").
            _contentTypes[source] = ContentTypes.IsXml(contentType) ? ContentTypes.Xml : ContentTypes.MessagePack;
            // Read before the core applies it: whether this pacs.002 is a destination answering a payment forwarded to it.
            var answered = inboundMessage is PaymentStatusReport report && AnswersForwardedPayment(source, report);
            var refusal = Dispatch(source, inboundMessage);
            await RecordLegOutcomesAsync(answered ? source : null, cancellationToken).ConfigureAwait(false);
            await SendOutputsAsync(activity, cancellationToken).ConfigureAwait(false);
            if (refusal is { } refused)
            {
                Log.Refused(_logger, source.Value, inboundMessage.Kind.ToString(), refused.ToString());
            }

            UpdateLedgerGauges();
        }
        finally
        {
            _gate.Release();
        }

        SwitchTelemetry.RecordHubProcessing(inboundMessage.Kind, _time.GetElapsedTime(started));

        if (message.ReplyTo is not null)
        {
            await _bus.ReplyAsync(message, ReadOnlyMemory<byte>.Empty, AckHeaders(), cancellationToken).ConfigureAwait(false);
        }
    }

    // Runs one decoded message through the core; returns a refusal that produced no pacs.002 (enquiries about nothing,
    // a return of an unknown payment) so the caller can log it.
    private Rejection? Dispatch(IpsId source, IsoMessage message)
    {
        switch (message)
        {
            case CustomerCreditTransfer transfer:
                var decisions = _engine.Submit(source, transfer);
                foreach (var decision in decisions)
                {
                    SwitchTelemetry.CountDecision(source, decision);
                }

                return null;
            case PaymentStatusReport report:
                return _engine.OnStatusReport(source, report).Rejection;
            case PaymentStatusRequest request:
                return _engine.OnStatusRequest(source, request).Rejection;
            case PaymentReturn paymentReturn:
                return _engine.OnReturn(source, paymentReturn).Rejection;
            case CancellationRequest cancellation:
                return _engine.OnCancellationRequest(source, cancellation).Rejection;
            case ResolutionOfInvestigation resolution:
                return _engine.OnResolution(source, resolution).Rejection;
            default:
                return new Rejection(StatusReasonCode.FF01, "Document", $"the hub does not take {message.Kind} on this subject");
        }
    }

    // Sends what the last core call decided, in order. Called under the gate.
    private async ValueTask SendOutputsAsync(Activity? activity, CancellationToken cancellationToken)
    {
        // Copies: the engine's buffers stay valid only until its next call, and sending awaits.
        var outputs = _engine.Outputs.ToArray();
        if (_options.PublishEvents)
        {
            foreach (var e in _engine.Events.ToArray())
            {
                if (_options.EventDetail == PaymentEventDetail.All || IsOutcome(e.Kind))
                {
                    await PublishEventAsync(e, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        foreach (var output in outputs)
        {
            switch (output.Kind)
            {
                case HubOutputKind.ForwardPayment:
                    await SendAsync(output.Target, _messages.Forward(output.Transaction!, output.Target), output.Uetr, activity, cancellationToken).ConfigureAwait(false);
                    break;
                case HubOutputKind.StatusReport:
                    SwitchTelemetry.CountStatus(output);
                    await SendAsync(output.Target, _messages.StatusReport(output), output.Uetr, activity, cancellationToken).ConfigureAwait(false);
                    break;
                case HubOutputKind.ScheduleDeadline:
                    ArmDeadline(output.At);
                    break;
                case HubOutputKind.ForwardRecall:
                case HubOutputKind.ForwardResolution:
                    await SendAsync(output.Target, output.Message!, output.Uetr, activity, cancellationToken).ConfigureAwait(false);
                    break;
                case HubOutputKind.ReturnPayment:
                    await SendAsync(output.Target, _messages.Return(output), output.Uetr, activity, cancellationToken).ConfigureAwait(false);
                    break;
                case HubOutputKind.RequestReturn:
                    await SendAsync(output.Target, _messages.RequestReturn(output), output.Uetr, activity, cancellationToken).ConfigureAwait(false);
                    break;
                case HubOutputKind.LateAcceptance:
                    Log.LateAcceptance(_logger, output.Uetr.ToString(), output.Target.Value);
                    break;
                default:
                    Log.UnknownOutput(_logger, output.Kind.ToString());
                    break;
            }
        }
    }

    private async ValueTask SendAsync(IpsId target, IsoMessage message, Uetr uetr, Activity? activity, CancellationToken cancellationToken)
    {
        var version = VersionFor(target, message.Kind);
        var contentType = _contentTypes.GetValueOrDefault(target, ContentTypes.MessagePack);
        var (payload, headers) = IsoWire.Encode(message, version, contentType, uetr == default ? null : uetr.ToString());
        SwitchTelemetry.Inject(activity, headers);
        await PublishAtEdgeAsync(target.Value, ProtocolSubjects.IpsInbound(target), payload, headers, cancellationToken).ConfigureAwait(false);
    }

    // The newest version of the message kind that the receiving IPS declares; the newest of all if it declares none.
    private MessageVersion VersionFor(IpsId ips, MessageKind kind)
    {
        var chosen = MessageVersions.Latest(kind);
        if (_topology.TryGetIps(ips, out var definition))
        {
            var found = false;
            foreach (var version in definition.SupportedVersions.AsSpan())
            {
                if (version.Kind() == kind && (!found || version > chosen))
                {
                    chosen = version;
                    found = true;
                }
            }
        }

        return chosen;
    }

    private static bool IsOutcome(PaymentEventKind kind) =>
        kind is not (PaymentEventKind.Received or PaymentEventKind.Validated or PaymentEventKind.Reserved or PaymentEventKind.Forwarded or PaymentEventKind.InterimStatus);

    private async ValueTask PublishEventAsync(PaymentEvent e, CancellationToken cancellationToken)
    {
        var name = e.Kind.ToString().ToLowerInvariant();
        var source = e.Kind == PaymentEventKind.Received ? e.Facts.SourceIps : (_engine.TryGetPayment(e.Uetr, out var record) ? record.Facts.SourceIps : new IpsId("unknown"));
        var dto = new PaymentEventDto(
            e.Uetr.ToString(),
            name,
            e.At,
            e.Status == TransactionStatus.PDNG && e.Kind != PaymentEventKind.InterimStatus ? null : e.Status.ToString(),
            e.Reason == StatusReasonCode.None ? null : StatusReasons.ToCode(e.Reason));
        await PublishAtEdgeAsync(EventsKey, ProtocolSubjects.PaymentEvent(name, source), JsonWire.Serialize(dto), JsonHeaders(), cancellationToken).ConfigureAwait(false);
    }

    private void ArmDeadline(DateTimeOffset due)
    {
        if (_armedDeadline is { } armed && armed <= due)
        {
            return;
        }

        _armedDeadline = due;
        var delay = due - _time.GetUtcNow();
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        if (_deadlineTimer is null)
        {
            _deadlineTimer = _time.CreateTimer(static state => ((HubService)state!).OnDeadlineTimer(), this, delay, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _deadlineTimer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnDeadlineTimer() => _ = RunTimerAsync(static async (hub, ct) =>
    {
        await hub._gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            hub._armedDeadline = null;
            var timedOut = hub._engine.OnTick();
            await hub.RecordLegOutcomesAsync(null, ct).ConfigureAwait(false);
            await hub.SendOutputsAsync(null, ct).ConfigureAwait(false);
            if (timedOut > 0)
            {
                Log.TimedOut(hub._logger, timedOut);
            }

            if (hub._engine.NextDeadline is { } next)
            {
                hub.ArmDeadline(next);
            }
        }
        finally
        {
            hub._gate.Release();
        }
    });

    private void OnSettlementTimer() => _ = RunTimerAsync(static async (hub, ct) =>
    {
        await hub.CloseCycleAsync(ct).ConfigureAwait(false);
        hub._settlementTimer?.Change(hub._settlement.DueIn(), Timeout.InfiniteTimeSpan);
    });

    private async Task RunTimerAsync(Func<HubService, CancellationToken, Task> work)
    {
        try
        {
            await work(this, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (ObjectDisposedException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // A timer callback has no caller to throw to: log and keep the hub alive.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.TimerFailed(_logger, ex);
        }
    }

    // Bad input: an error reply when the sender asked for one, otherwise an error message on the sender's IPS subject;
    // either way nothing changed in the hub.
    private async ValueTask RefuseAsync(BusMessage message, IpsId? source, Rejection rejection, CancellationToken cancellationToken)
    {
        Log.BadInput(_logger, message.Subject, rejection.ToString());
        SwitchTelemetry.CountBadInput(rejection.Reason);
        var headers = IsoWire.ErrorHeaders(rejection);
        var body = JsonWire.Serialize(RejectionDto.From(rejection));
        if (message.ReplyTo is not null)
        {
            await _bus.ReplyAsync(message, body, headers, cancellationToken).ConfigureAwait(false);
        }
        else if (source is { } ips)
        {
            await PublishAtEdgeAsync(ips.Value, ProtocolSubjects.IpsInbound(ips), body, headers, cancellationToken).ConfigureAwait(false);
        }
    }

    private static MessageHeaders JsonHeaders() => new()
    {
        [HeaderNames.ContentType] = ContentTypes.Json,
        [HeaderNames.ProtocolVersion] = ProtocolSubjects.Version,
    };

    private static MessageHeaders AckHeaders() => new()
    {
        [HeaderNames.ProtocolVersion] = ProtocolSubjects.Version,
        [HeaderNames.Reason] = "ACK",
    };
}
