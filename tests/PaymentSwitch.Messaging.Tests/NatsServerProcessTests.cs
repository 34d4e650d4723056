using System.Diagnostics;
using System.Runtime.Versioning;

namespace PaymentSwitch.Messaging.Tests;

public sealed class NatsServerProcessTests
{
    [SkippableFact]
    public async Task StartAsync_WithJetStream_AcceptsBusConnectionsAndDisposeRemovesStore()
    {
        NatsServerFixture.RequireExecutable();
        var sut = await NatsServerProcess.StartAsync(new NatsServerProcessOptions { EnableJetStream = true });
        var store = sut.StoreDirectory;
        var processId = sut.ProcessId;
        try
        {
            Assert.Equal($"nats://127.0.0.1:{sut.Port}", sut.Url);
            Assert.NotNull(store);
            Assert.True(Directory.Exists(store));

            await using var bus = await NatsMessageBus.ConnectAsync(new NatsBusOptions { Url = sut.Url });
            var echoed = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var subscription = await bus.SubscribeAsync("smoke", null, (message, _) =>
            {
                echoed.TrySetResult(message.Payload.ToArray());
                return ValueTask.CompletedTask;
            });
            await bus.PublishAsync("smoke", "hello"u8.ToArray());
            Assert.Equal("hello"u8.ToArray(), await echoed.Task.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("nats://127.0.0.1:" + sut.Port, bus.Description);
        }
        finally
        {
            await sut.DisposeAsync();
        }

        Assert.False(Directory.Exists(store));
        Assert.False(IsRunning(processId));
        await Assert.ThrowsAsync<BusConnectionException>(
            async () => await NatsMessageBus.ConnectAsync(new NatsBusOptions { Url = sut.Url, ConnectTimeout = TimeSpan.FromSeconds(1) }));
    }

    [SkippableFact]
    public async Task StartAsync_WithMonitoringWithoutJetStream_ServesVarzAndHasNoStore()
    {
        NatsServerFixture.RequireExecutable();
        await using var sut = await NatsServerProcess.StartAsync(new NatsServerProcessOptions { EnableJetStream = false, EnableMonitoring = true, ServerName = "ps-test" });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var varz = await http.GetStringAsync(new Uri(sut.MonitoringUrl + "/varz"));

        Assert.Null(sut.StoreDirectory);
        Assert.NotNull(sut.MonitoringPort);
        Assert.Contains("\"server_name\": \"ps-test\"", varz, StringComparison.Ordinal);
        Assert.Contains($"\"port\": {sut.Port}", varz, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task StartAsync_TwoServers_GetDifferentPorts()
    {
        NatsServerFixture.RequireExecutable();
        await using var first = await NatsServerProcess.StartAsync(new NatsServerProcessOptions { EnableJetStream = false });
        await using var second = await NatsServerProcess.StartAsync(new NatsServerProcessOptions { EnableJetStream = false });

        Assert.NotEqual(first.Port, second.Port);
    }

    [Fact]
    public async Task StartAsync_MissingExecutable_ThrowsFileNotFoundWithInstallHint()
    {
        var options = new NatsServerProcessOptions { ExecutablePath = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "nats-server") };

        var exception = await Assert.ThrowsAsync<FileNotFoundException>(() => NatsServerProcess.StartAsync(options));

        Assert.Contains("apt-get install -y nats-server", exception.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task StartAsync_ServerExitsAtOnce_ThrowsWithItsStandardErrorAndLeavesNoStore()
    {
        var directory = Directory.CreateTempSubdirectory("paymentswitch-fake-nats-");
        try
        {
            var script = Path.Combine(directory.FullName, "nats-server");
            await File.WriteAllTextAsync(script, "#!/bin/sh\necho \"[FTL] fake failure: $@\" >&2\nexit 3\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var exception = await Assert.ThrowsAsync<InvalidOperationException>(
                () => NatsServerProcess.StartAsync(new NatsServerProcessOptions { ExecutablePath = script, EnableJetStream = true }));

            Assert.Contains("exited with code 3", exception.Message, StringComparison.Ordinal);
            Assert.Contains("[FTL] fake failure: -a 127.0.0.1 -p", exception.Message, StringComparison.Ordinal);
            var store = exception.Message[(exception.Message.IndexOf("-js -sd ", StringComparison.Ordinal) + "-js -sd ".Length)..].Split(' ', '\n')[0];
            Assert.Contains("paymentswitch-nats-", store, StringComparison.Ordinal);
            Assert.False(Directory.Exists(store), $"store {store} was left behind");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void FindExecutable_EnvironmentVariableNamesMissingFile_ReturnsNullRatherThanAnotherBinary()
    {
        Assert.Null(NatsServerProcess.FindExecutable("/no/such/nats-server", "/usr/sbin:/usr/bin"));
    }

    [Fact]
    public void FindExecutable_BinaryInAPathDirectory_ReturnsIt()
    {
        var directory = Directory.CreateTempSubdirectory("paymentswitch-path-");
        try
        {
            var binary = Path.Combine(directory.FullName, OperatingSystem.IsWindows() ? "nats-server.exe" : "nats-server");
            File.WriteAllText(binary, string.Empty);

            Assert.Equal(binary, NatsServerProcess.FindExecutable(null, "/no/such/dir" + Path.PathSeparator + directory.FullName));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
