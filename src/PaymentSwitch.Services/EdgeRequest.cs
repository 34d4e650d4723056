using PaymentSwitch.Messaging;

namespace PaymentSwitch.Services;

/// <summary>
/// A request/reply through a <see cref="DeliveryPipelines"/>: each attempt is one bus request that waits up to its
/// timeout; "no responders", a timeout or a lost connection is retried with backoff and jitter. The outcome is a value.
/// </summary>
internal static class EdgeRequest
{
    /// <summary>Sends the request through <paramref name="pipelines"/> under <paramref name="key"/>.</summary>
    /// <returns>The reply when <see cref="DeliveryResult.IsDelivered"/>; otherwise null and the last failure in the result.</returns>
    public static async ValueTask<(BusMessage? Reply, DeliveryResult Result)> SendAsync(
        DeliveryPipelines pipelines,
        string key,
        IMessageBus bus,
        TimeProvider time,
        string subject,
        ReadOnlyMemory<byte> payload,
        MessageHeaders? headers,
        TimeSpan attemptTimeout,
        CancellationToken cancellationToken)
    {
        var call = new Call(bus, time, subject, payload, headers, attemptTimeout);
        var result = await pipelines.ExecuteAsync(
            key,
            call,
            static async (request, token) =>
            {
                // Each attempt says when it stops waiting, so a responder drops it once that has passed.
                RequestDeadline.Stamp(request.Headers, request.Time.GetUtcNow() + request.Timeout, request.Inherited);
                request.Reply = await request.Bus.RequestAsync(request.Subject, request.Payload, request.Headers, request.Timeout, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        return (result.IsDelivered ? call.Reply : null, result);
    }

    // One request and, once answered, its reply: a class, so the static action can set the reply without a closure. The
    // headers are the caller's, copied once, so stamping a deadline never changes a message the caller still holds.
    private sealed class Call(IMessageBus bus, TimeProvider time, string subject, ReadOnlyMemory<byte> payload, MessageHeaders? headers, TimeSpan timeout)
    {
        public IMessageBus Bus { get; } = bus;

        public TimeProvider Time { get; } = time;

        public string Subject { get; } = subject;

        public ReadOnlyMemory<byte> Payload { get; } = payload;

        public MessageHeaders Headers { get; } = headers?.Clone() ?? new MessageHeaders();

        // A relayed request keeps its original sender's deadline when that comes first.
        public DateTimeOffset? Inherited { get; } = RequestDeadline.TryRead(headers, out var deadline) ? deadline : null;

        public TimeSpan Timeout { get; } = timeout;

        public BusMessage? Reply { get; set; }
    }
}
