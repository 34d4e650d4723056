namespace PaymentSwitch.Messaging;

/// <summary>One message as a subscriber or requester receives it.</summary>
/// <param name="Subject">The subject it was published on (never a wildcard).</param>
/// <param name="ReplyTo">The subject to answer on, or null when no answer is expected.</param>
/// <param name="Headers">The headers, or null when the message had none.</param>
/// <param name="Payload">The body. It belongs to the receiver: it stays valid after the handler returns.</param>
public readonly record struct BusMessage(string Subject, string? ReplyTo, MessageHeaders? Headers, ReadOnlyMemory<byte> Payload);

/// <summary>Helpers over <see cref="IMessageBus"/>.</summary>
public static class MessageBusExtensions
{
    /// <summary>Publishes <paramref name="payload"/> on the reply subject of <paramref name="request"/>.</summary>
    /// <exception cref="InvalidOperationException">The request has no reply subject (it was published, not requested).</exception>
    public static ValueTask ReplyAsync(
        this IMessageBus bus,
        in BusMessage request,
        ReadOnlyMemory<byte> payload,
        MessageHeaders? headers = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bus);
        if (request.ReplyTo is not { } replyTo)
        {
            throw new InvalidOperationException($"The message on '{request.Subject}' has no reply subject: it was published, not sent as a request.");
        }

        return bus.PublishAsync(replyTo, payload, headers, replyTo: null, cancellationToken);
    }
}
