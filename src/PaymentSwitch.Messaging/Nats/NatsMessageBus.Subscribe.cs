using System.Threading.Channels;
using NATS.Client.Core;

namespace PaymentSwitch.Messaging;

/// <summary>Subscriptions: a NATS core subscription on the subscriber connection, drained by a <see cref="SubscriptionPump{T}"/>.</summary>
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

        var subOpts = new NatsSubOpts
        {
            // Per subscription as well as in NatsOpts, so the guarantee does not depend on a connection default.
            ChannelOpts = new NatsSubChannelOpts { Capacity = _options.PendingCapacity, FullMode = BoundedChannelFullMode.Wait },
        };

        INatsSub<byte[]> subscription;
        try
        {
            subscription = await _subscriber.SubscribeCoreAsync(subject, queueGroup, BytesDeserializer, subOpts, cancellationToken).ConfigureAwait(false);
        }
        catch (NatsException exception)
        {
            throw new BusConnectionException($"Subscribe to '{subject}' failed: {exception.Message}", exception);
        }

        try
        {
            // SUB went out on the subscriber connection, but a publish right after this call goes out on the
            // publisher connection; the PONG proves the server has registered the interest first.
            await _subscriber.PingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
            if (exception is NatsException)
            {
                throw new BusConnectionException($"Subscribe to '{subject}' was not confirmed: {exception.Message}", exception);
            }

            throw;
        }

        var pump = new SubscriptionPump<NatsMsg<byte[]>>(
            subject,
            queueGroup,
            subscription.Msgs,
            static message => ToBusMessage(message),
            handler,
            () => UnsubscribeAsync(subscription),
            disposed => _pumps.TryRemove(disposed, out _),
            _logger);
        _pumps.TryAdd(pump, 0);
        pump.Start();
        return pump;
    }

    private async ValueTask UnsubscribeAsync(INatsSub<byte[]> subscription)
    {
        await subscription.UnsubscribeAsync().ConfigureAwait(false);

        // Best effort: once the server has answered a PING sent after UNSUB, no new message or request is routed
        // to this subscription, even one published on the other connection. A dead connection must not block
        // disposal, hence the bound.
        if (_options.UnsubscribeConfirmTimeout > TimeSpan.Zero && _subscriber.ConnectionState == NatsConnectionState.Open)
        {
            using var confirm = new CancellationTokenSource(_options.UnsubscribeConfirmTimeout);
            try
            {
                await _subscriber.PingAsync(confirm.Token).ConfigureAwait(false);
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
}
