using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;

namespace PaymentSwitch.Messaging.Tests;

public sealed class NatsServerProcessTests
{
    [SkippableFact]
    public async Task StartAsync_WithJetStream_AcceptsBusConnectionsAndDisposeRemovesStore()
    {
        NatsServerFixture.RequireExecutable();
        var name = "ps-test-" + Guid.NewGuid().ToString("N")[..12];
        var sut = await NatsServerProcess.StartAsync(new NatsServerProcessOptions { EnableJetStream = true, ServerName = name });
        var store = sut.StoreDirectory;
        var processId = sut.ProcessId;
        try
        {
            Assert.Equal($"nats://127.0.0.1:{sut.Port}", sut.Url);
            Assert.NotNull(store);
            Assert.True(Directory.Exists(store));

            // The port read from the server's log is the one this very server answers on.
            Assert.Contains($"\"server_name\":\"{name}\"", await ReadInfoLineAsync(sut.Port), StringComparison.Ordinal);

            await using var bus = await NatsMessageBus.ConnectAsync(new NatsBusOptions { Url = sut.Url, ConnectTimeout = Eventually.PatienceAtMost(TimeSpan.FromMinutes(10)) });
            var echoed = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var subscription = await bus.SubscribeAsync("smoke", null, (message, _) =>
            {
                echoed.TrySetResult(message.Payload.ToArray());
                return ValueTask.CompletedTask;
            });
            await bus.PublishAsync("smoke", "hello"u8.ToArray());
            Assert.Equal("hello"u8.ToArray(), await Eventually.CompletesAsync(echoed.Task, "the smoke message"));
            Assert.Equal("nats://127.0.0.1:" + sut.Port, bus.Description);
        }
        finally
        {
            await sut.DisposeAsync();
        }

        Assert.False(Directory.Exists(store));
        Assert.False(IsRunning(processId));

        // Once disposed, nothing on that port is this server any more. The port itself may already belong to another
        // process's server (parallel tests start many), so the check is on the server's name, not on a refused connect.
        Assert.DoesNotContain($"\"server_name\":\"{name}\"", await ReadInfoLineAsync(sut.Port) ?? string.Empty, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task StartAsync_WithMonitoringWithoutJetStream_ServesVarzAndHasNoStore()
    {
        NatsServerFixture.RequireExecutable();
        await using var sut = await NatsServerProcess.StartAsync(new NatsServerProcessOptions { EnableJetStream = false, EnableMonitoring = true, ServerName = "ps-test" });
        using var http = new HttpClient { Timeout = Eventually.Patience };

        // Served at all, /varz proves the monitoring port read from the log (varz itself reports the -1 it was given).
        var varz = await http.GetStringAsync(new Uri(sut.MonitoringUrl + "/varz"));

        Assert.Null(sut.StoreDirectory);
        Assert.NotNull(sut.MonitoringPort);
        Assert.Equal($"http://127.0.0.1:{sut.MonitoringPort}", sut.MonitoringUrl);
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
            Assert.Contains("[FTL] fake failure: -a 127.0.0.1 -p -1 -js -sd ", exception.Message, StringComparison.Ordinal);
            var store = exception.Message[(exception.Message.IndexOf("fake failure: -a 127.0.0.1 -p -1 -js -sd ", StringComparison.Ordinal) + "fake failure: -a 127.0.0.1 -p -1 -js -sd ".Length)..].Split(' ', '\n')[0];
            Assert.Contains("paymentswitch-nats-", store, StringComparison.Ordinal);
            Assert.False(Directory.Exists(store), $"store {store} was left behind");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task StartAsync_ServerLogsItsPortsAndReady_TakesThePortsFromItsLog()
    {
        // A stand-in server that listens nowhere: only its log can tell the ports, so the start must read them there
        // (a start that probed a port it chose itself would never see this server as ready).
        var log = """
            echo "[$$] [INF] Starting nats-server" >&2
            echo "[$$] [INF] arguments: $@" >&2
            echo "[$$] [INF] Starting http monitor on 127.0.0.1:18222" >&2
            echo "[$$] [INF] Listening for client connections on 127.0.0.1:14222" >&2
            echo "[$$] [INF] Server is ready" >&2
            exec sleep 600
            """;
        await WithFakeServerAsync(log, async script =>
        {
            await using var sut = await NatsServerProcess.StartAsync(new NatsServerProcessOptions { ExecutablePath = script, EnableJetStream = false, EnableMonitoring = true });

            Assert.Equal(14222, sut.Port);
            Assert.Equal("nats://127.0.0.1:14222", sut.Url);
            Assert.Equal(18222, sut.MonitoringPort);
            Assert.Equal("http://127.0.0.1:18222", sut.MonitoringUrl);

            // The server was asked to pick both ports itself, so no other process can take them between choice and bind.
            Assert.Contains("arguments: -a 127.0.0.1 -p -1 -m -1", sut.StandardError, StringComparison.Ordinal);
        });
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task StartAsync_PortAcceptsConnectionsButServerNeverReady_ThrowsAfterStartTimeoutAndStopsIt()
    {
        // Something accepts TCP connections on the port the stand-in logs, yet the stand-in never says it is ready:
        // an accepting port must not count as a ready server (it may be another process's listener).
        using var someoneElse = new TcpListener(IPAddress.Loopback, 0);
        someoneElse.Start();
        var port = ((IPEndPoint)someoneElse.LocalEndpoint).Port;
        var log = $"""
            echo "stand-in pid $$" >&2
            echo "[$$] [INF] Listening for client connections on 127.0.0.1:{port}" >&2
            exec sleep 600
            """;
        await WithFakeServerAsync(log, async script =>
        {
            // The start timeout is what this test is about, so it is short; the stand-in never becomes ready, so a
            // slow machine cannot turn the expected failure into a success.
            var exception = await Assert.ThrowsAsync<InvalidOperationException>(
                () => NatsServerProcess.StartAsync(new NatsServerProcessOptions { ExecutablePath = script, EnableJetStream = false, StartTimeout = TimeSpan.FromMilliseconds(500) }));

            Assert.Contains("did not report ready (\"Server is ready\" in its log) within 500 ms", exception.Message, StringComparison.Ordinal);
            Assert.Contains($"Listening for client connections on 127.0.0.1:{port}", exception.Message, StringComparison.Ordinal);
            var processId = int.Parse(exception.Message[(exception.Message.IndexOf("stand-in pid ", StringComparison.Ordinal) + "stand-in pid ".Length)..].Split('\n', '\r')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(IsRunning(processId), $"the stand-in server {processId} was left running");
        });
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task StartAsync_ReadyWithoutClientPortLine_ThrowsSayingThePortIsUnknown()
    {
        var log = """
            echo "[$$] [INF] Server is ready" >&2
            exec sleep 600
            """;
        await WithFakeServerAsync(log, async script =>
        {
            var exception = await Assert.ThrowsAsync<InvalidOperationException>(
                () => NatsServerProcess.StartAsync(new NatsServerProcessOptions { ExecutablePath = script, EnableJetStream = false }));

            Assert.Contains("reported ready without logging its client port", exception.Message, StringComparison.Ordinal);
        });
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

    /// <summary>Runs <paramref name="test"/> with a stand-in nats-server: a shell script whose body is <paramref name="body"/>.</summary>
    [UnsupportedOSPlatform("windows")]
    private static async Task WithFakeServerAsync(string body, Func<string, Task> test)
    {
        var directory = Directory.CreateTempSubdirectory("paymentswitch-fake-nats-");
        try
        {
            var script = Path.Combine(directory.FullName, "nats-server");
            await File.WriteAllTextAsync(script, "#!/bin/sh\n" + body + "\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await test(script);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The INFO line a NATS server sends on connect, or null when nothing accepts on the port or nothing is said.</summary>
    private static async Task<string?> ReadInfoLineAsync(int port)
    {
        using var bound = new CancellationTokenSource(Eventually.Patience);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, bound.Token);
            using var reader = new StreamReader(client.GetStream());
            return await reader.ReadLineAsync(bound.Token);
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            return null;
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
