using Microsoft.Extensions.Logging;

namespace PaymentSwitch.Messaging.Tests;

/// <summary>What only the NATS transport does (the shared behaviour is in <see cref="MessageBusContractTests"/>).</summary>
public sealed class NatsMessageBusTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [SkippableFact]
    public async Task SubscribeAsync_HandlerStuckPastServerLimit_SlowConsumerCutOffIsLoggedAsErrorAndSubscriptionRecovers()
    {
        NatsServerFixture.RequireExecutable();
        var config = Path.Combine(Path.GetTempPath(), $"paymentswitch-slow-{Guid.NewGuid():N}.conf");

        // A small per-connection budget so the server gives up on a stuck subscriber quickly.
        await File.WriteAllTextAsync(config, "max_payload: 65536\nmax_pending: 262144\nwrite_deadline: \"1s\"\n");
        try
        {
            var serverOptions = new NatsServerProcessOptions { EnableJetStream = false };
            serverOptions.ExtraArguments.Add("-c");
            serverOptions.ExtraArguments.Add(config);
            await using var server = await NatsServerProcess.StartAsync(serverOptions);
            var logs = new RecordingLoggerFactory();
            await using var sut = await NatsMessageBus.ConnectAsync(new NatsBusOptions { Url = server.Url, PendingCapacity = 16 }, logs);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var afterRecovery = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var subscription = await sut.SubscribeAsync("stuck", null, async (message, token) =>
            {
                await gate.Task.WaitAsync(token);
                if (message.Payload.Length == 1)
                {
                    afterRecovery.TrySetResult();
                }
            });

            // 32 MiB: far more than the socket buffers and the server's 256 KiB budget can hold for a reader that waits.
            var payload = new byte[32 * 1024];
            for (var i = 0; i < 1024; i++)
            {
                await sut.PublishAsync("stuck", payload);
            }

            await sut.FlushAsync();

            // The server gives up on the stalled subscriber. The client cannot notice yet: its socket reader is the
            // one waiting for room in the full buffer, so it reads the close only once the handler moves on.
            await WaitUntilAsync(() => server.StandardError.Contains("Slow Consumer", StringComparison.OrdinalIgnoreCase), () => server.StandardError);
            gate.SetResult();

            await WaitUntilAsync(() => logs.Entries.Any(entry => entry.Level == LogLevel.Error && entry.EventId.Id == 17), () => string.Join('\n', logs.Entries.Select(e => e.Level + " " + e.Message)));
            var lost = logs.Entries.First(entry => entry.EventId.Id == 17);
            Assert.Contains("subscription 1 (stuck)", lost.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(logs.Entries, entry => entry.Level == LogLevel.Critical);

            // Once the handler moved, it read from a full buffer and said so.
            Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Warning && entry.EventId.Id == 5);

            // The client reconnects and resubscribes by itself: a message published afterwards arrives.
            for (var attempt = 0; attempt < 200 && !afterRecovery.Task.IsCompleted; attempt++)
            {
                await sut.PublishAsync("stuck", new byte[1]);
                await Task.WhenAny(afterRecovery.Task, Task.Delay(100));
            }

            await afterRecovery.Task.WaitAsync(Patience);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [SkippableFact]
    public async Task ConnectAsync_ServerNotListening_ThrowsBusConnectionException()
    {
        NatsServerFixture.RequireExecutable();
        int port;
        await using (var server = await NatsServerProcess.StartAsync(new NatsServerProcessOptions { EnableJetStream = false }))
        {
            port = server.Port;
        }

        var exception = await Assert.ThrowsAsync<BusConnectionException>(
            () => NatsMessageBus.ConnectAsync(new NatsBusOptions { Url = $"nats://127.0.0.1:{port}", ConnectTimeout = TimeSpan.FromSeconds(1) }));

        Assert.True(exception.IsTransient);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> describe)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "condition not reached in time: " + describe());
    }
}
