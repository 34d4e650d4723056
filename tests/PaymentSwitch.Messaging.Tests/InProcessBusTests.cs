using Microsoft.Extensions.Time.Testing;

namespace PaymentSwitch.Messaging.Tests;

/// <summary>What only the in-process bus promises (the shared behaviour is in <see cref="MessageBusContractTests"/>).</summary>
public sealed class InProcessBusTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PublishAsync_SubscriberBufferFull_WaitsUntilHandlerMakesRoom()
    {
        await using var sut = new InProcessBus(new InProcessBusOptions { PendingCapacity = 1 });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = 0;
        await using var subscription = await sut.SubscribeAsync("slow", null, async (_, _) =>
        {
            await gate.Task;
            Interlocked.Increment(ref handled);
        });
        await sut.PublishAsync("slow", ReadOnlyMemory<byte>.Empty);
        await WaitUntilAsync(() => true);

        // One message is in the handler (held by the gate), one fills the buffer, the third must wait.
        await sut.PublishAsync("slow", ReadOnlyMemory<byte>.Empty);
        var third = sut.PublishAsync("slow", ReadOnlyMemory<byte>.Empty).AsTask();
        await Task.Delay(100);

        Assert.False(third.IsCompleted);
        gate.SetResult();
        await third.WaitAsync(Patience);
        await WaitUntilAsync(() => Volatile.Read(ref handled) == 3);
    }

    [Fact]
    public async Task PublishAsync_QueueGroup_RotatesMembersInSubscriptionOrder()
    {
        await using var sut = new InProcessBus();
        var order = new List<string>();
        var gate = new Lock();
        ValueTask Record(string member)
        {
            lock (gate)
            {
                order.Add(member);
            }

            return ValueTask.CompletedTask;
        }

        await using var a = await sut.SubscribeAsync("jobs.>", "g", (_, _) => Record("a"));
        await using var b = await sut.SubscribeAsync("jobs.*", "g", (_, _) => Record("b"));
        await using var c = await sut.SubscribeAsync("jobs.x", "g", (_, _) => Record("c"));

        for (var i = 0; i < 6; i++)
        {
            await sut.PublishAsync("jobs.x", ReadOnlyMemory<byte>.Empty);
        }

        await WaitUntilAsync(() => { lock (gate) { return order.Count == 6; } });
        Assert.Equal(2, order.Count(static member => member == "a"));
        Assert.Equal(2, order.Count(static member => member == "b"));
        Assert.Equal(2, order.Count(static member => member == "c"));
    }

    [Fact]
    public async Task RequestAsync_TimeoutOnFakeClock_ThrowsBusTimeoutOnlyWhenClockPassesTimeout()
    {
        var time = new FakeTimeProvider();
        await using var sut = new InProcessBus(new InProcessBusOptions { TimeProvider = time });
        await using var silent = await sut.SubscribeAsync("silent", null, static (_, _) => ValueTask.CompletedTask);

        var request = sut.RequestAsync("silent", ReadOnlyMemory<byte>.Empty, null, TimeSpan.FromSeconds(30)).AsTask();
        await Task.Delay(50);
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50);
        Assert.False(request.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<BusTimeoutException>(() => request.WaitAsync(Patience));
    }

    [Fact]
    public async Task PublishAsync_PayloadBufferReusedAfterPublish_SubscriberSeesOriginalBytes()
    {
        await using var sut = new InProcessBus();
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await sut.SubscribeAsync("copy", null, async (message, _) =>
        {
            await gate.Task;
            received.TrySetResult(message.Payload.ToArray());
        });
        var buffer = "original"u8.ToArray();
        var headers = new MessageHeaders { ["k"] = "v1" };

        await sut.PublishAsync("copy", buffer, headers);
        "mutated!"u8.CopyTo(buffer);
        headers["k"] = "v2";
        gate.SetResult();

        Assert.Equal("original"u8.ToArray(), await received.Task.WaitAsync(Patience));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "condition not reached in time");
    }
}
