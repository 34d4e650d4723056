using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace PaymentSwitch.Messaging.Tests;

/// <summary>What only the NATS transport does (the shared behaviour is in <see cref="MessageBusContractTests"/>).</summary>
public sealed class NatsMessageBusTests
{
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
            var busOptions = new NatsBusOptions { Url = server.Url, PendingCapacity = 16, ConnectTimeout = Eventually.PatienceAtMost(TimeSpan.FromMinutes(10)) };
            await using var sut = await NatsMessageBus.ConnectAsync(busOptions, logs);
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
            await Eventually.WaitUntilAsync(
                () => server.StandardError.Contains("Slow Consumer", StringComparison.OrdinalIgnoreCase),
                "the server logs the stuck subscriber as a slow consumer",
                () => server.StandardError);
            gate.SetResult();

            await Eventually.WaitUntilAsync(
                () => logs.Entries.Any(entry => entry.Level == LogLevel.Error && entry.EventId.Id == 17),
                "the client logs the lost subscription connection as an error",
                () => Describe(logs));
            var lost = logs.Entries.First(entry => entry.EventId.Id == 17);
            Assert.Contains("subscription 1 (stuck)", lost.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(logs.Entries, entry => entry.Level == LogLevel.Critical);

            // Once the handler moved, it read from a full buffer and said so.
            Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Warning && entry.EventId.Id == 5);

            // The client reconnects and resubscribes by itself, when is up to its reconnect timer: a message published
            // before it is back is lost, so publish again until one published afterwards arrives.
            await Eventually.RepeatUntilAsync(
                () => sut.PublishAsync("stuck", new byte[1]).AsTask(),
                () => afterRecovery.Task.IsCompleted,
                TimeSpan.FromMilliseconds(100),
                "a message published after the reconnect reaches the resubscribed handler",
                () => Describe(logs));
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task ConnectAsync_ServerNotListening_ThrowsBusConnectionException()
    {
        // A socket bound to a port but not listening holds the port, so no other process can start listening on it
        // while the test runs, and every connect to it is refused. (A port freed by a stopped server could be taken
        // by another test's server in between, and the connect would then succeed.)
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port;

        // The refusal is immediate; the connect timeout only bounds a hang, so it is long.
        var exception = await Assert.ThrowsAsync<BusConnectionException>(
            () => Eventually.CompletesAsync(
                NatsMessageBus.ConnectAsync(new NatsBusOptions { Url = $"nats://127.0.0.1:{port}", ConnectTimeout = Eventually.PatienceAtMost(TimeSpan.FromMinutes(10)) }),
                "the refused connect"));

        Assert.True(exception.IsTransient);
    }

    private static string Describe(RecordingLoggerFactory logs) => string.Join('\n', logs.Entries.Select(entry => entry.Level + " " + entry.Message));
}
