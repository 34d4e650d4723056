using Microsoft.Extensions.Logging;

namespace PaymentSwitch.Messaging;

/// <summary>Every log line of the messaging layer, source-generated so a disabled level costs nothing.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Handler failed on subject {Subject} (subscription {Pattern}, queue group {QueueGroup}); the subscription goes on with the next message")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string subject, string pattern, string? queueGroup);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Subscription {Pattern} (queue group {QueueGroup}) stopped: its message channel failed")]
    public static partial void SubscriptionFaulted(ILogger logger, Exception exception, string pattern, string? queueGroup);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Subscription {Pattern} (queue group {QueueGroup}) disposed with {Count} buffered messages not handled")]
    public static partial void DiscardedOnDispose(ILogger logger, string pattern, string? queueGroup, int count);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Unsubscribing {Pattern} failed")]
    public static partial void UnsubscribeFailed(ILogger logger, Exception exception, string pattern);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Subscription {Pattern} (queue group {QueueGroup}) buffer is full ({Capacity} messages): its handler is slower than the arrival rate, so back-pressure now holds messages upstream (in process: the publishers wait; over NATS: the server buffers them and disconnects a subscriber that stays behind past its max_pending or write_deadline)")]
    public static partial void BufferFull(ILogger logger, string pattern, string? queueGroup, int capacity);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "NATS {Role} connection opened to {Url}: {Message}")]
    public static partial void ConnectionOpened(ILogger logger, string role, string url, string message);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "NATS {Role} connection to {Url} lost: {Message}. The client reconnects by itself; requests in flight fail")]
    public static partial void ConnectionDisconnected(ILogger logger, string role, string url, string message);

    [LoggerMessage(EventId = 17, Level = LogLevel.Error, Message = "NATS {Role} connection to {Url} LOST: {Message}. Messages the server had buffered for this subscription are gone. If the server log says 'Slow Consumer', the handler could not keep up: the server cut it off after its max_pending/write_deadline. The client reconnects and resubscribes by itself")]
    public static partial void SubscriptionConnectionLost(ILogger logger, string role, string url, string message);

    [LoggerMessage(EventId = 18, Level = LogLevel.Warning, Message = "NATS {Role} connection to {Url} did not close cleanly; it is closed anyway")]
    public static partial void DisposeFailed(ILogger logger, string role, string url, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "NATS {Role} connection to {Url}: reconnect attempt failed: {Message}")]
    public static partial void ReconnectFailed(ILogger logger, string role, string url, string message);

    [LoggerMessage(EventId = 13, Level = LogLevel.Critical, Message = "NATS {Role} connection DROPPED a message on {Subject} ({Pending} pending). This must not happen with BoundedChannelFullMode.Wait: messages are being lost")]
    public static partial void MessageDropped(ILogger logger, string role, string subject, int pending);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "NATS {Role} connection: slow consumer on {Subject}: its pending buffer is full, so the socket reader waits; if this lasts, the server disconnects us as a slow consumer")]
    public static partial void SlowConsumer(ILogger logger, string role, string subject);

    [LoggerMessage(EventId = 15, Level = LogLevel.Error, Message = "NATS {Role} connection: server error: {Error}")]
    public static partial void ServerError(ILogger logger, string role, string error);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "NATS {Role} connection: server {Url} entered lame duck mode and will shut down; the client will move to another server")]
    public static partial void LameDuck(ILogger logger, string role, string url);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Delivery to {Key} failed (attempt {Attempt}, {ExceptionType}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string key, int attempt, string exceptionType, long delayMs);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Circuit to {Key} OPENED for {BreakMs} ms after {ExceptionType}: deliveries fail fast")]
    public static partial void CircuitOpened(ILogger logger, string key, long breakMs, string exceptionType);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Circuit to {Key} half-open: one trial delivery allowed")]
    public static partial void CircuitHalfOpened(ILogger logger, string key);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Circuit to {Key} closed: deliveries flow again")]
    public static partial void CircuitClosed(ILogger logger, string key);
}
