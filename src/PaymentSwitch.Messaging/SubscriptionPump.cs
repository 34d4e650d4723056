using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace PaymentSwitch.Messaging;

/// <summary>
/// The handler loop shared by both transports: reads a subscription's bounded channel and calls the handler for
/// one message at a time, in order. A handler exception is logged and the loop goes on, because one poisoned
/// message must not silence a participant.
/// </summary>
/// <typeparam name="T">The transport's message type, converted to <see cref="BusMessage"/> just before the handler runs.</typeparam>
internal sealed class SubscriptionPump<T> : IAsyncDisposable
{
    // Set inside the loop so that a handler disposing its own subscription (or the whole bus) does not wait for
    // the loop it is running on, which would never finish.
    private static readonly AsyncLocal<SubscriptionPump<T>?> Running = new();

    private readonly ChannelReader<T> _reader;
    private readonly Func<T, BusMessage> _convert;
    private readonly Func<BusMessage, CancellationToken, ValueTask> _handler;
    private readonly Func<ValueTask> _unsubscribe;
    private readonly Action<SubscriptionPump<T>>? _onDisposed;
    private readonly ILogger _logger;
    private readonly int _capacity;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task _loop = Task.CompletedTask;
    private Task? _disposal;
    private bool _saturated;

    public SubscriptionPump(
        string pattern,
        string? queueGroup,
        ChannelReader<T> reader,
        Func<T, BusMessage> convert,
        Func<BusMessage, CancellationToken, ValueTask> handler,
        Func<ValueTask> unsubscribe,
        Action<SubscriptionPump<T>>? onDisposed,
        int capacity,
        ILogger logger)
    {
        Pattern = pattern;
        QueueGroup = queueGroup;
        _reader = reader;
        _convert = convert;
        _handler = handler;
        _unsubscribe = unsubscribe;
        _onDisposed = onDisposed;
        _capacity = capacity;
        _logger = logger;
    }

    public string Pattern { get; }

    public string? QueueGroup { get; }

    public void Start() => _loop = Task.Run(RunAsync);

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposal ??= DisposeCoreAsync();
            return new ValueTask(_disposal);
        }
    }

    private async Task RunAsync()
    {
        Running.Value = this;
        var stopping = _stopping.Token;
        try
        {
            while (await _reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                while (!stopping.IsCancellationRequested && _reader.TryRead(out var item))
                {
                    TrackSaturation();
                    var message = default(BusMessage);
                    try
                    {
                        message = _convert(item);
                        await _handler(message, stopping).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                    {
                        return;
                    }
#pragma warning disable CA1031 // A handler may throw anything; the subscription must survive it, and the error is logged.
                    catch (Exception exception)
#pragma warning restore CA1031
                    {
                        Log.HandlerFailed(_logger, exception, message.Subject ?? Pattern, Pattern, QueueGroup);
                    }
                }

                // The buffer ran empty: the handler has caught up, so the next full buffer is a new episode.
                _saturated = false;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // The channel completes with the transport's error when the subscription dies; log it, do not crash the process.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.SubscriptionFaulted(_logger, exception, Pattern, QueueGroup);
        }
    }

    /// <summary>
    /// Warns once per episode when the message just read came out of a full buffer: from then on back-pressure is
    /// holding messages upstream, which over NATS ends in a slow-consumer disconnect if it lasts. The count is
    /// checked after each read, at the cost of one short lock on the channel.
    /// </summary>
    private void TrackSaturation()
    {
        if (_saturated || _capacity < 2 || !_reader.CanCount || _reader.Count + 1 < _capacity)
        {
            return;
        }

        _saturated = true;
        Log.BufferFull(_logger, Pattern, QueueGroup, _capacity);
    }

    private async Task DisposeCoreAsync()
    {
        // Unsubscribe first so no new message is buffered, then stop the handler after its current message.
        try
        {
            await _unsubscribe().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Disposal must finish even when the connection is already gone.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.UnsubscribeFailed(_logger, exception, Pattern);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (!ReferenceEquals(Running.Value, this))
        {
            await _loop.ConfigureAwait(false);
            _stopping.Dispose();
        }

        if (_reader.CanCount && _reader.Count > 0)
        {
            Log.DiscardedOnDispose(_logger, Pattern, QueueGroup, _reader.Count);
        }

        _onDisposed?.Invoke(this);
    }
}
