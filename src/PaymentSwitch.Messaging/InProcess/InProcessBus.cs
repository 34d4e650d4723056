using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PaymentSwitch.Messaging;

/// <summary>
/// An <see cref="IMessageBus"/> inside one process that behaves like NATS for what the switch uses: subject
/// wildcards, queue groups, headers, request/reply over <c>_INBOX.</c> subjects and no-responders. Tests and the
/// single-process demo use it; the deterministic simulator will build on it.
/// </summary>
/// <remarks>
/// <para>
/// Delivery order is deterministic: plain subscriptions in the order they subscribed, then one member of each
/// queue group, chosen round robin among the members that match (NATS picks at random; round robin gives the same
/// "exactly one member" guarantee and repeatable runs).
/// </para>
/// <para>
/// Back-pressure: every subscription has a bounded channel (<see cref="InProcessBusOptions.PendingCapacity"/>) in
/// <see cref="BoundedChannelFullMode.Wait"/> mode, so a publisher waits for a full subscriber instead of dropping.
/// The price is that a cycle of full subscribers that publish to each other (a handler publishing into its own
/// full subscription, say) waits forever, where NATS would first buffer in the server and then disconnect the
/// slow consumer. Size the capacity so that a cycle cannot fill up, or publish from outside the handler.
/// </para>
/// <para>
/// Replies to requests bypass subscription channels (a request waits on its own completion source), so a reply
/// never waits behind back-pressure.
/// </para>
/// </remarks>
public sealed class InProcessBus : IMessageBus
{
    private readonly InProcessBusOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<BusMessage>> _pendingRequests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<int>> _queueCursors = new(StringComparer.Ordinal);
    private readonly string _inboxRoot;
    // Copy-on-write: publishers read a snapshot without locking; (un)subscribing is rare and swaps the array.
    private Subscription[] _subscriptions = [];
    private long _nextInbox;
    private int _disposed;

    /// <summary>Creates an in-process bus.</summary>
    public InProcessBus(InProcessBusOptions? options = null)
    {
        _options = options ?? new InProcessBusOptions();
        _options.Validate();
        _logger = (_options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<InProcessBus>();

        // A per-bus inbox root keeps two buses in one process (two simulated nodes) from sharing reply subjects.
        _inboxRoot = $"{Subjects.InboxPrefix}{Guid.NewGuid():N}.";
    }

    /// <inheritdoc />
    public string Description => "in-process";

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
        await DeliverAsync(subject, replyTo, headers, payload.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<IAsyncDisposable> SubscribeAsync(
        string subject,
        string? queueGroup,
        Func<BusMessage, CancellationToken, ValueTask> handler,
        CancellationToken cancellationToken = default)
    {
        Subjects.ValidateSubscribe(subject, nameof(subject));
        Subjects.ValidateQueueGroup(queueGroup, nameof(queueGroup));
        ArgumentNullException.ThrowIfNull(handler);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var channel = Channel.CreateBounded<BusMessage>(new BoundedChannelOptions(_options.PendingCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        var subscription = new Subscription(subject, queueGroup, channel);
        subscription.Pump = new SubscriptionPump<BusMessage>(
            subject,
            queueGroup,
            channel.Reader,
            static message => message,
            handler,
            () =>
            {
                Remove(subscription);
                channel.Writer.TryComplete();
                return ValueTask.CompletedTask;
            },
            onDisposed: null,
            _options.PendingCapacity,
            _logger);

        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        subscription.Pump.Start();
        return ValueTask.FromResult<IAsyncDisposable>(subscription.Pump);
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

        var inbox = string.Concat(_inboxRoot, Interlocked.Increment(ref _nextInbox).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var reply = new TaskCompletionSource<BusMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingRequests[inbox] = reply;
        try
        {
            // The timeout covers the publish too: a request that waits behind a full subscriber is as late as one
            // whose reply never comes.
            using var timeoutSource = new CancellationTokenSource(timeout, _options.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
            try
            {
                var receivers = await DeliverAsync(subject, inbox, headers, payload.ToArray(), linked.Token).ConfigureAwait(false);
                if (receivers == 0)
                {
                    throw new NoRespondersException(subject);
                }

                return await reply.Task.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new BusTimeoutException(subject, timeout, exception);
            }
        }
        finally
        {
            _pendingRequests.TryRemove(inbox, out _);
        }
    }

    /// <inheritdoc />
    /// <remarks>Delivery into subscription channels completes inside <see cref="PublishAsync"/>, so there is nothing to flush.</remarks>
    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.CompletedTask;
    }

    /// <summary>Disposes every subscription (waiting for their handler loops) and fails pending requests.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            await subscription.Pump!.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var pending in _pendingRequests.Values)
        {
            pending.TrySetException(new ObjectDisposedException(nameof(InProcessBus)));
        }
    }

    /// <summary>Delivers to every matching subscription; returns how many matched (0 means no responders).</summary>
    private async ValueTask<int> DeliverAsync(string subject, string? replyTo, MessageHeaders? headers, byte[] payload, CancellationToken cancellationToken)
    {
        var receivers = 0;
        if (subject.StartsWith(_inboxRoot, StringComparison.Ordinal) && _pendingRequests.TryRemove(subject, out var waiter))
        {
            // First reply wins, as with a NATS request; later replies to the same inbox find no waiter and are dropped.
            waiter.TrySetResult(new BusMessage(subject, replyTo, headers?.Clone(), payload));
            receivers++;
        }

        var subscriptions = Volatile.Read(ref _subscriptions);
        Dictionary<string, List<Subscription>>? groups = null;
        foreach (var subscription in subscriptions)
        {
            if (!Subjects.Matches(subscription.Pattern, subject))
            {
                continue;
            }

            receivers++;
            if (subscription.QueueGroup is { } group)
            {
                groups ??= new Dictionary<string, List<Subscription>>(StringComparer.Ordinal);
                if (!groups.TryGetValue(group, out var members))
                {
                    members = [];
                    groups.Add(group, members);
                }

                members.Add(subscription);
                continue;
            }

            await subscription.WriteAsync(new BusMessage(subject, replyTo, headers?.Clone(), payload), cancellationToken).ConfigureAwait(false);
        }

        if (groups is not null)
        {
            foreach (var (group, members) in groups)
            {
                var cursor = _queueCursors.GetOrAdd(group, static _ => new StrongBox<int>());
                var turn = (uint)Interlocked.Increment(ref cursor.Value) % (uint)members.Count;
                await members[(int)turn].WriteAsync(new BusMessage(subject, replyTo, headers?.Clone(), payload), cancellationToken).ConfigureAwait(false);
            }
        }

        return receivers;
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = Array.FindAll(_subscriptions, other => !ReferenceEquals(other, subscription));
        }
    }

    private sealed class Subscription(string pattern, string? queueGroup, Channel<BusMessage> channel)
    {
        public string Pattern { get; } = pattern;

        public string? QueueGroup { get; } = queueGroup;

        public SubscriptionPump<BusMessage>? Pump { get; set; }

        public async ValueTask WriteAsync(BusMessage message, CancellationToken cancellationToken)
        {
            if (channel.Writer.TryWrite(message))
            {
                return;
            }

            try
            {
                // Full: wait for room (back-pressure), never drop.
                await channel.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                // The subscription was disposed while we waited; as with NATS, a message for a departed subscriber is gone.
            }
        }
    }
}
