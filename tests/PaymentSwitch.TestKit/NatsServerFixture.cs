using Microsoft.Extensions.Logging;
using PaymentSwitch.Messaging;
using Xunit;

namespace PaymentSwitch.TestKit;

/// <summary>
/// An xunit fixture that starts one real nats-server (JetStream on, free loopback port) for a test class, through
/// <see cref="NatsServerProcess"/>. NATS is never mocked in integration tests.
/// </summary>
/// <remarks>
/// When nats-server is not installed, a developer machine skips the tests (they must be <c>[SkippableFact]</c> and
/// call <see cref="RequireServer"/>, which every helper here does), while CI (<c>CI=true</c>) fails the whole class
/// with the install command: a CI run that silently skipped every NATS test would prove nothing.
/// </remarks>
public sealed class NatsServerFixture : IAsyncLifetime
{
    private NatsServerProcess? _server;
    private string? _skipReason;

    /// <summary>The running server; skips the calling test when there is none.</summary>
    public NatsServerProcess Server
    {
        get
        {
            RequireServer();
            return _server!;
        }
    }

    /// <summary>The server URL (<c>nats://127.0.0.1:PORT</c>); skips the calling test when there is no server.</summary>
    public string Url => Server.Url;

    /// <summary>
    /// Returns the nats-server binary. Without one, skips the calling test on a developer machine and fails it
    /// under CI=true, with the install command.
    /// </summary>
    public static string RequireExecutable()
    {
        if (NatsServerProcess.FindExecutable() is { } executable)
        {
            return executable;
        }

        if (SharedFiles.IsCi)
        {
            throw new InvalidOperationException($"CI=true and nats-server is missing, so the NATS integration tests cannot run. {NatsServerProcess.InstallHint}");
        }

        Skip.If(true, $"nats-server is not installed; NATS integration tests are skipped. {NatsServerProcess.InstallHint}");
        return string.Empty;
    }

    /// <summary>Skips the calling test when nats-server is missing on a developer machine.</summary>
    public void RequireServer() => Skip.If(_server is null, _skipReason ?? "The nats-server fixture did not start.");

    /// <summary>Connects a new <see cref="NatsMessageBus"/> to the fixture's server; the caller disposes it.</summary>
    public async Task<NatsMessageBus> CreateBusAsync(Action<NatsBusOptions>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        // The connect timeout is only a bound: a loaded machine may take seconds to connect, and a hang still fails.
        var options = new NatsBusOptions { Url = Url, Name = "paymentswitch-tests", ConnectTimeout = Eventually.PatienceAtMost(TimeSpan.FromMinutes(10)) };
        configure?.Invoke(options);
        return await NatsMessageBus.ConnectAsync(options, loggerFactory);
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (NatsServerProcess.FindExecutable() is null)
        {
            if (SharedFiles.IsCi)
            {
                throw new InvalidOperationException($"CI=true and nats-server is missing, so the NATS integration tests cannot run. {NatsServerProcess.InstallHint}");
            }

            _skipReason = $"nats-server is not installed; NATS integration tests are skipped. {NatsServerProcess.InstallHint}";
            return;
        }

        _server = await NatsServerProcess.StartAsync(new NatsServerProcessOptions { EnableJetStream = true });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
