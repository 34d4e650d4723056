using Microsoft.Extensions.Time.Testing;

namespace PaymentSwitch.Messaging.Tests;

/// <summary>What only the in-process bus promises (the shared behaviour is in <see cref="MessageBusContractTests"/>).</summary>
public sealed class InProcessBusTests
{
    [Fact]
    public async Task PublishAsync_SubscriberBufferFull_WaitsUntilHandlerMakesRoom()
    {
        await using var sut = new InProcessBus(new InProcessBusOptions { PendingCapacity = 1 });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = 0;
        var handled = 0;
        await using var subscription = await sut.SubscribeAsync("slow", null, async (_, _) =>
        {
            Interlocked.Increment(ref entered);
            await gate.Task;
            Interlocked.Increment(ref handled);
        });
        await sut.PublishAsync("slow", ReadOnlyMemory<byte>.Empty);

        // The handler has taken the first message out of the buffer and is held by the gate.
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref entered) == 1, "the handler holds the first message");

        // One message is in the handler (held by the gate), one fills the buffer, the third must wait.
        await Eventually.CompletesAsync(sut.PublishAsync("slow", ReadOnlyMemory<byte>.Empty).AsTask(), "the second publish, into the empty buffer");
        var third = sut.PublishAsync("slow", ReadOnlyMemory<byte>.Empty).AsTask();

        // Nothing can make room while the gate is shut, so this cannot fail wrongly; the pause only gives a publish
        // that wrongly went ahead the time to finish, and a slow machine can only make it pass wrongly.
        await Task.Delay(100);
        Assert.False(third.IsCompleted);

        gate.SetResult();
        await Eventually.CompletesAsync(third, "the third publish once the handler made room");
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref handled) == 3, "all three messages handled");
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

        await Eventually.WaitUntilAsync(() => { lock (gate) { return order.Count == 6; } }, "six deliveries to the group");
        Assert.Equal(2, order.Count(static member => member == "a"));
        Assert.Equal(2, order.Count(static member => member == "b"));
        Assert.Equal(2, order.Count(static member => member == "c"));
    }

    [Fact]
    public async Task RequestAsync_TimeoutOnFakeClock_ThrowsBusTimeoutOnlyWhenClockPassesTimeout()
    {
        // An hour of fake time, far more than the test's real-time patience: a timeout wrongly on the real clock can
        // never fire within the test, so only the fake clock can end the request.
        var timeout = TimeSpan.FromHours(1);
        var time = new FakeTimeProvider();
        await using var sut = new InProcessBus(new InProcessBusOptions { TimeProvider = time });
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var silent = await sut.SubscribeAsync("silent", null, (_, _) =>
        {
            seen.TrySetResult();
            return ValueTask.CompletedTask;
        });

        var request = sut.RequestAsync("silent", ReadOnlyMemory<byte>.Empty, null, timeout).AsTask();

        // The timeout starts before the request is delivered, so once the subscriber has it, the timer is set.
        await Eventually.CompletesAsync(seen.Task, "the request reaches the silent subscriber");
        time.Advance(timeout - TimeSpan.FromSeconds(1));

        // Only the fake clock's last second can end the request, so this cannot fail wrongly; the pause gives a
        // timeout that wrongly fired early the time to complete, and a slow machine can only make it pass wrongly.
        await Task.Delay(100);
        Assert.False(request.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var exception = await Assert.ThrowsAsync<BusTimeoutException>(() => Eventually.CompletesAsync(request, "the request once the fake clock passed its timeout"));
        Assert.Equal(timeout, exception.Timeout);
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

        Assert.Equal("original"u8.ToArray(), await Eventually.CompletesAsync(received.Task, "the copied message"));
    }
}
