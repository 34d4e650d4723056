using Polly.Timeout;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Payments;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Protocol;

namespace PaymentSwitch.Services.Hub;

// Operating faults at the messaging edge (docs/protocol.md, "Resilience"): publishes and the proxy-lookup relay go
// through DeliveryPipelines (per-attempt timeout, retry with backoff and jitter), and the outcome of every leg to a
// destination feeds its circuit breaker (DestinationHealth), which the core asks before forwarding. The core itself
// never retries and never sees an exception from the bus.
public sealed partial class HubService
{
    // The DeliveryPipelines key of the hub's event publishes (payment lifecycle, settlement reports); other publishes
    // are keyed by the IPS they go to.
    private const string EventsKey = "events";

    // Whether a pacs.008 the hub forwarded to source is what this pacs.002 from source is about: the destination
    // answered, which is a success for its breaker whatever the status (an answer, even a rejection, proves it is up).
    private bool AnswersForwardedPayment(IpsId source, PaymentStatusReport report)
    {
        foreach (var status in report.Transactions)
        {
            if (status.OriginalUetr is { } uetr && _engine.TryGetPayment(uetr, out var record) && record.Facts.DestinationIps == source)
            {
                return true;
            }
        }

        return false;
    }

    // Feeds the destination breakers with the last core call: a success for the destination that answered (if the call
    // was its pacs.002), a failure for the destination of every HIGH payment the call timed out. A timeout that happens
    // while the destination's own late pacs.002 is applied is not a failure: it did answer. Runs under the gate, before
    // the call's outputs are sent, so that whoever hears an AB05/AB06 already sees the breaker that counted it.
    private async ValueTask RecordLegOutcomesAsync(IpsId? answering, CancellationToken cancellationToken)
    {
        if (answering is { } destination)
        {
            await _health.RecordSuccessAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        if (TimedOutDestinations(answering) is not { } failed)
        {
            return;
        }

        foreach (var unanswered in failed)
        {
            await _health.RecordFailureAsync(unanswered, cancellationToken).ConfigureAwait(false);
        }
    }

    // The destinations of the payments the last core call timed out (one entry per payment), or null if none: the
    // engine's event buffer cannot be held across an await, so it is read here, and nothing is allocated without a timeout.
    private List<IpsId>? TimedOutDestinations(IpsId? answering)
    {
        List<IpsId>? failed = null;
        foreach (var e in _engine.Events)
        {
            if (e.Kind == PaymentEventKind.TimedOut && _engine.TryGetPayment(e.Uetr, out var record) && record.Facts.DestinationIps != answering)
            {
                (failed ??= []).Add(record.Facts.DestinationIps);
            }
        }

        return failed;
    }

    // Every hub publish: retried with backoff and jitter on a transient bus failure; one that still fails is logged
    // and dropped, never thrown into the handler that produced it (the single writer must go on serving).
    private async ValueTask PublishAtEdgeAsync(string key, string subject, ReadOnlyMemory<byte> payload, MessageHeaders headers, CancellationToken cancellationToken)
    {
        var result = await _publishes.ExecuteAsync(
            key,
            (Bus: _bus, Subject: subject, Payload: payload, Headers: headers),
            static (state, token) => state.Bus.PublishAsync(state.Subject, state.Payload, state.Headers, cancellationToken: token),
            cancellationToken).ConfigureAwait(false);
        if (!result.IsDelivered)
        {
            Log.PublishFailed(_logger, subject, result.Outcome.ToString(), result.Exception);
        }
    }

    // Relays a proxy lookup to the destination's directory: retried while nobody answers; the reply, or null after the
    // last attempt failed. An answer is a success for the destination's breaker; no responders or a timeout after the
    // retries is a failure (the directory is the destination IPS's own service).
    private async ValueTask<BusMessage?> RelayLookupAsync(IpsId destination, BusMessage message, CancellationToken cancellationToken)
    {
        var (reply, result) = await EdgeRequest.SendAsync(
            _lookups, destination.Value, _bus, _time, ProtocolSubjects.IpsLookup(destination), message.Payload, message.Headers, _options.Resilience.Lookup.AttemptTimeout, cancellationToken).ConfigureAwait(false);
        if (reply is not null)
        {
            await _health.RecordSuccessAsync(destination, cancellationToken).ConfigureAwait(false);
            return reply;
        }

        if (result.Outcome == DeliveryOutcome.Failed && result.Exception is NoRespondersException or BusTimeoutException or TimeoutRejectedException)
        {
            await _health.RecordFailureAsync(destination, cancellationToken).ConfigureAwait(false);
        }

        Log.LookupFailed(_logger, destination.Value, result.Outcome + ": " + (result.Exception?.Message ?? "no exception"));
        return null;
    }
}
