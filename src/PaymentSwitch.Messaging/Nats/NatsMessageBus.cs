using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using NATS.Client.Core;

namespace PaymentSwitch.Messaging;

/// <summary>
/// <see cref="IMessageBus"/> over core NATS (NATS.Client.Core): raw byte payloads, headers mapped one to one onto
/// NATS headers (case-sensitive), queue groups as NATS queue subscriptions.
/// </summary>
/// <remarks>
/// <para>
/// <b>Back-pressure instead of silent loss.</b> NATS.Client.Core by default drops the newest message when a
/// subscription's pending channel is full (<c>BoundedChannelFullMode.DropNewest</c>, at-most-once). A payment switch
/// must not lose a pacs.008 quietly, so every subscription uses a bounded channel of
/// <see cref="NatsBusOptions.PendingCapacity"/> messages in <see cref="BoundedChannelFullMode.Wait"/> mode: when it is
/// full the connection's socket reader waits, TCP flow control pushes back on the server, and the server buffers
/// for us up to its own limits (max_pending, write_deadline). Past those it disconnects us as a slow consumer
/// ("Slow Consumer Detected" in the server log); the client reconnects and resubscribes by itself. Every such event
/// (slow consumer, dropped message, disconnect, reconnect) is logged, so a loss is always visible. End-to-end
/// guarantees (redelivery) belong to JetStream or to the protocol's own retries, not to this layer.
/// </para>
/// <para>
/// <b>One connection per subscription, one for publishing.</b> With <c>Wait</c> mode a full subscription stalls the
/// socket reader of the connection it lives on, and with it every other subscription on that connection. Two
/// subscriptions of one process sharing a connection could then deadlock: a handler whose buffer is full makes a
/// request whose responder lives on the same stalled connection (the hub asking the FX service for a quote in the
/// single-process demo), and the request can never be read. So every subscription gets its own connection (with
/// 64 KiB buffers; a service has tens of subscriptions, not thousands), publishes, requests and flushes go
/// through a separate <i>publisher</i> connection whose reader only ever carries replies and PONGs, and a slow
/// consumer stalls, and at worst gets disconnected by the server, alone. This is the same isolation the
/// in-process bus gives, where each subscription has its own channel. Subscribing therefore costs a connect and a
/// PING round trip; the PONG also proves the server has registered the interest before the caller publishes on
/// the publisher connection. Ordering is per publisher connection, as NATS guarantees anyway.
/// </para>
/// <para>
/// <b>No responders and timeouts.</b> NATS 2.2+ answers a request with no subscriber on its subject with a 503
/// status at once; NATS.Client.Core raises <c>NatsNoRespondersException</c>, translated here to
/// <see cref="NoRespondersException"/>. A request that reached a subscriber but got no reply within the timeout
/// throws <see cref="BusTimeoutException"/>. Connection failures throw <see cref="BusConnectionException"/>. All three
/// are transient <see cref="BusException"/>s.
/// </para>
/// </remarks>
public sealed partial class NatsMessageBus : IMessageBus
{
    private static readonly NatsRawSerializer<ReadOnlyMemory<byte>> PayloadSerializer = NatsRawSerializer<ReadOnlyMemory<byte>>.Default;
    private static readonly NatsRawSerializer<byte[]> BytesDeserializer = NatsRawSerializer<byte[]>.Default;

    private readonly NatsBusOptions _options;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly NatsConnection _publisher;
    private readonly ConcurrentDictionary<SubscriptionPump<NatsMsg<byte[]>>, byte> _pumps = new();
    private long _subscriptionCount;
    private int _disposed;

    private NatsMessageBus(NatsBusOptions options, ILoggerFactory loggerFactory)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<NatsMessageBus>();
        _publisher = new NatsConnection(CreateNatsOpts(options, loggerFactory, "pub"));
        WatchConnection(_publisher, "publisher", () => Volatile.Read(ref _disposed) != 0, carriesSubscription: false);
    }

    /// <inheritdoc />
    public string Description => _options.Url;

    /// <summary>Validates <paramref name="options"/> and opens the publisher connection.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="BusConnectionException">The server could not be reached or refused us.</exception>
    public static async Task<NatsMessageBus> ConnectAsync(
        NatsBusOptions options,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var bus = new NatsMessageBus(options, loggerFactory ?? NullLoggerFactory.Instance);
        try
        {
            await bus._publisher.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            return bus;
        }
        catch (NatsException exception)
        {
            await bus.DisposeAsync().ConfigureAwait(false);
            throw new BusConnectionException($"Cannot connect to NATS at {options.Url}: {exception.Message}", exception);
        }
        catch
        {
            await bus.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask PublishAsync(
        string subject,
        ReadOnlyMemory<byte> payload,
        MessageHeaders? headers = null,
        string? replyTo = null,
        CancellationToken cancellationToken = default)
    {
        Subjects.ValidatePublishWithReply(subject, replyTo);

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            // The payload is serialised into the connection's write buffer before this returns, so the caller may
            // reuse its buffer at once.
            await _publisher.PublishAsync(subject, payload, ToNatsHeaders(headers), replyTo, PayloadSerializer, opts: null, cancellationToken).ConfigureAwait(false);
        }
        catch (NatsException exception)
        {
            throw new BusConnectionException($"Publish on '{subject}' failed: {exception.Message}", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<BusMessage> RequestAsync(
        string subject,
        ReadOnlyMemory<byte> payload,
        MessageHeaders? headers,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        Subjects.ValidatePublish(subject, nameof(subject));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var replyOpts = new NatsSubOpts { Timeout = timeout, ThrowIfNoResponders = true };
        try
        {
            var reply = await _publisher.RequestAsync(subject, payload, ToNatsHeaders(headers), PayloadSerializer, BytesDeserializer, requestOpts: null, replyOpts, cancellationToken).ConfigureAwait(false);

            // Defensive: should a client setting ever hand the 503 sentinel back as a message, it is still no responders.
            if (reply.HasNoResponders)
            {
                throw new NoRespondersException(subject);
            }

            return ToBusMessage(reply);
        }
        catch (NatsNoRespondersException exception)
        {
            throw new NoRespondersException(subject, exception);
        }
        catch (NatsNoReplyException exception)
        {
            throw new BusTimeoutException(subject, timeout, exception);
        }
        catch (NatsTimeoutException exception)
        {
            throw new BusTimeoutException(subject, timeout, exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BusTimeoutException(subject, timeout, exception);
        }
        catch (NatsException exception)
        {
            throw new BusConnectionException($"Request on '{subject}' failed: {exception.Message}", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            // The server answers PING after it has processed everything sent before it on this connection.
            await _publisher.PingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NatsException exception)
        {
            throw new BusConnectionException($"Flush failed: {exception.Message}", exception);
        }
    }

    /// <summary>Disposes every subscription (waiting for their handler loops, closing their connections), then the publisher connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var pump in _pumps.Keys)
        {
            await pump.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _publisher.DisposeAsync().ConfigureAwait(false);
        }
        catch (NatsException exception)
        {
            // Closing must finish: after an overload the client's command queue can be too far behind to unsubscribe
            // the reply inbox in time (NatsTimeoutException). The connection is closed either way; only the goodbye is lost.
            Log.DisposeFailed(_logger, "publisher", _options.Url, exception);
        }
    }

    private static NatsOpts CreateNatsOpts(NatsBusOptions options, ILoggerFactory loggerFactory, string connectionName) => new()
    {
        Url = options.Url,
        Name = $"{options.Name}-{connectionName}",
        ConnectTimeout = options.ConnectTimeout,
        AuthOpts = new NatsAuthOpts
        {
            Username = options.Username,
            Password = options.Password,
            Token = options.Token,
        },
        LoggerFactory = loggerFactory,
        SubPendingChannelCapacity = options.PendingCapacity,
        SubPendingChannelFullMode = BoundedChannelFullMode.Wait,

        // ADR-4: header names are case-sensitive; our MessageHeaders compare them ordinally too.
        CaseSensitiveHeaders = true,
    };

    private static NatsHeaders? ToNatsHeaders(MessageHeaders? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return null;
        }

        // Sized once and case-sensitive (ordinal), as NatsHeaders(caseSensitive: true) would be, without the growth
        // copies a default-sized dictionary makes for a message's four or five headers.
        var natsHeaders = new NatsHeaders(new Dictionary<string, StringValues>(headers.Count, StringComparer.Ordinal));
        foreach (var (name, value) in headers)
        {
            natsHeaders[name] = value;
        }

        return natsHeaders;
    }

    private static MessageHeaders? FromNatsHeaders(NatsHeaders? natsHeaders)
    {
        if (natsHeaders is null || natsHeaders.Count == 0)
        {
            return null;
        }

        var headers = new MessageHeaders();
        foreach (var (name, values) in natsHeaders)
        {
            headers.AddTrusted(name, values.Count == 0 ? string.Empty : values[values.Count - 1] ?? string.Empty);
        }

        return headers;
    }

    private static BusMessage ToBusMessage(NatsMsg<byte[]> message)
        => new(message.Subject, message.ReplyTo, FromNatsHeaders(message.Headers), message.Data ?? []);

    /// <summary>Logs every state change of <paramref name="connection"/>; <paramref name="closing"/> mutes the disconnect we cause ourselves.</summary>
    private void WatchConnection(NatsConnection connection, string role, Func<bool> closing, bool carriesSubscription)
    {
        var url = _options.Url;
        connection.ConnectionOpened += (_, args) =>
        {
            Log.ConnectionOpened(_logger, role, url, args.Message);
            return ValueTask.CompletedTask;
        };
        connection.ConnectionDisconnected += (_, args) =>
        {
            if (closing())
            {
                return ValueTask.CompletedTask;
            }

            // Losing a subscription's connection can lose messages (it is also how the server cuts off a slow
            // consumer), so it is an error; the publisher only loses requests in flight, which fail visibly anyway.
            if (carriesSubscription)
            {
                Log.SubscriptionConnectionLost(_logger, role, url, args.Message);
            }
            else
            {
                Log.ConnectionDisconnected(_logger, role, url, args.Message);
            }

            return ValueTask.CompletedTask;
        };
        connection.ReconnectFailed += (_, args) =>
        {
            Log.ReconnectFailed(_logger, role, url, args.Message);
            return ValueTask.CompletedTask;
        };
        connection.MessageDropped += (_, args) =>
        {
            Log.MessageDropped(_logger, role, args.Subject, args.Pending);
            return ValueTask.CompletedTask;
        };
        connection.SlowConsumerDetected += (_, args) =>
        {
            Log.SlowConsumer(_logger, role, args.Subscription.Subject);
            return ValueTask.CompletedTask;
        };
        connection.ServerError += (_, args) =>
        {
            Log.ServerError(_logger, role, args.Error);
            return ValueTask.CompletedTask;
        };
        connection.LameDuckModeActivated += (_, _) =>
        {
            Log.LameDuck(_logger, role, url);
            return ValueTask.CompletedTask;
        };
    }
}
