using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentSwitch.Adapters;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Adapters;
using PaymentSwitch.Services.Fx;
using PaymentSwitch.Services.Hub;

namespace PaymentSwitch.Cli;

/// <summary>
/// The role's NATS connection (options section <c>Nats</c>) as a hosted service: connects when the host starts, before
/// the role's service; closes when it stops, after the role's service has drained its subscriptions.
/// </summary>
internal sealed class BusConnection(IOptions<NatsBusOptions> options, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private IMessageBus? _bus;

    /// <summary>The connected bus.</summary>
    public IMessageBus Bus => _bus ?? throw new InvalidOperationException("The NATS connection is not open: the host has not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var quiet = new FirstConnectionLoggerFactory(loggers);
        var (bus, error) = await BusCommandSupport.TryConnectAsync(options.Value, "Nats:Url", quiet, cancellationToken).ConfigureAwait(false);
        quiet.Connected();
        _bus = bus ?? throw new RoleStartException(error!);
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _bus, null) is { } bus)
        {
            await bus.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>
/// Holds back the NATS client's own log until the first connection is made: a refused first connection is reported by
/// the role as one line (exit 2), and the client's error log of it would add a stack trace. Once connected, and at
/// debug level always, everything passes (reconnections are logged as usual).
/// </summary>
internal sealed class FirstConnectionLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private volatile bool _connected;

    public void Connected() => _connected = true;

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName.StartsWith("NATS", StringComparison.Ordinal) ? new Logger(logger, this) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The host owns the inner factory.
    public void Dispose()
    {
    }

    private sealed class Logger(ILogger inner, FirstConnectionLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => (owner._connected || inner.IsEnabled(LogLevel.Debug)) && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}

/// <summary>The hub service (options section <c>Hub</c>) as a hosted service on the role's <see cref="BusConnection"/>.</summary>
internal sealed class HubRole(BusConnection connection, Topology topology, TimeProvider time, IOptions<HubServiceOptions> options, ILogger<HubService> logger)
    : IHostedService, IAsyncDisposable
{
    private HubService? _hub;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bus = connection.Bus;
        _hub = new HubService(bus, topology, time, options.Value, logger);
        try
        {
            await _hub.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BusException ex)
        {
            throw new RoleStartException($"the hub could not subscribe on {bus.Description}: {ex.Message}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _hub, null) is { } hub)
        {
            await hub.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>The seed of a simulated IPS (configuration <c>Adapter:Seed</c>), beside <see cref="AdapterServiceOptions"/>.</summary>
internal sealed class AdapterSimulationOptions
{
    /// <summary>Seed of the simulated IPS's behaviour (latency, random rejections).</summary>
    public long Seed { get; set; } = 20261122;
}

/// <summary>
/// One national IPS's adapter (options section <c>Adapter</c>) as a hosted service: subscribes and registers its proxy
/// directory with the hub when it starts, so a missing hub stops the start with a one-line error.
/// </summary>
internal sealed class AdapterRole(
    BusConnection connection, NationalSwitchProfile profile, Topology topology, TimeProvider time,
    IOptions<AdapterServiceOptions> options, IOptions<AdapterSimulationOptions> simulation, ILogger<AdapterService> logger)
    : IHostedService, IAsyncDisposable
{
    private AdapterService? _adapter;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bus = connection.Bus;
        // A restarted adapter must not reuse its previous run's UETRs while the hub still remembers them.
        var nationalSwitch = new NationalSwitch(profile, topology, time, simulation.Value.Seed, new NationalSwitchOptions { FreshUetrs = true });
        _adapter = new AdapterService(bus, nationalSwitch, time, options.Value, logger);
        try
        {
            await _adapter.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AdapterCommand.DescribeStartFailure(ex, _adapter, bus) is { } message)
        {
            throw new RoleStartException(message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _adapter, null) is { } adapter)
        {
            await adapter.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>
/// One FX provider (options section <c>FxProvider</c>) as a hosted service: publishes every rate sheet when it starts
/// (requests the hub answers, so a missing hub stops the start with a one-line error), then every interval.
/// </summary>
internal sealed class FxProviderRole(
    BusConnection connection, FxProviderDefinition provider, TimeProvider time, IOptions<FxProviderServiceOptions> options, ILogger<FxProviderService> logger)
    : IHostedService, IAsyncDisposable
{
    private FxProviderService? _service;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bus = connection.Bus;
        _service = new FxProviderService(bus, provider, time, options.Value, logger);
        try
        {
            await _service.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NoRespondersException)
        {
            throw new RoleStartException($"no hub answers on {bus.Description}, so {provider.Bic} cannot publish its rate sheets; start 'paymentswitch hub' first");
        }
        catch (BusException ex)
        {
            throw new RoleStartException($"FX provider {provider.Bic} could not start on {bus.Description}: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            throw new RoleStartException(ex.Message, Cli.Invalid);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _service, null) is { } service)
        {
            await service.DisposeAsync().ConfigureAwait(false);
        }
    }
}
