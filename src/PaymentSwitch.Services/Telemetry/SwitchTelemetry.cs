using System.Diagnostics;
using System.Diagnostics.Metrics;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub;
using PaymentSwitch.Messaging;

namespace PaymentSwitch.Services.Telemetry;

/// <summary>
/// The switch's traces and metrics, on the .NET built-in <see cref="ActivitySource"/> and <see cref="Meter"/>: they cost
/// a null check when nobody listens, and an OpenTelemetry SDK in the host (or a test's in-memory exporter) listens by
/// name (<see cref="Name"/>). Trace context crosses NATS in the W3C <c>traceparent</c>/<c>tracestate</c> headers.
/// </summary>
public static class SwitchTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "PaymentSwitch";

    /// <summary>Spans of the payment path.</summary>
    public static readonly ActivitySource Source = new(Name, "1.0.0");

    private static readonly Meter Meter = new(Name, "1.0.0");
    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>("paymentswitch.hub.decisions", description: "Payments taken in by the hub, by source IPS and decision");
    private static readonly Counter<long> Statuses = Meter.CreateCounter<long>("paymentswitch.hub.status_reports", description: "pacs.002 sent by the hub, by target IPS, status and reason");
    private static readonly Counter<long> BadInput = Meter.CreateCounter<long>("paymentswitch.hub.bad_input", description: "Messages refused before they reached the hub core, by reason code");
    private static readonly Counter<long> ExpiredRequests = Meter.CreateCounter<long>("paymentswitch.expired_requests", description: "Requests dropped unanswered because their sender's deadline had passed when they were taken off the queue, by kind (quote, lookup)");

    // Durations are whole microseconds (long): the project bans binary floating point, and a microsecond resolves the
    // hub's sub-millisecond hops. Bucket boundaries follow from 50 µs to 60 s (the HIGH-priority deadline).
    private static readonly InstrumentAdvice<long> LatencyBuckets = new()
    {
        HistogramBucketBoundaries = [50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 30_000_000, 60_000_000],
    };

    private static readonly Counter<long> Payments = Meter.CreateCounter<long>("paymentswitch.payments", unit: "{payment}", description: "Payments sent by a source adapter, by corridor, outcome and reason code");
    private static readonly Histogram<long> PaymentDuration = Meter.CreateHistogram("paymentswitch.payment.duration", unit: "us", description: "End to end, from the customer's instruction at the source IPS to the final pacs.002 back there", advice: LatencyBuckets);
    private static readonly Histogram<long> HubProcessing = Meter.CreateHistogram("paymentswitch.hub.processing.duration", unit: "us", description: "Per hop at the hub: from taking a message off the bus to having sent everything it decided", advice: LatencyBuckets);
    private static readonly Histogram<long> DestinationAnswer = Meter.CreateHistogram("paymentswitch.ips.answer.duration", unit: "us", description: "Per hop at a destination IPS: from receiving a forwarded pacs.008 to sending its pacs.002", advice: LatencyBuckets);
    private static readonly Counter<long> CircuitTransitions = Meter.CreateCounter<long>("paymentswitch.hub.destination_circuit", description: "Circuit breaker transitions of destination IPSs, by IPS and new state (opened, half_opened, closed)");

    /// <summary>Starts a consumer span whose parent is the <c>traceparent</c> in <paramref name="headers"/>, if any.</summary>
    public static Activity? StartConsumer(string name, MessageHeaders? headers)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityContext parent = default;
        if (headers is not null && headers.TryGet(HeaderNames.TraceParent, out var traceParent))
        {
            headers.TryGet(HeaderNames.TraceState, out var traceState);
            _ = ActivityContext.TryParse(traceParent, traceState, out parent);
        }

        return Source.StartActivity(name, ActivityKind.Consumer, parent);
    }

    /// <summary>
    /// <see cref="StartConsumer(string, MessageHeaders?)"/> named <paramref name="prefix"/> + the message kind; the name is
    /// built only when somebody listens, so an untraced message costs no string.
    /// </summary>
    public static Activity? StartConsumer(string prefix, Domain.Iso20022.MessageKind kind, MessageHeaders? headers) =>
        Source.HasListeners() ? StartConsumer(prefix + kind, headers) : null;

    /// <summary>A producer span named <paramref name="prefix"/> + <paramref name="destination"/>, built only when somebody listens.</summary>
    public static Activity? StartProducer(string prefix, IpsId destination) =>
        Source.HasListeners() ? Source.StartActivity(prefix + destination.Value, ActivityKind.Producer) : null;

    /// <summary>Starts a producer span (a new payment at its source), child of the current activity if any.</summary>
    public static Activity? StartProducer(string name) => Source.HasListeners() ? Source.StartActivity(name, ActivityKind.Producer) : null;

    /// <summary>Writes <paramref name="activity"/>'s context into <paramref name="headers"/> so the next hop continues the trace.</summary>
    public static void Inject(Activity? activity, MessageHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (activity is null)
        {
            return;
        }

        headers[HeaderNames.TraceParent] = activity.Id!;
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            headers[HeaderNames.TraceState] = activity.TraceStateString;
        }
    }

    /// <summary>Counts one hub decision on a pacs.008 transaction.</summary>
    public static void CountDecision(IpsId source, in HubDecision decision)
    {
        if (Decisions.Enabled)
        {
            Decisions.Add(1, new KeyValuePair<string, object?>("source_ips", source.Value), new KeyValuePair<string, object?>("decision", decision.Kind.ToString()));
        }
    }

    /// <summary>Counts one pacs.002 the hub sends.</summary>
    public static void CountStatus(in HubOutput output)
    {
        if (Statuses.Enabled)
        {
            Statuses.Add(
                1,
                new KeyValuePair<string, object?>("target_ips", output.Target.Value),
                new KeyValuePair<string, object?>("status", output.Status.ToString()),
                new KeyValuePair<string, object?>("reason", output.Reason == StatusReasonCode.None ? "none" : StatusReasons.ToCode(output.Reason)));
        }
    }

    /// <summary>Counts one transition of a destination IPS's circuit breaker (<paramref name="state"/>: opened, half_opened or closed).</summary>
    public static void CountCircuitTransition(IpsId destination, string state)
    {
        if (CircuitTransitions.Enabled)
        {
            CircuitTransitions.Add(1, new KeyValuePair<string, object?>("destination_ips", destination.Value), new KeyValuePair<string, object?>("state", state));
        }
    }

    /// <summary>Records one payment's end-to-end outcome and duration at its source adapter.</summary>
    public static void RecordPayment(IpsId source, IpsId destination, string outcome, StatusReasonCode reason, TimeSpan elapsed)
    {
        if (!Payments.Enabled && !PaymentDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "source_ips", source.Value },
            { "destination_ips", destination.Value },
            { "outcome", outcome },
            { "reason", reason == StatusReasonCode.None ? "none" : StatusReasons.ToCode(reason) },
        };
        Payments.Add(1, tags);
        PaymentDuration.Record(elapsed.Ticks / TimeSpan.TicksPerMicrosecond, tags);
    }

    /// <summary>Records how long the hub took over one inbound message of <paramref name="kind"/>.</summary>
    public static void RecordHubProcessing(Domain.Iso20022.MessageKind kind, TimeSpan elapsed)
    {
        if (HubProcessing.Enabled)
        {
            HubProcessing.Record(elapsed.Ticks / TimeSpan.TicksPerMicrosecond, new KeyValuePair<string, object?>("message", Iso20022.Examples.MessageKindNames.ShortName(kind)));
        }
    }

    /// <summary>Records how long a destination IPS took to answer a forwarded payment.</summary>
    public static void RecordDestinationAnswer(IpsId destination, TimeSpan elapsed)
    {
        if (DestinationAnswer.Enabled)
        {
            DestinationAnswer.Record(elapsed.Ticks / TimeSpan.TicksPerMicrosecond, new KeyValuePair<string, object?>("ips", destination.Value));
        }
    }

    /// <summary>Counts one request dropped because its deadline had passed (<c>quote</c> or <c>lookup</c>).</summary>
    public static void CountExpiredRequest(string kind)
    {
        if (ExpiredRequests.Enabled)
        {
            ExpiredRequests.Add(1, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    /// <summary>Counts one refused message.</summary>
    public static void CountBadInput(StatusReasonCode reason)
    {
        if (BadInput.Enabled)
        {
            BadInput.Add(1, new KeyValuePair<string, object?>("reason", StatusReasons.ToCode(reason)));
        }
    }
}
