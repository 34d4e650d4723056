using System.Diagnostics;
using NATS.Client.Core;

namespace PaymentSwitch.LoadRunner;

/// <summary>What the raw NATS ceiling run measured.</summary>
/// <param name="MessageSizeBytes">The payload size published (the payment run's mean message size).</param>
/// <param name="Published">Messages published in the measured window.</param>
/// <param name="Received">Messages received in the measured window.</param>
/// <param name="Elapsed">The measured window.</param>
public sealed record RawNatsThroughput(int MessageSizeBytes, long Published, long Received, TimeSpan Elapsed)
{
    /// <summary>Messages delivered per second: what one publisher and one subscriber get through this server.</summary>
    public double MessagesPerSecond => Elapsed > TimeSpan.Zero ? Received / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Measures the raw NATS ceiling of the machine: one publisher connection and one subscriber connection (the
/// switch's own layout: publishes and each subscription on separate connections) move messages of the payment run's
/// size through the same server as fast as they can, without the switch. Dividing by the messages one payment costs
/// gives the payments per second NATS alone would allow; the harness reports the switch's share of it.
/// </summary>
/// <remarks>
/// The subscriber never drops (<c>BoundedChannelFullMode.Wait</c>), and the publisher stays at most
/// <see cref="InFlightWindow"/> messages ahead of it, so the server's slow-consumer limit is never reached and the
/// figure is a sustained rate, not a burst into buffers.
/// </remarks>
public static class NatsCeiling
{
    /// <summary>How far the publisher may run ahead of the subscriber.</summary>
    public const int InFlightWindow = 50_000;

    /// <summary>Runs the raw throughput test for <paramref name="duration"/> after a short warm-up.</summary>
    public static async Task<RawNatsThroughput> MeasureAsync(string url, int messageSizeBytes, TimeSpan duration, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentOutOfRangeException.ThrowIfNegative(messageSizeBytes);
        ArgumentNullException.ThrowIfNull(time);
        var subject = "ps.bench.ceiling." + Guid.NewGuid().ToString("N");
        await using var publisher = new NatsConnection(new NatsOpts { Url = url, Name = "paymentswitch-bench-ceiling-pub" });
        await using var subscriber = new NatsConnection(new NatsOpts
        {
            Url = url,
            Name = "paymentswitch-bench-ceiling-sub",
            SubPendingChannelCapacity = 65_536,
            SubPendingChannelFullMode = System.Threading.Channels.BoundedChannelFullMode.Wait,
        });
        await publisher.ConnectAsync().ConfigureAwait(false);
        await subscriber.ConnectAsync().ConfigureAwait(false);

        long received = 0;
        await using var subscription = await subscriber.SubscribeCoreAsync<NatsMemoryOwner<byte>>(subject, cancellationToken: cancellationToken).ConfigureAwait(false);
        await subscriber.PingAsync(cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Run(
            async () =>
            {
                try
                {
                    while (await subscription.Msgs.WaitToReadAsync(stop.Token).ConfigureAwait(false))
                    {
                        while (subscription.Msgs.TryRead(out var message))
                        {
                            message.Data.Dispose();
                            Interlocked.Increment(ref received);
                        }
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
            },
            CancellationToken.None);

        var payload = new byte[messageSizeBytes];
        Random.Shared.NextBytes(payload);
        var warmUp = TimeSpan.FromMilliseconds(Math.Min(1_000, duration.TotalMilliseconds / 4));
        long published = 0;
        long windowStartPublished = 0;
        long windowStartReceived = 0;
        var started = time.GetTimestamp();
        var windowStart = 0L;
        try
        {
            while (true)
            {
                // Publish in bursts without awaiting the server between messages: the client batches them into its socket writes.
                for (var i = 0; i < 256; i++)
                {
                    await publisher.PublishAsync(subject, payload, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                published += 256;
                while (published - Interlocked.Read(ref received) > InFlightWindow)
                {
                    await Task.Yield();
                }

                var elapsed = time.GetElapsedTime(started);
                if (windowStart == 0 && elapsed >= warmUp)
                {
                    windowStart = time.GetTimestamp();
                    windowStartPublished = published;
                    windowStartReceived = Interlocked.Read(ref received);
                }
                else if (windowStart != 0 && time.GetElapsedTime(windowStart) >= duration)
                {
                    break;
                }
            }

            var window = time.GetElapsedTime(windowStart);
            return new RawNatsThroughput(messageSizeBytes, published - windowStartPublished, Interlocked.Read(ref received) - windowStartReceived, window);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await reader.ConfigureAwait(false);
            Debug.Assert(published >= Interlocked.Read(ref received), "Received more than published.");
        }
    }
}
