using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Protocol;
using PaymentSwitch.Iso20022.Xml;

namespace PaymentSwitch.Cli;

/// <summary>
/// A plain (non-queue-group) subscription that keeps a copy of every message on some subjects, in arrival order, so
/// <c>send</c> can show what crossed the bus. Bounded: beyond its capacity it counts instead of keeping.
/// </summary>
internal sealed class MessageTap : IAsyncDisposable
{
    private readonly List<BusMessage> _messages = [];
    private readonly List<IAsyncDisposable> _subscriptions = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly int _capacity;
    private int _dropped;

    private MessageTap(int capacity)
    {
        _capacity = capacity;
    }

    /// <summary>How many messages arrived after the tap was full.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>A snapshot of the messages kept so far.</summary>
    public IReadOnlyList<BusMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public static async Task<MessageTap> StartAsync(IMessageBus bus, IReadOnlyList<string> subjects, CancellationToken cancellationToken, int capacity = 10_000)
    {
        var tap = new MessageTap(capacity);
        try
        {
            foreach (var subject in subjects)
            {
                tap._subscriptions.Add(await bus.SubscribeAsync(subject, null, tap.OnMessageAsync, cancellationToken).ConfigureAwait(false));
            }

            await bus.FlushAsync(cancellationToken).ConfigureAwait(false);
            return tap;
        }
        catch
        {
            await tap.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until a kept message matches, at most <paramref name="timeout"/>; <c>false</c> if none did.</summary>
    public async Task<bool> WaitForAsync(Func<BusMessage, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (Messages.Any(match))
            {
                return true;
            }

            try
            {
                await _arrived.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return Messages.Any(match);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var subscription in _subscriptions)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }

        _subscriptions.Clear();
        _arrived.Dispose();
    }

    private ValueTask OnMessageAsync(BusMessage message, CancellationToken cancellationToken)
    {
        lock (_messages)
        {
            if (_messages.Count >= _capacity)
            {
                _dropped++;
                return ValueTask.CompletedTask;
            }

            _messages.Add(message);
        }

        _arrived.Release();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Writes a bus message for people: subject, headers, and the body as indented ISO 20022 XML or JSON text.</summary>
internal static class MessagePrinter
{
    public static void Print(TextWriter output, in BusMessage message)
    {
        string? contentType = null;
        string? messageType = null;
        message.Headers?.TryGet(HeaderNames.ContentType, out contentType);
        message.Headers?.TryGet(HeaderNames.MessageType, out messageType);
        var isReply = message.Subject.StartsWith("_INBOX.", StringComparison.Ordinal);
        output.WriteLine();
        output.WriteLine($"── {(isReply ? "reply" : message.Subject)}{(messageType is null ? string.Empty : "  " + messageType)}");
        if (message.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                output.WriteLine($"   {name}: {value}");
            }
        }

        if (message.Payload.IsEmpty)
        {
            output.WriteLine("   (no body)");
            return;
        }

        if (contentType is not null && contentType.StartsWith(ContentTypes.Json, StringComparison.OrdinalIgnoreCase))
        {
            output.WriteLine(BusCommandSupport.Text(message.Payload));
            return;
        }

        // ISO 20022 as XML whatever the wire encoding: MessagePack is decoded and written as the same message version.
        if (IsoWire.TryDecode(message, out var envelope, out var rejection))
        {
            output.WriteLine(IsoXml.Write(envelope.Message, envelope.Version, envelope.Header, indent: true));
        }
        else
        {
            output.WriteLine($"   (not readable as ISO 20022: {rejection})");
        }
    }
}
