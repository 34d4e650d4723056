using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using NATS.Client.Core;

namespace PaymentSwitch.Messaging;

/// <summary>
/// Subscriptions: each on its own NATS connection (see the class remarks for why), drained by a
/// <see cref="SubscriptionPump{T}"/>.
/// </summary>
public sealed partial class NatsMessageBus
{
    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> SubscribeAsync(
        string subject,
        string? queueGroup,
        Func<BusMessage, CancellationToken, ValueTask> handler,
        CancellationToken cancellationToken = default)
    {
        Subjects.ValidateSubscribe(subject, nameof(subject));
        Subjects.ValidateQueueGroup(queueGroup, nameof(queueGroup));
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var number = Interlocked.Increment(ref _subscriptionCount).ToString(CultureInfo.InvariantCulture);
        var closing = new StrongBox<bool>();
        var connection = new NatsConnection(CreateNatsOpts(_options, _loggerFactory, "sub" + number));
        WatchConnection(connection, $"subscription {number} ({subject})", () => Volatile.Read(ref closing.Value), carriesSubscription: true);

        INatsSub<byte[]> subscription;
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            subscription = await connection.SubscribeCoreAsync(
                subject,
                queueGroup,
                BytesDeserializer,
                new NatsSubOpts
                {
                    // Per subscription as well as in NatsOpts, so the guarantee does not hang on a connection default.
                    ChannelOpts = new NatsSubChannelOpts { Capacity = _options.PendingCapacity, FullMode = BoundedChannelFullMode.Wait },
                },
                cancellationToken).ConfigureAwait(false);

            // SUB went out on this connection, but a publish right after this call goes out on the publisher
            // connection; the PONG proves the server has registered the interest first.
            await connection.PingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Volatile.Write(ref closing.Value, true);
            await connection.DisposeAsync().ConfigureAwait(false);
            if (exception is NatsException)
            {
                throw new BusConnectionException($"Subscribe to '{subject}' failed: {exception.Message}", exception);
            }

            throw;
        }

        var pump = new SubscriptionPump<NatsMsg<byte[]>>(
            subject,
            queueGroup,
            subscription.Msgs,
            static message => ToBusMessage(message),
            handler,
            () => UnsubscribeAsync(connection, subscription, closing),
            disposed => _pumps.TryRemove(disposed, out _),
            _options.PendingCapacity,
            _logger);
        _pumps.TryAdd(pump, 0);
        pump.Start();
        return pump;
    }

    private async ValueTask UnsubscribeAsync(NatsConnection connection, INatsSub<byte[]> subscription, StrongBox<bool> closing)
    {
        Volatile.Write(ref closing.Value, true);
        try
        {
            await subscription.UnsubscribeAsync().ConfigureAwait(false);

            // Best effort: once the server has answered a PING sent after UNSUB, no new message or request is
            // routed here, even one published on the publisher connection right after disposal returns. Closing
            // the socket alone would leave a window in which a request is routed to a departed subscriber and times
            // out instead of failing fast with no responders. A dead connection must not block disposal, hence the bound.
            if (_options.UnsubscribeConfirmTimeout > TimeSpan.Zero && connection.ConnectionState == NatsConnectionState.Open)
            {
                using var confirm = new CancellationTokenSource(_options.UnsubscribeConfirmTimeout);
                try
                {
                    await connection.PingAsync(confirm.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
                catch (NatsException)
                {
                }
            }

            await subscription.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
