namespace PaymentSwitch.Messaging;

/// <summary>
/// The transport seam of the switch: every service publishes, subscribes and makes requests only through this
/// interface, so the NATS transport (<see cref="NatsMessageBus"/>), the in-process transport
/// (<see cref="InProcessBus"/>) and a later deterministic simulator are interchangeable.
/// </summary>
/// <remarks>
/// <para>
/// <b>Subjects</b> follow NATS: dot-separated tokens, no empty token, no whitespace, at most
/// 1,024 characters. A subscription may use <c>*</c> (exactly one token) and <c>&gt;</c>
/// (one or more tokens, last token only); a published subject may not. Invalid subjects throw
/// <see cref="ArgumentException"/> in every implementation.
/// </para>
/// <para>
/// <b>Delivery</b> is at most once, as core NATS: a message published while nobody subscribes is gone. A
/// subscription's handler runs for one message at a time, in arrival order (a subscriber is a single writer).
/// Messages published by one publisher arrive in publish order.
/// </para>
/// <para>
/// <b>Back-pressure, never silent loss.</b> Each subscription buffers at most a bounded number of pending messages
/// (the "pending capacity", 65,536 by default). When the buffer is full the transport <i>waits</i> instead of dropping
/// the newest message: in process the publisher waits; over NATS the subscription's own connection stops reading, TCP
/// pushes back, and the server buffers until its slow-consumer limits (max_pending, write_deadline), where it
/// disconnects that subscriber. A full buffer is logged as a warning once per episode, and a lost subscription
/// connection as an error, so a loss always shows up in the log, never as a quiet gap. Over NATS a slow subscription
/// never stalls another one's connection; in process, a publisher that waits for one full subscriber also delays
/// its later messages to the others.
/// </para>
/// <para>
/// <b>Request/reply.</b> <see cref="RequestAsync"/> publishes with a private <c>_INBOX.</c> reply subject and waits
/// for the first reply. It throws <see cref="NoRespondersException"/> at once when no subscription matches the
/// subject (NATS answers a 503 no-responders status), and <see cref="BusTimeoutException"/> when a subscriber exists
/// but no reply came within the timeout. Both are transient operating faults: only
/// <see cref="DeliveryPipelines"/> retries them; business code never does.
/// </para>
/// </remarks>
public interface IMessageBus : IAsyncDisposable
{
    /// <summary>What this bus is connected to, for logs: <c>nats://127.0.0.1:43123</c> or <c>in-process</c>.</summary>
    string Description { get; }

    /// <summary>Publishes one message. The payload and headers are copied before the call returns.</summary>
    /// <param name="subject">A subject without wildcards.</param>
    /// <param name="payload">The message body (may be empty).</param>
    /// <param name="headers">Optional headers.</param>
    /// <param name="replyTo">Optional subject the receiver should answer on.</param>
    /// <param name="cancellationToken">Cancels a publish that waits (back-pressure, reconnection).</param>
    ValueTask PublishAsync(
        string subject,
        ReadOnlyMemory<byte> payload,
        MessageHeaders? headers = null,
        string? replyTo = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes <paramref name="handler"/> to <paramref name="subject"/>. When the returned task completes, the
    /// subscription is registered: a message published afterwards (by any publisher) is delivered.
    /// </summary>
    /// <param name="subject">A subject, wildcards allowed.</param>
    /// <param name="queueGroup">
    /// Null for a plain subscription (receives every matching message), or a queue group name: each message goes
    /// to exactly one member of each group.
    /// </param>
    /// <param name="handler">
    /// Called for one message at a time, in arrival order. Its token is cancelled when the subscription is disposed.
    /// An exception it throws is logged and the subscription goes on with the next message.
    /// </param>
    /// <param name="cancellationToken">Cancels the subscribe call itself.</param>
    /// <returns>A handle whose <see cref="IAsyncDisposable.DisposeAsync"/> unsubscribes and waits until the handler loop has finished.</returns>
    ValueTask<IAsyncDisposable> SubscribeAsync(
        string subject,
        string? queueGroup,
        Func<BusMessage, CancellationToken, ValueTask> handler,
        CancellationToken cancellationToken = default);

    /// <summary>Sends a request and waits for the first reply.</summary>
    /// <exception cref="NoRespondersException">No subscription matches <paramref name="subject"/>.</exception>
    /// <exception cref="BusTimeoutException">No reply arrived within <paramref name="timeout"/>.</exception>
    ValueTask<BusMessage> RequestAsync(
        string subject,
        ReadOnlyMemory<byte> payload,
        MessageHeaders? headers,
        TimeSpan timeout,
        CancellationToken cancellationToken = default);

    /// <summary>Waits until everything published so far has reached the transport (over NATS: a PING/PONG round trip).</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);
}
