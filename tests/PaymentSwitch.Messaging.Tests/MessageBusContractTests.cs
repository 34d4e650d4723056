using System.Buffers.Binary;
using System.Collections.Concurrent;
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
        var message = await Eventually.CompletesAsync(received.Task, "the published message");

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
        var message = await Eventually.CompletesAsync(received.Task, "the empty message");

        Assert.True(message.Payload.IsEmpty);
        Assert.Null(message.Headers);
        Assert.Null(message.ReplyTo);
    }

    [SkippableFact]
    public async Task SubscribeAsync_SingleTokenWildcard_MatchesExactlyOneToken()
    {
        await using var sut = await CreateSutAsync();
        var received = new ConcurrentQueue<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await sut.SubscribeAsync(Subject("ips.*.in"), null, (message, _) =>
        {
            received.Enqueue(message.Subject);
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

        await Eventually.CompletesAsync(done.Task, "the last matching message");
        Assert.Equal([Subject("ips.sg.in"), Subject("ips.th.in"), Subject("ips.end.in")], received);
    }

    [SkippableFact]
    public async Task SubscribeAsync_FullWildcard_MatchesOneOrMoreTrailingTokens()
    {
        await using var sut = await CreateSutAsync();
        var received = new ConcurrentQueue<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await sut.SubscribeAsync(Subject("hub.>"), null, (message, _) =>
        {
            received.Enqueue(message.Subject);
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

        await Eventually.CompletesAsync(done.Task, "the last matching message");
        Assert.Equal([Subject("hub.a"), Subject("hub.a.b.c"), Subject("hub.end")], received);
    }

    [SkippableFact]
    public async Task SubscribeAsync_QueueGroup_EachMessageGoesToExactlyOneMemberAndEveryPlainSubscriber()
    {
        const int Messages = 400;
        await using var sut = await CreateSutAsync();
        var subject = Subject("work");
        var memberA = new ConcurrentQueue<int>();
        var memberB = new ConcurrentQueue<int>();
        var plain = new ConcurrentQueue<int>();
        var plainDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var groupCount = 0;
        var groupDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        ValueTask Member(ConcurrentQueue<int> into, BusMessage message)
        {
            into.Enqueue(BinaryPrimitives.ReadInt32LittleEndian(message.Payload.Span));
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
            plain.Enqueue(BinaryPrimitives.ReadInt32LittleEndian(message.Payload.Span));
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
        await Eventually.CompletesAsync(Task.WhenAll(plainDone.Task, groupDone.Task), $"{Messages} deliveries to the group and to the plain subscriber");

        // Gives a wrongly duplicated delivery the chance to show up before counting; a correct bus never duplicates,
        // so this cannot fail wrongly, and a slow machine can only make it pass wrongly.
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
            Eventually.Patience);

        Assert.Equal("cba"u8.ToArray(), answer.Payload.ToArray());
        Assert.Equal("acmt.023.001.04", answer.Headers![HeaderNames.Reason]);
        Assert.StartsWith("_INBOX.", answer.Subject, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RequestAsync_NoSubscriber_ThrowsNoRespondersExceptionWithoutWaitingForTimeout()
    {
        await using var sut = await CreateSutAsync();
        var subject = Subject("nobody.home");

        // The request timeout is an hour, far beyond the test's patience: a bus that waited for the timeout instead
        // of failing fast fails the test, without measuring how long the answer took.
        var exception = await Assert.ThrowsAsync<NoRespondersException>(
            () => Eventually.CompletesAsync(sut.RequestAsync(subject, "ping"u8.ToArray(), null, TimeSpan.FromHours(1)).AsTask(), "the no-responders answer"));

        Assert.Equal(subject, exception.Subject);
        Assert.True(exception.IsTransient);
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

        // The timeout is what this test is about, so it is short: nothing ever replies, so a slow machine can only
        // make it fire later, never turn it into a reply.
        var exception = await Assert.ThrowsAsync<BusTimeoutException>(
            () => Eventually.CompletesAsync(sut.RequestAsync(subject, "ping"u8.ToArray(), null, TimeSpan.FromMilliseconds(300)).AsTask(), "the timed-out request"));

        Assert.Equal(subject, exception.Subject);
        Assert.Equal(TimeSpan.FromMilliseconds(300), exception.Timeout);
        await Eventually.CompletesAsync(seen.Task, "the request reaches the silent subscriber");
    }

    [SkippableFact]
    public async Task RequestAsync_FromInsideAHandlerWhoseBufferIsFull_CompletesWithoutDeadlock()
    {
        // A hub handler asks the FX service for a quote while it processes a payment, and more payments wait
        // behind it in a full buffer: the quote's reply must not queue behind them.
        const int Payments = 5;
        await using var sut = await CreateSutAsync(pendingCapacity: 1);
        var quotesSeen = new ConcurrentQueue<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var quotes = await sut.SubscribeAsync(Subject("quote"), null, (request, token) => sut.ReplyAsync(request, "25.8530"u8.ToArray(), null, token));
        await using var payments = await sut.SubscribeAsync(Subject("payment"), null, async (_, token) =>
        {
            // The timeout only bounds a deadlock, which then fails the wait below.
            var quote = await sut.RequestAsync(Subject("quote"), ReadOnlyMemory<byte>.Empty, null, Eventually.Patience, token);
            quotesSeen.Enqueue(Encoding.UTF8.GetString(quote.Payload.Span));
            if (quotesSeen.Count == Payments)
            {
                done.TrySetResult();
            }
        });

        for (var i = 0; i < Payments; i++)
        {
            await sut.PublishAsync(Subject("payment"), "pacs.008"u8.ToArray());
        }

        await Eventually.CompletesAsync(done.Task, $"{Payments} quotes, each asked for inside the payment handler");
        Assert.Equal(Enumerable.Repeat("25.8530", Payments), quotesSeen);
    }

    [SkippableFact]
    public async Task SubscribeAsync_SlowHandlerWithSmallPendingCapacity_ReceivesAllMessagesInOrder()
    {
        const int Messages = 10_000;
        const int Capacity = 16;
        await using var sut = await CreateSutAsync(pendingCapacity: Capacity);
        var subject = Subject("burst");
        var received = new ConcurrentQueue<int>();
        var handled = 0;
        var published = 0;
        var firstHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await sut.SubscribeAsync(subject, null, async (message, token) =>
        {
            received.Enqueue(BinaryPrimitives.ReadInt32LittleEndian(message.Payload.Span));

            // The first message is held until more than a buffer's worth has been published, so the buffer fills
            // behind it whatever the machine's speed (see below).
            await firstHeld.Task.WaitAsync(token);
            var count = Interlocked.Increment(ref handled);

            // A pause now and then and a yield every time: far slower than the publisher and the socket reader,
            // so the buffer keeps filling up. This is load, not a wait for anything.
            if (count % 500 == 0)
            {
                await Task.Delay(5, token);
            }
            else
            {
                await Task.Yield();
            }

            if (count == Messages)
            {
                done.TrySetResult();
            }
        });

        var publishing = Task.Run(async () =>
        {
            var payload = new byte[4];
            for (var i = 0; i < Messages; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(payload, i);
                await sut.PublishAsync(subject, payload);
                Interlocked.Increment(ref published);
            }

            await sut.FlushAsync();
        });

        // In process, a publisher that got past one message in the handler and a full buffer proves the buffer is
        // full now (it cannot go further until the handler moves). Over NATS the publisher does not wait for the
        // subscriber; the messages are on their way to a socket reader that nothing drains, and it fills the buffer
        // at once. Released only then, the handler reads from a full buffer and must say so.
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref published) > Capacity, "more than a buffer's worth published behind the held message");
        firstHeld.SetResult();
        await Eventually.CompletesAsync(publishing, "publishing every message");
        await Eventually.CompletesAsync(done.Task, $"all {Messages} messages handled");

        Assert.Equal(Enumerable.Range(0, Messages), received);
        Assert.DoesNotContain(Logs.Entries, entry => entry.Level >= LogLevel.Error);

        // The buffer really was full (so back-pressure, not luck, kept every message), and it was said once per episode.
        Assert.Contains(Logs.Entries, entry => entry.Level == LogLevel.Warning && entry.EventId.Id == 5 && entry.Message.Contains($"({Capacity} messages)", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task SubscribeAsync_HandlerThrows_ErrorIsLoggedAndLaterMessagesStillArrive()
    {
        await using var sut = await CreateSutAsync();
        var subject = Subject("poison");
        var received = new ConcurrentQueue<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await sut.SubscribeAsync(subject, null, (message, _) =>
        {
            var text = Encoding.UTF8.GetString(message.Payload.Span);
            if (text.StartsWith("boom", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("handler bug: " + text);
            }

            received.Enqueue(text);
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

        await Eventually.CompletesAsync(done.Task, "the message after the poisoned ones");
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
        var before = await sut.RequestAsync(subject, ReadOnlyMemory<byte>.Empty, null, Eventually.Patience);

        await subscription.DisposeAsync();

        Assert.Equal("here"u8.ToArray(), before.Payload.ToArray());
        await Assert.ThrowsAsync<NoRespondersException>(
            () => Eventually.CompletesAsync(sut.RequestAsync(subject, ReadOnlyMemory<byte>.Empty, null, Eventually.Patience).AsTask(), "the request after disposal"));
        await sut.PublishAsync(subject, ReadOnlyMemory<byte>.Empty);
        await sut.FlushAsync();

        // A disposed subscription gets nothing, so this cannot fail wrongly; a delivery that wrongly went ahead may
        // still be on its way after the flush, so a slow machine can only make it pass wrongly.
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

        await Eventually.CompletesAsync(handled.Task, "the handler that disposes its own subscription");
        await self.DisposeAsync();
    }

    [SkippableFact]
    public async Task DisposeAsync_WhileHandlerWaits_CancelsHandlerTokenAndReturns()
    {
        await using var sut = await CreateSutAsync();
        var subject = Subject("stuck");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = 0;
        var subscription = await sut.SubscribeAsync(subject, null, async (_, token) =>
        {
            entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Exchange(ref cancelled, 1);
                throw;
            }
        });
        await sut.PublishAsync(subject, ReadOnlyMemory<byte>.Empty);
        await Eventually.CompletesAsync(entered.Task, "the handler starts waiting");

        await Eventually.CompletesAsync(subscription.DisposeAsync().AsTask(), "disposing the subscription under a waiting handler");

        Assert.Equal(1, Volatile.Read(ref cancelled));
        Assert.DoesNotContain(Logs.Entries, entry => entry.Level >= LogLevel.Error);
    }

    [SkippableFact]
    public async Task DisposeAsync_Bus_EndsSubscriptionsAndRefusesFurtherUse()
    {
        var sut = await CreateSutAsync();
        var subject = Subject("closing");
        var handlerToken = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        await sut.SubscribeAsync(subject, null, (_, token) =>
        {
            handlerToken.TrySetResult(token);
            return ValueTask.CompletedTask;
        });
        await sut.PublishAsync(subject, ReadOnlyMemory<byte>.Empty);

        // The handler must have run (and shown its token) before the bus goes, or there is nothing to check.
        var token = await Eventually.CompletesAsync(handlerToken.Task, "the handler receives a message");

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
        => await fixture.CreateBusAsync(
            options =>
            {
                options.PendingCapacity = pendingCapacity;

                // Only a bound, long enough for a loaded machine: the contract needs a disposed subscription to be
                // gone from the server before the next request (no responders, not a timeout).
                options.UnsubscribeConfirmTimeout = Eventually.PatienceAtMost(TimeSpan.FromMinutes(1));
            },
            loggerFactory);
}
