using Microsoft.Extensions.Logging;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services;

namespace PaymentSwitch.LoadRunner;

/// <summary>
/// The switch the harness loads: a nats-server (private, on a free loopback port, or the one given), and on it the
/// hub, one FX provider service per FX provider and one adapter per IPS: the production services with their
/// production options, only the IPS profiles come from the workload (reliable and instant unless told otherwise).
/// The profiles carry the run's topology (<see cref="LoadReferenceData"/>: the embedded ASEAN one or
/// <c>--topology</c>), so the hub, the FX providers and the adapters all run the reference data the workload was drawn from.
/// </summary>
public sealed class SwitchUnderTest : IAsyncDisposable
{
    private readonly NatsServerProcess? _server;
    private readonly IMessageBus _bus;

    private SwitchUnderTest(NatsServerProcess? server, IMessageBus bus, SwitchRuntime runtime, string url, string? monitoringUrl)
    {
        _server = server;
        _bus = bus;
        Runtime = runtime;
        Url = url;
        MonitoringUrl = monitoringUrl;
    }

    /// <summary>The running services.</summary>
    public SwitchRuntime Runtime { get; }

    /// <summary>The NATS server's client URL.</summary>
    public string Url { get; }

    /// <summary>Its monitoring URL, when known (always for the private server).</summary>
    public string? MonitoringUrl { get; }

    /// <summary>
    /// CPU time the private nats-server has used so far; <c>null</c> for an external server (or when the process
    /// cannot be read).
    /// </summary>
    public TimeSpan? ServerCpuTime()
    {
        if (_server is null)
        {
            return null;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(_server.ProcessId);
            return process.TotalProcessorTime;
        }
        catch (Exception failure) when (failure is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Whether the harness started the server itself.</summary>
    public bool PrivateServer => _server is not null;

    /// <summary>Starts the server (unless <see cref="LoadRunOptions.NatsUrl"/> names one) and the switch on it.</summary>
    /// <exception cref="FileNotFoundException">No nats-server is installed and none was named (the message says how to install it).</exception>
    public static async Task<SwitchUnderTest> StartAsync(LoadRunOptions options, LoadWorkload workload, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workload);
        NatsServerProcess? server = null;
        NatsMessageBus? bus = null;
        try
        {
            server = options.NatsUrl is null
                ? await NatsServerProcess.StartAsync(new NatsServerProcessOptions { EnableJetStream = false, EnableMonitoring = true, ServerName = "paymentswitch-bench" }, cancellationToken).ConfigureAwait(false)
                : null;
            var url = server?.Url ?? options.NatsUrl!;
            bus = await NatsMessageBus.ConnectAsync(new NatsBusOptions { Url = url, Name = "paymentswitch-bench" }, loggers, cancellationToken).ConfigureAwait(false);

            var runtimeOptions = new SwitchRuntimeOptions { Seed = options.Seed, HubInstances = options.HubInstances };

            // A payment that gets no final answer within the step's drain counts as timed out in the report; the adapter
            // must not give up on it earlier.
            runtimeOptions.Adapter.FinalAnswerWait = options.Drain + TimeSpan.FromSeconds(60);
            runtimeOptions.Adapter.MaxInFlight = options.AdapterMaxInFlight;
            var runtime = await SwitchRuntime.StartAsync(bus, workload.Profiles, time, loggers, runtimeOptions, cancellationToken).ConfigureAwait(false);
            return new SwitchUnderTest(server, bus, runtime, url, server?.MonitoringUrl ?? options.NatsMonitoringUrl);
        }
        catch
        {
            if (bus is not null)
            {
                await bus.DisposeAsync().ConfigureAwait(false);
            }

            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        // The private nats-server is stopped whatever happens to the rest, so a failed teardown never leaves it running.
        try
        {
            await Runtime.DisposeAsync().ConfigureAwait(false);
            await _bus.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            if (_server is not null)
            {
                await _server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
