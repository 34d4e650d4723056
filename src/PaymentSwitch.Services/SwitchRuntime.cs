using PaymentSwitch.Domain;
using Microsoft.Extensions.Logging;
using PaymentSwitch.Adapters;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Adapters;
using PaymentSwitch.Services.Fx;
using PaymentSwitch.Services.Hub;

namespace PaymentSwitch.Services;

/// <summary>Options of a whole switch in one process (the demo, tests, the load harness).</summary>
public sealed class SwitchRuntimeOptions
{
    /// <summary>The hub's options.</summary>
    public HubServiceOptions Hub { get; set; } = new();

    /// <summary>
    /// How many hub instances share the payments (docs/protocol.md, "Several hub instances"); each gets
    /// <see cref="Hub"/> with its own partition and instance id (<c>H1</c>, <c>H2</c>, …). Default 1.
    /// </summary>
    public int HubInstances { get; set; } = 1;

    /// <summary>Every adapter's options.</summary>
    public AdapterServiceOptions Adapter { get; set; } = new();

    /// <summary>Seed of the simulated IPSs' behaviour (latency, random rejections): the same seed gives the same decisions.</summary>
    public long Seed { get; set; } = 20261122;

    /// <summary>The IPSs to run adapters for; <c>null</c> runs one for every IPS in the adapter profiles.</summary>
    public IReadOnlyCollection<IpsId>? Ips { get; set; }

    /// <summary>
    /// Run one FX provider service per FX provider of the topology, publishing live, competing rate sheets (default on).
    /// Off, the hub quotes from the reference data's static sheets.
    /// </summary>
    public bool RunFxProviders { get; set; } = true;

    /// <summary>Every FX provider service's options: interval, random walk, seed.</summary>
    public FxProviderServiceOptions FxProvider { get; set; } = new();
}

/// <summary>
/// A hub, one FX provider service per FX provider and one adapter per IPS on one bus, in this process: what
/// <c>paymentswitch demo</c> runs and what the integration tests start. In a deployment each of them is its own process
/// (<c>paymentswitch hub</c>, <c>fxp</c>, <c>adapter</c>).
/// </summary>
public sealed class SwitchRuntime : IAsyncDisposable
{
    private readonly Dictionary<IpsId, AdapterService> _adapters;
    private readonly List<FxProviderService> _fxProviders = [];
    private readonly IMessageBus _bus;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly SwitchRuntimeOptions _options;

    private SwitchRuntime(IReadOnlyList<HubService> hubs, Dictionary<IpsId, AdapterService> adapters, AdapterProfiles profiles, IMessageBus bus, TimeProvider time, ILoggerFactory loggers, SwitchRuntimeOptions options)
    {
        Hubs = hubs;
        _adapters = adapters;
        Profiles = profiles;
        _bus = bus;
        _time = time;
        _loggers = loggers;
        _options = options;
    }

    /// <summary>The hub service; with several instances, instance 0 (the one that answers settle requests).</summary>
    public HubService Hub => Hubs[0];

    /// <summary>Every hub instance, by partition (one unless <see cref="SwitchRuntimeOptions.HubInstances"/> is more).</summary>
    public IReadOnlyList<HubService> Hubs { get; }

    /// <summary>The hub instance that owns the payment <paramref name="uetr"/>.</summary>
    public HubService HubFor(Uetr uetr) => Hubs[HubPartition.Of(uetr, Hubs.Count)];

    /// <summary>The adapter services by IPS.</summary>
    public IReadOnlyDictionary<IpsId, AdapterService> Adapters => _adapters;

    /// <summary>The adapter profiles (banks, accounts, proxies, behaviour) the adapters run.</summary>
    public AdapterProfiles Profiles { get; }

    /// <summary>The FX provider services, in topology order (empty when <see cref="SwitchRuntimeOptions.RunFxProviders"/> is off).</summary>
    public IReadOnlyList<FxProviderService> FxProviders => _fxProviders;

    /// <summary>Starts the hub first (so adapters can register their proxies with it), then the adapters.</summary>
    public static async Task<SwitchRuntime> StartAsync(
        IMessageBus bus, AdapterProfiles profiles, TimeProvider time, ILoggerFactory loggers, SwitchRuntimeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(loggers);
        options ??= new SwitchRuntimeOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HubInstances, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.HubInstances, HubPartition.MaxCount, nameof(options));
        var hubs = new HubService[options.HubInstances];
        for (var i = 0; i < hubs.Length; i++)
        {
            var hubOptions = hubs.Length == 1 ? options.Hub : options.Hub.ForPartition(i, hubs.Length);
            hubs[i] = new HubService(bus, profiles.Topology, time, hubOptions, loggers.CreateLogger<HubService>());
        }

        var adapters = new Dictionary<IpsId, AdapterService>();
        var runtime = new SwitchRuntime(hubs, adapters, profiles, bus, time, loggers, options);
        try
        {
            foreach (var hub in hubs)
            {
                await hub.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            // After the hub (their first sheets are requests it must answer), before the adapters (their first quotes see live prices).
            if (options.RunFxProviders)
            {
                foreach (var definition in profiles.Topology.FxProviders)
                {
                    var provider = new FxProviderService(bus, definition, time, options.FxProvider, loggers.CreateLogger<FxProviderService>());
                    runtime._fxProviders.Add(provider);
                    await provider.StartAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            var switches = NationalSwitch.CreateAll(profiles, time, options.Seed);
            foreach (var (ips, nationalSwitch) in switches)
            {
                if (options.Ips is { } only && !only.Contains(ips))
                {
                    continue;
                }

                var adapter = new AdapterService(bus, nationalSwitch, time, options.Adapter, loggers.CreateLogger<AdapterService>());
                adapters[ips] = adapter;
                await adapter.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends one payment from a customer of <paramref name="source"/>.</summary>
    public Task<PaymentOutcome> SendAsync(IpsId source, OutboundInstruction instruction, CancellationToken cancellationToken = default) =>
        _adapters.TryGetValue(source, out var adapter)
            ? adapter.SendAsync(instruction, cancellationToken)
            : throw new ArgumentException($"No adapter runs for {source}.", nameof(source));

    /// <summary>Stops a running adapter (a destination outage); payments to its IPS then time out at the hub.</summary>
    public async Task StopAdapterAsync(IpsId ips)
    {
        if (_adapters.Remove(ips, out var adapter))
        {
            await adapter.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts an adapter for <paramref name="ips"/> again after <see cref="StopAdapterAsync"/> (the destination coming
    /// back from an outage). It is a fresh IPS: its simulated switch is created from the runtime's profiles with the
    /// same seed as at start, so balances are back at their opening values and its decisions are the ones the first
    /// instance would have made for the same UETRs. It registers its proxy directory with the hub as at start.
    /// </summary>
    /// <exception cref="ArgumentException">The profiles have no IPS <paramref name="ips"/>.</exception>
    /// <exception cref="InvalidOperationException">An adapter for <paramref name="ips"/> already runs.</exception>
    public async Task<AdapterService> StartAdapterAsync(IpsId ips, CancellationToken cancellationToken = default)
    {
        if (_adapters.ContainsKey(ips))
        {
            throw new InvalidOperationException($"An adapter for {ips} already runs; stop it first.");
        }

        // The same factory as StartAsync, so the per-IPS seed is derived the same way; the other switches it builds are dropped.
        if (!NationalSwitch.CreateAll(Profiles, _time, _options.Seed).TryGetValue(ips, out var nationalSwitch))
        {
            throw new ArgumentException($"The adapter profiles have no IPS {ips}.", nameof(ips));
        }

        var adapter = new AdapterService(_bus, nationalSwitch, _time, _options.Adapter, _loggers.CreateLogger<AdapterService>());
        try
        {
            await adapter.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await adapter.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _adapters[ips] = adapter;
        return adapter;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var adapter in _adapters.Values)
        {
            await adapter.DisposeAsync().ConfigureAwait(false);
        }

        _adapters.Clear();
        foreach (var provider in _fxProviders)
        {
            await provider.DisposeAsync().ConfigureAwait(false);
        }

        _fxProviders.Clear();
        foreach (var hub in Hubs)
        {
            await hub.DisposeAsync().ConfigureAwait(false);
        }
    }
}
