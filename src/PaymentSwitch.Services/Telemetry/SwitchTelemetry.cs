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

    /// <summary>Counts one refused message.</summary>
    public static void CountBadInput(StatusReasonCode reason)
    {
        if (BadInput.Enabled)
        {
            BadInput.Add(1, new KeyValuePair<string, object?>("reason", StatusReasons.ToCode(reason)));
        }
    }
}
