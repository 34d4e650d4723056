using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using PaymentSwitch.Adapters;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Protocol;
using PaymentSwitch.Services.Telemetry;

namespace PaymentSwitch.Services.Adapters;

/// <summary>
/// One national instant payment system's connector to the hub: it runs the simulated IPS (<see cref="NationalSwitch"/>:
/// banks, accounts, proxy directory, behaviour profile) on the bus. Inbound, it answers forwarded pacs.008 with the
/// pacs.002 its profile decides, after the sampled latency; outbound, <see cref="SendAsync"/> turns a domestic
/// customer's instruction into a quoted pacs.008 (after an acmt.023 lookup for a proxy) and waits for the outcome.
/// </summary>
/// <remarks>
/// The simulated IPS is a single writer: every call into it takes <see cref="_gate"/>. Payments are one-way messages
/// correlated by UETR (docs/protocol.md); <see cref="SendAsync"/> only waits on a local completion, never on a NATS request.
/// </remarks>
public sealed class AdapterService : IAsyncDisposable
{
    private readonly IMessageBus _bus;
    private readonly NationalSwitch _switch;
    private readonly TimeProvider _time;
    private readonly AdapterServiceOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<Uetr, TaskCompletionSource<(TransactionStatus Status, StatusReasonCode Reason, string? Detail)>> _waiting = new();
    private readonly List<IAsyncDisposable> _subscriptions = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _contentType;
    private readonly DeliveryPipelines _requests;
    private readonly string _producerSpanPrefix;
    private readonly string _consumerSpanPrefix;
    private int _inFlight;
    private string? _atCapacityDetail;

    /// <summary>Creates the connector of <paramref name="nationalSwitch"/>.</summary>
    public AdapterService(IMessageBus bus, NationalSwitch nationalSwitch, TimeProvider time, AdapterServiceOptions options, ILogger<AdapterService> logger)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(nationalSwitch);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _bus = bus;
        _switch = nationalSwitch;
        _time = time;
        _options = options;
        _logger = logger;
        _contentType = options.UseXml ? ContentTypes.Xml : ContentTypes.MessagePack;
        _requests = new DeliveryPipelines(options.Requests, time);
        _producerSpanPrefix = "payment " + nationalSwitch.Ips.Value + " → ";
        _consumerSpanPrefix = "ips " + nationalSwitch.Ips.Value + " ";
    }

    /// <summary>The IPS this adapter connects.</summary>
    public IpsId Ips => _switch.Ips;

    /// <summary>The simulated IPS (read balances through it only while no payment is in flight, or under test).</summary>
    public NationalSwitch Switch => _switch;

    /// <summary>Subscribes to the IPS's subjects and registers its proxy directory with the hub.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var group = "ps-ips-" + Ips.Value;
        _subscriptions.Add(await _bus.SubscribeAsync(ProtocolSubjects.IpsInbound(Ips), group, OnInboundAsync, cancellationToken).ConfigureAwait(false));
        _subscriptions.Add(await _bus.SubscribeAsync(ProtocolSubjects.IpsLookup(Ips), group, OnLookupAsync, cancellationToken).ConfigureAwait(false));
        await _bus.FlushAsync(cancellationToken).ConfigureAwait(false);

        var registration = new ProxyRegistrationDto(
            [.. _switch.Profile.Proxies.AsSpan().ToArray().Select(static p => new ProxyEntryDto(p.Value, p.Bank.Value))],
            _contentType);
        // Retried while the hub is not (yet) answering; after the last attempt the bus failure is thrown as it was,
        // so a host can tell "no hub" (NoRespondersException) from other faults.
        var subject = ProtocolSubjects.ProxyRegistration(Ips);
        var (answer, result) = await RequestHubAsync(subject, JsonWire.Serialize(registration), JsonHeaders(), cancellationToken).ConfigureAwait(false);
        if (answer is not { } reply)
        {
            if (result.Exception is BusException busFailure)
            {
                ExceptionDispatchInfo.Throw(busFailure);
            }

            throw new BusException($"The proxy registration of {Ips} on '{subject}' failed ({result.Outcome}).", result.Exception ?? new InvalidOperationException(result.Outcome.ToString()));
        }

        if (reply.Headers is { } headers && headers.TryGet(HeaderNames.Error, out var error))
        {
            throw new InvalidOperationException($"The hub refused the proxy registration of {Ips}: {error}");
        }
    }

    /// <summary>
    /// Sends one domestic customer's payment abroad and waits for its outcome: checks at the source IPS, resolves a
    /// proxy (acmt.023/024 through the hub), takes the best quote (unless both IPSs settle one currency), sends the
    /// pacs.008 and waits for the final pacs.002.
    /// </summary>
    public async Task<PaymentOutcome> SendAsync(OutboundInstruction instruction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        PaymentOutcome outcome;
        if (Interlocked.Increment(ref _inFlight) > _options.MaxInFlight && _options.MaxInFlight > 0)
        {
            // Admission control: refused before anything is reserved, asked or sent (AdapterServiceOptions.MaxInFlight).
            Interlocked.Decrement(ref _inFlight);
            outcome = PaymentOutcome.Refused(default, new Rejection(StatusReasonCode.NARR, "adapter", AtCapacityDetail), null, TimeSpan.Zero);
        }
        else
        {
            try
            {
                outcome = await SendCoreAsync(instruction, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        SwitchTelemetry.RecordPayment(Ips, instruction.DestinationIps, OutcomeName(outcome.Stage), outcome.Reason, outcome.Elapsed);
        return outcome;
    }

    /// <summary>How many payments are between <see cref="SendAsync"/> and their final answer now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    private string AtCapacityDetail => _atCapacityDetail ??= $"{Ips} has {_options.MaxInFlight} cross-border payments in flight, its limit; send again when some have been answered";

    private static string OutcomeName(OutcomeStage stage) => stage switch
    {
        OutcomeStage.Accepted => "accepted",
        OutcomeStage.Rejected => "rejected",
        OutcomeStage.Source => "refused_at_source",
        _ => "no_answer",
    };

    private async Task<PaymentOutcome> SendCoreAsync(OutboundInstruction instruction, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var activity = SwitchTelemetry.StartProducer(_producerSpanPrefix, instruction.DestinationIps);

        OutboundPreparation preparation;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            preparation = _switch.PrepareOutbound(instruction);
        }
        finally
        {
            _gate.Release();
        }

        if (!preparation.IsAccepted)
        {
            return PaymentOutcome.Refused(default, preparation.Rejection ?? default, null, Elapsed(started));
        }

        ProxyResolution? resolution = null;
        if (instruction.Creditor.IsProxy)
        {
            var lookup = await LookupAsync(instruction, cancellationToken).ConfigureAwait(false);
            if (lookup.Rejection is { } notFound)
            {
                return PaymentOutcome.Refused(default, notFound, null, Elapsed(started));
            }

            resolution = lookup.Resolution;
        }

        // A payment between two IPSs of one currency converts nothing: no quote is asked for (the hub requires one only
        // across currencies), and the bank builds it from the corridor's fees.
        QuoteDto? quoteDto = null;
        Quote? quote = null;
        if (preparation.QuoteRequest is { } quoteRequest)
        {
            (quoteDto, quote, var quoteRejection) = await QuoteAsync(quoteRequest, cancellationToken).ConfigureAwait(false);
            if (quote is null)
            {
                return PaymentOutcome.Refused(default, quoteRejection, quoteDto, Elapsed(started));
            }
        }

        OutboundResult built;
        TaskCompletionSource<(TransactionStatus Status, StatusReasonCode Reason, string? Detail)> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            built = quote is null ? _switch.BuildSameCurrencyOutbound(instruction, resolution) : _switch.BuildOutbound(instruction, quote, resolution);
            if (built.IsSent)
            {
                _waiting[built.Uetr] = completion;
            }
        }
        finally
        {
            _gate.Release();
        }

        if (!built.IsSent)
        {
            return PaymentOutcome.Refused(built.Uetr, built.Rejection ?? default, quoteDto, Elapsed(started));
        }

        var (payload, headers) = IsoWire.Encode(built.Message!, built.Version, _contentType, built.Uetr.ToString());
        SwitchTelemetry.Inject(activity, headers);
        await _bus.PublishAsync(ProtocolSubjects.HubInbound(Ips), payload, headers, cancellationToken: cancellationToken).ConfigureAwait(false);

        try
        {
            var (status, reason, detail) = await completion.Task.WaitAsync(_options.FinalAnswerWait, _time, cancellationToken).ConfigureAwait(false);
            var stage = status is TransactionStatus.RJCT or TransactionStatus.BLCK ? OutcomeStage.Rejected : OutcomeStage.Accepted;
            return new PaymentOutcome(built.Uetr, stage, status, reason, detail, quoteDto, Elapsed(started));
        }
        catch (TimeoutException)
        {
            _waiting.TryRemove(built.Uetr, out _);
            return new PaymentOutcome(built.Uetr, OutcomeStage.NoAnswer, null, StatusReasonCode.None, null, quoteDto, Elapsed(started));
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var subscription in _subscriptions)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        _subscriptions.Clear();
        foreach (var waiting in _waiting.Values)
        {
            waiting.TrySetCanceled();
        }

        _stopping.Dispose();
        _gate.Dispose();
    }

    private TimeSpan Elapsed(long started) => _time.GetElapsedTime(started);

    private async Task<(ProxyResolution? Resolution, Rejection? Rejection)> LookupAsync(OutboundInstruction instruction, CancellationToken cancellationToken)
    {
        IdentificationVerificationRequest request;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            request = _switch.BuildProxyLookup(instruction.DebtorAgent, instruction.DestinationIps, instruction.Creditor.ProxyType!, instruction.Creditor.ProxyValue!);
        }
        finally
        {
            _gate.Release();
        }

        const string proxyField = "CdtrAcct/Prxy/Id";
        var (payload, headers) = IsoWire.Encode(request, MessageVersions.Latest(MessageKind.Acmt023), _contentType, null);
        var (answer, result) = await RequestHubAsync(ProtocolSubjects.ProxyLookup, payload, headers, cancellationToken).ConfigureAwait(false);
        if (answer is not { } reply)
        {
            return (null, new Rejection(StatusReasonCode.AB08, proxyField, "the proxy lookup got no answer: " + Failure(result)));
        }

        if (ErrorOf(reply) is { } error)
        {
            return (null, error);
        }

        if (!IsoWire.TryDecode(reply, out var envelope, out var rejection))
        {
            return (null, rejection);
        }

        if (envelope.Message is not IdentificationVerificationReport report || !ProxyResolution.TryFrom(report, out var resolution, out var reason))
        {
            return (null, new Rejection(StatusReasonCode.BE23, proxyField, $"the proxy {instruction.Creditor.ProxyValue} is not registered in {instruction.DestinationIps}"));
        }

        return (resolution, null);
    }

    private async Task<(QuoteDto? Dto, Quote? Quote, Rejection Rejection)> QuoteAsync(QuoteRequest request, CancellationToken cancellationToken)
    {
        var dto = new QuoteRequestDto(request.SourceIps.Value, request.DestinationIps.Value, request.RequestingPsp.Value, AmountDto.From(request.Amount), request.AmountIsFixedIn == FixedSide.Source ? "source" : "destination");
        var (answer, result) = await RequestHubAsync(ProtocolSubjects.Quotes, JsonWire.Serialize(dto), JsonHeaders(), cancellationToken).ConfigureAwait(false);
        if (answer is not { } reply)
        {
            return (null, null, new Rejection(StatusReasonCode.AB08, "quote", "the quote request got no answer: " + Failure(result)));
        }

        if (ErrorOf(reply) is { } error)
        {
            return (null, null, error);
        }

        if (!JsonWire.TryDeserialize<QuoteResponseDto>(reply.Payload, out var response, out var rejection))
        {
            return (null, null, rejection);
        }

        var best = response!.Quotes.FirstOrDefault(static q => q.Best) ?? (response.Quotes.Count > 0 ? response.Quotes[0] : null);
        if (best is null)
        {
            var first = response.Rejections.Count > 0 ? response.Rejections[0] : null;
            var reason = first is not null && StatusReasons.TryParse(first.Reason, out var parsed) ? parsed : StatusReasonCode.AG01;
            return (null, null, new Rejection(reason, first?.Field ?? "quote", first?.Detail ?? "no FX provider quoted this payment"));
        }

        if (!TryToQuote(best, request, out var quote))
        {
            return (best, null, new Rejection(StatusReasonCode.FF01, "quote", "the hub's quote could not be read"));
        }

        return (best, quote, default);
    }

    private static bool TryToQuote(QuoteDto dto, QuoteRequest request, out Quote quote)
    {
        quote = null!;
        if (!Bic.TryParse(dto.FxProvider, out var provider, out _)
            || !dto.SourceAmount.TryToMoney(out var source) || !dto.DestinationAmount.TryToMoney(out var destination)
            || !dto.SourcePspFee.TryToMoney(out var sourceFee) || !dto.DestinationPspFee.TryToMoney(out var destinationFee)
            || !dto.SchemeFee.TryToMoney(out var schemeFee))
        {
            return false;
        }

        quote = new Quote(
            dto.QuoteId, provider, request.SourceIps, request.DestinationIps, dto.Rate, source, destination, sourceFee, destinationFee, schemeFee,
            request.AmountIsFixedIn, request.RequestingPsp, dto.IssuedAt, dto.ExpiresAt);
        return true;
    }

    private async ValueTask OnInboundAsync(BusMessage message, CancellationToken cancellationToken)
    {
        if (ErrorOf(message) is { } error)
        {
            // The hub could not read something this IPS sent; it names the field and the reason.
            Log.HubError(_logger, Ips.Value, error.ToString());
            return;
        }

        if (!IsoWire.TryDecode(message, out var envelope, out var rejection))
        {
            Log.Unreadable(_logger, Ips.Value, rejection.ToString());
            return;
        }

        using var activity = SwitchTelemetry.StartConsumer(_consumerSpanPrefix, envelope.Message.Kind, message.Headers);
        switch (envelope.Message)
        {
            case CustomerCreditTransfer transfer:
                await ReceiveAsync(transfer, envelope.Version, activity, cancellationToken).ConfigureAwait(false);
                break;
            case PaymentStatusReport report:
                await CompleteAsync(report, cancellationToken).ConfigureAwait(false);
                break;
            case PaymentReturn paymentReturn:
                await WithGateAsync(() => _switch.OnReturn(paymentReturn), cancellationToken).ConfigureAwait(false);
                break;
            case CancellationRequest cancellation:
                await AnswerReturnRequestAsync(cancellation, activity, cancellationToken).ConfigureAwait(false);
                break;
            default:
                Log.Ignored(_logger, Ips.Value, envelope.Message.Kind.ToString());
                break;
        }
    }

    private async Task ReceiveAsync(CustomerCreditTransfer transfer, MessageVersion version, Activity? activity, CancellationToken cancellationToken)
    {
        var decisions = await WithGateAsync(() => _switch.Receive(transfer, version), cancellationToken).ConfigureAwait(false);
        foreach (var decision in decisions)
        {
            if (!decision.Answered)
            {
                // An outage window: the IPS is silent and the hub's deadline decides.
                continue;
            }

            var report = await WithGateAsync(() => _switch.BuildStatusReport(decision), cancellationToken).ConfigureAwait(false);
            var delay = decision.AnswerAt - _time.GetUtcNow();
            var context = activity?.Context ?? default;
            _ = AnswerLaterAsync(report, decision.Uetr, delay, context, _time.GetTimestamp(), _stopping.Token);
        }
    }

    // The destination's answer leaves after its sampled latency, without holding up the next inbound message.
    private async Task AnswerLaterAsync(PaymentStatusReport report, Uetr uetr, TimeSpan delay, ActivityContext parent, long receivedTimestamp, CancellationToken cancellationToken)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }

            var (payload, headers) = IsoWire.Encode(report, _switch.Pacs002Version, _contentType, uetr.ToString());
            if (parent != default)
            {
                headers[HeaderNames.TraceParent] = $"00-{parent.TraceId}-{parent.SpanId}-{(parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}";
            }

            await _bus.PublishAsync(ProtocolSubjects.HubInbound(Ips), payload, headers, cancellationToken: cancellationToken).ConfigureAwait(false);
            SwitchTelemetry.RecordDestinationAnswer(Ips, _time.GetElapsedTime(receivedTimestamp));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: an adapter that stops mid-answer is a destination that never answered.
        }
#pragma warning disable CA1031 // A fire-and-forget answer has no caller: log it and keep the adapter serving.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.AnswerFailed(_logger, Ips.Value, uetr.ToString(), ex);
        }
    }

    private async Task CompleteAsync(PaymentStatusReport report, CancellationToken cancellationToken)
    {
        await WithGateAsync(() => _switch.OnStatusReport(report), cancellationToken).ConfigureAwait(false);
        foreach (var status in report.Transactions)
        {
            if (status.OriginalUetr is not { } uetr || status.Status is not { } value || value is not (TransactionStatus.ACCC or TransactionStatus.ACSC or TransactionStatus.RJCT or TransactionStatus.BLCK))
            {
                continue;
            }

            if (_waiting.TryRemove(uetr, out var completion))
            {
                var reason = status.StatusReasons.Count > 0 && status.StatusReasons[0].Reason?.Code is { } code && StatusReasons.TryParse(code, out var parsed) ? parsed : StatusReasonCode.None;
                var detail = status.StatusReasons.Count > 0 && status.StatusReasons[0].AdditionalInformation.Count > 0 ? status.StatusReasons[0].AdditionalInformation[0] : null;
                completion.TrySetResult((value, reason, detail));
            }
        }
    }

    // The hub asks for the return of a payment this IPS accepted after the hub had timed it out: return it (pacs.004).
    private async Task AnswerReturnRequestAsync(CancellationRequest request, Activity? activity, CancellationToken cancellationToken)
    {
        foreach (var transaction in request.Transactions.AsSpan().ToArray())
        {
            if (transaction.OriginalUetr is not { } uetr)
            {
                continue;
            }

            var result = await WithGateAsync(() => _switch.InitiateReturn(uetr, StatusReasonCode.AB05, "accepted after the hub's timeout"), cancellationToken).ConfigureAwait(false);
            if (result.Message is { } paymentReturn)
            {
                var (payload, headers) = IsoWire.Encode(paymentReturn, _switch.Pacs004Version, _contentType, uetr.ToString());
                SwitchTelemetry.Inject(activity, headers);
                await _bus.PublishAsync(ProtocolSubjects.HubInbound(Ips), payload, headers, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Log.ReturnRefused(_logger, Ips.Value, uetr.ToString(), result.Rejection?.ToString() ?? result.Outcome.ToString());
            }
        }
    }

    private async ValueTask OnLookupAsync(BusMessage message, CancellationToken cancellationToken)
    {
        if (RequestDeadline.HasExpired(message, _time.GetUtcNow()))
        {
            SwitchTelemetry.CountExpiredRequest("lookup");
            return;
        }

        if (!IsoWire.TryDecode(message, out var envelope, out var rejection) || envelope.Message is not IdentificationVerificationRequest request)
        {
            var refusal = rejection == default ? new Rejection(StatusReasonCode.FF01, "Document", "a proxy lookup is an acmt.023") : rejection;
            await _bus.ReplyAsync(message, JsonWire.Serialize(RejectionDto.From(refusal)), IsoWire.ErrorHeaders(refusal), cancellationToken).ConfigureAwait(false);
            return;
        }

        var report = await WithGateAsync(() => _switch.ProxyLookup(request), cancellationToken).ConfigureAwait(false);
        var (payload, headers) = IsoWire.Encode(report, MessageVersions.Latest(MessageKind.Acmt024), _contentType, null);
        await _bus.ReplyAsync(message, payload, headers, cancellationToken).ConfigureAwait(false);
    }

    // A request to the hub, retried at the edge (AdapterServiceOptions.Requests); keyed by subject, so a breaker that
    // opened on one kind of request does not stop the others.
    private ValueTask<(BusMessage? Reply, DeliveryResult Result)> RequestHubAsync(string subject, ReadOnlyMemory<byte> payload, MessageHeaders headers, CancellationToken cancellationToken) =>
        EdgeRequest.SendAsync(_requests, subject, _bus, _time, subject, payload, headers, _options.RequestTimeout, cancellationToken);

    private static string Failure(in DeliveryResult result) => result.Outcome == DeliveryOutcome.CircuitOpen
        ? "the hub stopped answering (circuit open; requests fail fast for a while)"
        : result.Exception?.Message ?? result.Outcome.ToString();

    private async Task<T> WithGateAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work();
        }
        finally
        {
            _gate.Release();
        }
    }

    private static Rejection? ErrorOf(in BusMessage message)
    {
        if (message.Headers is not { } headers || !headers.TryGet(HeaderNames.Error, out var error))
        {
            return null;
        }

        var reason = headers.TryGet(HeaderNames.Reason, out var code) && StatusReasons.TryParse(code, out var parsed) ? parsed : StatusReasonCode.FF01;
        var colon = error.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? new Rejection(reason, error[..colon], error[(colon + 1)..].Trim()) : new Rejection(reason, "message", error);
    }

    private static MessageHeaders JsonHeaders() => new()
    {
        [HeaderNames.ContentType] = ContentTypes.Json,
        [HeaderNames.ProtocolVersion] = ProtocolSubjects.Version,
    };
}
