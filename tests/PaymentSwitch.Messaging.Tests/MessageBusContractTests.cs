using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace PaymentSwitch.Messaging.Tests;

/// <summary>
/// The behaviour every <see cref="IMessageBus"/> must have, run against each implementation by a derived class:
/// the real nats-server (<see cref="NatsMessageBusContractTests"/>) and <see cref="InProcessBus"/>
/// (<see cref="InProcessBusContractTests"/>).
/// </summary>
public abstract class MessageBusContractTests
{
    // Generous: every wait below normally ends in milliseconds; the bound only turns a hang into a failure.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12];

    internal RecordingLoggerFactory Logs { get; } = new();

    public static TheoryData<string> InvalidPublishSubjects => new("", "a..b", ".a", "a.", "a b", "a\tb", "a.*", "a.>", ">", new string('x', 1025));

    public static TheoryData<string> InvalidSubscribeSubjects => new("", "a..b", ".a", "a.", "a b", "a.>.b", ">.a");

    [SkippableFact]
    public async Task PublishAsync_WithHeadersAndReplyTo_SubscriberReceivesThemUnchanged()
    {
        await using var sut = await CreateSutAsync();
        var subject = Subject("pacs008.in");
        var received = new TaskCompletionSource<BusMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await sut.SubscribeAsync(subject, null, (message, _) =>
        {
            received.TrySetResult(message);
            return ValueTask.CompletedTask;
        });
        var headers = new MessageHeaders
        {
            [HeaderNames.MessageType] = "pacs.008.001.13",
            [HeaderNames.MessageId] = "DBSSSGSG-20250314-000001",
            [HeaderNames.ContentType] = "application/msgpack",
            ["X-Case"] = "upper",
            ["x-case"] = "lower",
        };
        byte[] payload = [0x00, 0x01, 0xFE, 0xFF, (byte)'S', (byte)'G', (byte)'D'];

        await sut.PublishAsync(subject, payload, headers, replyTo: Subject("replies"));
        var message = await received.Task.WaitAsync(Patience);

        Assert.Equal(subject, message.Subject);
        Assert.Equal(Subject("replies"), message.ReplyTo);
        Assert.Equal(payload, message.Payload.ToArray());
        Assert.NotNull(message.Headers);
        Assert.Equal([.. headers], [.. message.Headers]);
    }

    [SkippableFact]
    public async Task PublishAsync_EmptyPayloadWithoutHeaders_ArrivesEmptyWithoutHeaders()
    {
        await using var sut = await CreateSutAsync();
        var subject = Subject("empty");
        var received = new TaskCompletionSource<BusMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await sut.SubscribeAsync(subject, null, (message, _) =>
        {
            received.TrySetResult(message);
            return ValueTask.CompletedTask;
        });

        await sut.PublishAsync(subject, ReadOnlyMemory<byte>.Empty);
        var message = await received.Task.WaitAsync(Patience);

        Assert.True(message.Payload.IsEmpty);
        Assert.Null(message.Headers);
        Assert.Null(message.ReplyTo);
    }

    [SkippableFact]
    public async Task SubscribeAsync_SingleTokenWildcard_MatchesExactlyOneToken()
    {
        await using var sut = await CreateSutAsync();
        var received = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await sut.SubscribeAsync(Subject("ips.*.in"), null, (message, _) =>
        {
            received.Add(message.Subject);
            if (message.Subject == Subject("ips.end.in"))
            {
                done.TrySetResult();
            }

            return ValueTask.CompletedTask;
        });

        foreach (var subject in new[] { "ips.sg.in", "ips.sg.x.in", "ips.in", "ips.th.out", "ips.th.in", "ips.end.in" })
        {
            await sut.PublishAsync(Subject(subject), Encoding.UTF8.GetBytes(subject));
        }

        await done.Task.WaitAsync(Patience);
        Assert.Equal([Subject("ips.sg.in"), Subject("ips.th.in"), Subject("ips.end.in")], received);
    }

    [SkippableFact]
    public async Task SubscribeAsync_FullWildcard_MatchesOneOrMoreTrailingTokens()
    {
        await using var sut = await CreateSutAsync();
        var received = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await sut.SubscribeAsync(Subject("hub.>"), null, (message, _) =>
        {
            received.Add(message.Subject);
            if (message.Subject == Subject("hub.end"))
            {
                done.TrySetResult();
            }

            return ValueTask.CompletedTask;
        });

        foreach (var subject in new[] { "hub", "hub.a", "other.a", "hub.a.b.c", "hubx.a", "hub.end" })
        {
            await sut.PublishAsync(Subject(subject), ReadOnlyMemory<byte>.Empty);
        }

        await done.Task.WaitAsync(Patience);
        Assert.Equal([Subject("hub.a"), Subject("hub.a.b.c"), Subject("hub.end")], received);
    }

    [SkippableFact]
    public async Task SubscribeAsync_QueueGroup_EachMessageGoesToExactlyOneMemberAndEveryPlainSubscriber()
    {
        const int Messages = 400;
        await using var sut = await CreateSutAsync();
        var subject = Subject("work");
        var memberA = new List<int>();
        var memberB = new List<int>();
        var plain = new List<int>();
        var plainDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var groupCount = 0;
        var groupDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        ValueTask Member(List<int> into, BusMessage message)
        {
            into.Add(BinaryPrimitives.ReadInt32LittleEndian(message.Payload.Span));
            if (Interlocked.Increment(ref groupCount) == Messages)
            {
                groupDone.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }

        await using var a = await sut.SubscribeAsync(subject, "workers", (message, _) => Member(memberA, message));
        await using var b = await sut.SubscribeAsync(subject, "workers", (message, _) => Member(memberB, message));
        await using var observer = await sut.SubscribeAsync(subject, null, (message, _) =>
        {
            plain.Add(BinaryPrimitives.ReadInt32LittleEndian(message.Payload.Span));
            if (plain.Count == Messages)
            {
                plainDone.TrySetResult();
            }

            return ValueTask.CompletedTask;
        });

        var payload = new byte[4];
        for (var i = 0; i < Messages; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(payload, i);
            await sut.PublishAsync(subject, payload);
        }

        await sut.FlushAsync();
        await Task.WhenAll(plainDone.Task, groupDone.Task).WaitAsync(Patience);

        // Give a wrongly duplicated delivery the chance to show up before counting.
        await Task.Delay(100);
        Assert.Equal(Messages, Volatile.Read(ref groupCount));
        Assert.NotEmpty(memberA);
        Assert.NotEmpty(memberB);
        Assert.Equal(Enumerable.Range(0, Messages), memberA.Concat(memberB).Order());
        Assert.Equal(Enumerable.Range(0, Messages), plain);
    }

    [SkippableFact]
    public async Task RequestAsync_WithResponder_ReturnsItsReplyAndHeaders()
    {
        await using var sut = await CreateSutAsync();
        var subject = Subject("fx.quote");
        await using var responder = await sut.SubscribeAsync(subject, "fx", async (request, token) =>
        {
            var reply = request.Payload.ToArray();
            Array.Reverse(reply);
            var headers = new MessageHeaders { [HeaderNames.Reason] = request.Headers![HeaderNames.MessageType] };
            await sut.ReplyAsync(request, reply, headers, token);
        });

        var answer = await sut.RequestAsync(
            subject,
            "abc"u8.ToArray(),
            new MessageHeaders { [HeaderNames.MessageType] = "acmt.023.001.04" },
            TimeSpan.FromSeconds(5));

        Assert.Equal("cba"u8.ToArray(), answer.Payload.ToArray());
        Assert.Equal("acmt.023.001.04", answer.Headers![HeaderNames.Reason]);
        Assert.StartsWith("_INBOX.", answer.Subject, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RequestAsync_NoSubscriber_ThrowsNoRespondersExceptionWithoutWaitingForTimeout()
    {
        await using var sut = await CreateSutAsync();
        var subject = Subject("nobody.home");
        var clock = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<NoRespondersException>(
            async () => await sut.RequestAsync(subject, "ping"u8.ToArray(), null, TimeSpan.FromSeconds(10)));

        Assert.Equal(subject, exception.Subject);
        Assert.True(exception.IsTransient);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"no responders took {clock.Elapsed}");
    }

    [SkippableFact]
    public async Task RequestAsync_ResponderNeverReplies_ThrowsBusTimeoutException()
    {
        await using var sut = await CreateSutAsync();
        var subject = Subject("silent");
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var silent = await sut.SubscribeAsync(subject, null, (_, _) =>
        {
            seen.TrySetResult();
            return ValueTask.CompletedTask;
        });

        var exception = await Assert.ThrowsAsync<BusTimeoutException>(
            async () => await sut.RequestAsync(subject, "ping"u8.ToArray(), null, TimeSpan.FromMilliseconds(300)));

        Assert.Equal(subject, exception.Subject);
        Assert.Equal(TimeSpan.FromMilliseconds(300), exception.Timeout);
        await seen.Task.WaitAsync(Patience);
    }

    [SkippableFact]
    public async Task RequestAsync_FromInsideAHandlerWhoseBufferIsFull_CompletesWithoutDeadlock()
    {
        // A hub handler asks the FX service for a quote while it processes a payment, and more payments wait
        // behind it in a full buffer: the quote's reply must not queue behind them.
        const int Payments = 5;
        await using var sut = await CreateSutAsync(pendingCapacity: 1);
        var quotesSeen = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var quotes = await sut.SubscribeAsync(Subject("quote"), null, (request, token) => sut.ReplyAsync(request, "25.8530"u8.ToArray(), null, token));
        await using var payments = await sut.SubscribeAsync(Subject("payment"), null, async (_, token) =>
        {
            var quote = await sut.RequestAsync(Subject("quote"), ReadOnlyMemory<byte>.Empty, null, TimeSpan.FromSeconds(10), token);
            quotesSeen.Add(Encoding.UTF8.GetString(quote.Payload.Span));
            if (quotesSeen.Count == Payments)
            {
                done.TrySetResult();
            }
        });

        for (var i = 0; i < Payments; i++)
        {
            await sut.PublishAsync(Subject("payment"), "pacs.008"u8.ToArray());
        }

        await done.Task.WaitAsync(Patience);
        Assert.Equal(Enumerable.Repeat("25.8530", Payments), quotesSeen);
    }

    [SkippableFact]
    public async Task SubscribeAsync_SlowHandlerWithSmallPendingCapacity_ReceivesAllMessagesInOrder()
    {
        const int Messages = 10_000;
        await using var sut = await CreateSutAsync(pendingCapacity: 16);
        var subject = Subject("burst");
        var received = new List<int>(Messages);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await sut.SubscribeAsync(subject, null, async (message, token) =>
        {
            received.Add(BinaryPrimitives.ReadInt32LittleEndian(message.Payload.Span));

            // Far slower than the publisher, so the 16-message buffer is full most of the time.
            if (received.Count % 500 == 0)
            {
                await Task.Delay(5, token);
            }
            else
            {
                await Task.Yield();
            }

            if (received.Count == Messages)
            {
                done.TrySetResult();
            }
        });

        var payload = new byte[4];
        for (var i = 0; i < Messages; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(payload, i);
            await sut.PublishAsync(subject, payload);
        }

        await sut.FlushAsync();
        await done.Task.WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(0, Messages), received);
        Assert.DoesNotContain(Logs.Entries, entry => entry.Level >= LogLevel.Error);

        // The buffer really was full (so back-pressure, not luck, kept every message), and it was said once per episode.
        Assert.Contains(Logs.Entries, entry => entry.Level == LogLevel.Warning && entry.EventId.Id == 5 && entry.Message.Contains("(16 messages)", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task SubscribeAsync_HandlerThrows_ErrorIsLoggedAndLaterMessagesStillArrive()
    {
        await using var sut = await CreateSutAsync();
        var subject = Subject("poison");
        var received = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await sut.SubscribeAsync(subject, null, (message, _) =>
        {
            var text = Encoding.UTF8.GetString(message.Payload.Span);
            if (text.StartsWith("boom", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("handler bug: " + text);
            }

            received.Add(text);
            if (text == "last")
            {
                done.TrySetResult();
            }

            return ValueTask.CompletedTask;
        });

        foreach (var text in new[] { "first", "boom1", "second", "boom2", "last" })
        {
            await sut.PublishAsync(subject, Encoding.UTF8.GetBytes(text));
        }

        await done.Task.WaitAsync(Patience);
        Assert.Equal(["first", "second", "last"], received);
        var errors = Logs.Entries.Where(entry => entry.Level == LogLevel.Error).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, entry => Assert.IsType<InvalidOperationException>(entry.Exception));
        Assert.Contains(subject, errors[0].Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task DisposeAsync_Subscription_StopsDeliveryAndRemovesInterest()
    {
        await using var sut = await CreateSutAsync();
        var subject = Subject("leaving");
        var count = 0;
        var subscription = await sut.SubscribeAsync(subject, null, async (request, token) =>
        {
            Interlocked.Increment(ref count);
            await sut.ReplyAsync(request, "here"u8.ToArray(), null, token);
        });
        var before = await sut.RequestAsync(subject, ReadOnlyMemory<byte>.Empty, null, TimeSpan.FromSeconds(5));

        await subscription.DisposeAsync();

        Assert.Equal("here"u8.ToArray(), before.Payload.ToArray());
        await Assert.ThrowsAsync<NoRespondersException>(
            async () => await sut.RequestAsync(subject, ReadOnlyMemory<byte>.Empty, null, TimeSpan.FromSeconds(5)));
        await sut.PublishAsync(subject, ReadOnlyMemory<byte>.Empty);
        await sut.FlushAsync();
        Assert.Equal(1, Volatile.Read(ref count));
    }

    [SkippableFact]
    public async Task DisposeAsync_CalledFromItsOwnHandler_DoesNotDeadlock()
    {
        await using var sut = await CreateSutAsync();
        var subject = Subject("once");
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IAsyncDisposable? self = null;
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        self = await sut.SubscribeAsync(subject, null, async (_, _) =>
        {
            await subscribed.Task;
            await self!.DisposeAsync();
            handled.TrySetResult();
        });
        subscribed.SetResult();

        await sut.PublishAsync(subject, ReadOnlyMemory<byte>.Empty);

        await handled.Task.WaitAsync(Patience);
        await self.DisposeAsync();
    }

    [SkippableFact]
    public async Task DisposeAsync_WhileHandlerWaits_CancelsHandlerTokenAndReturns()
    {
        await using var sut = await CreateSutAsync();
        var subject = Subject("stuck");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = false;
        var subscription = await sut.SubscribeAsync(subject, null, async (_, token) =>
        {
            entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }
        });
        await sut.PublishAsync(subject, ReadOnlyMemory<byte>.Empty);
        await entered.Task.WaitAsync(Patience);

        await subscription.DisposeAsync().AsTask().WaitAsync(Patience);

        Assert.True(cancelled);
        Assert.DoesNotContain(Logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [SkippableFact]
    public async Task DisposeAsync_Bus_EndsSubscriptionsAndRefusesFurtherUse()
    {
        var sut = await CreateSutAsync();
        var subject = Subject("closing");
        var token = CancellationToken.None;
        await sut.SubscribeAsync(subject, null, (_, handlerToken) =>
        {
            token = handlerToken;
            return ValueTask.CompletedTask;
        });
        await sut.RequestAsync(subject, ReadOnlyMemory<byte>.Empty, null, TimeSpan.FromMilliseconds(200)).AsTask().ContinueWith(static _ => { }, TaskScheduler.Default);

        await sut.DisposeAsync();

        Assert.True(token.IsCancellationRequested);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await sut.PublishAsync(subject, ReadOnlyMemory<byte>.Empty));
        await sut.DisposeAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(InvalidPublishSubjects))]
    public async Task PublishAsync_InvalidSubject_ThrowsArgumentException(string subject)
    {
        await using var sut = await CreateSutAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.PublishAsync(subject, ReadOnlyMemory<byte>.Empty));
    }

    [SkippableTheory]
    [MemberData(nameof(InvalidSubscribeSubjects))]
    public async Task SubscribeAsync_InvalidSubject_ThrowsArgumentException(string subject)
    {
        await using var sut = await CreateSutAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.SubscribeAsync(subject, null, static (_, _) => ValueTask.CompletedTask));
    }

    [SkippableFact]
    public async Task SubscribeAsync_QueueGroupWithWhitespace_ThrowsArgumentException()
    {
        await using var sut = await CreateSutAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sut.SubscribeAsync(Subject("a"), "bad group", static (_, _) => ValueTask.CompletedTask));
    }

    /// <summary>Creates the bus under test; a NATS implementation skips when nats-server is missing.</summary>
    private protected abstract Task<IMessageBus> CreateBusAsync(int pendingCapacity, ILoggerFactory loggerFactory);

    private Task<IMessageBus> CreateSutAsync(int pendingCapacity = 65_536) => CreateBusAsync(pendingCapacity, Logs);

    /// <summary>A subject unique to this test, so tests sharing one server never see each other's messages.</summary>
    private string Subject(string suffix) => $"{_prefix}.{suffix}";
}

public sealed class InProcessBusContractTests : MessageBusContractTests
{
    private protected override Task<IMessageBus> CreateBusAsync(int pendingCapacity, ILoggerFactory loggerFactory)
        => Task.FromResult<IMessageBus>(new InProcessBus(new InProcessBusOptions { PendingCapacity = pendingCapacity, LoggerFactory = loggerFactory }));
}

public sealed class NatsMessageBusContractTests(NatsServerFixture fixture) : MessageBusContractTests, IClassFixture<NatsServerFixture>
{
    private protected override async Task<IMessageBus> CreateBusAsync(int pendingCapacity, ILoggerFactory loggerFactory)
        => await fixture.CreateBusAsync(options => options.PendingCapacity = pendingCapacity, loggerFactory);
}
