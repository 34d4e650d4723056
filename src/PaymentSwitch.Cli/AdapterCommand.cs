using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentSwitch.Adapters;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Adapters;

namespace PaymentSwitch.Cli;

/// <summary>
/// <c>paymentswitch adapter --ips SG-FAST [--nats URL] [--seed N] [--xml]</c>: runs one national instant payment
/// system's adapter (the simulated IPS of the default adapter profiles) until Ctrl+C, on the Generic Host
/// (<see cref="RoleHost"/>; configuration sections <c>Adapter</c> and <c>Nats</c>). It answers the payments the hub
/// forwards to that IPS and its proxy directory's lookups; it registers the directory with the hub when it starts, so
/// the hub must already run.
/// </summary>
internal static class AdapterCommand
{
    public static Command Create(CliConsole console)
    {
        var nats = BusCommandSupport.NatsOption();
        var ips = new Option<string>("--ips") { Description = "The IPS to run, e.g. SG-FAST, TH-PROMPTPAY, MY-DUITNOW.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed of the simulated IPS's behaviour (latency, random rejections) (Adapter:Seed).", DefaultValueFactory = static _ => 20261122 };
        var xml = new Option<bool>("--xml") { Description = "Speak ISO 20022 XML to the hub instead of MessagePack (Adapter:UseXml)." };
        var logLevel = HubCommand.LogLevelOption();
        var command = new Command("adapter", "Run one national IPS's adapter on a NATS server until Ctrl+C: answers forwarded payments and proxy lookups for that IPS.")
        {
            nats, ips, seed, xml, logLevel,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            CommandLineSettings.Given(parse, nats),
            parse.GetValue(ips)!,
            CommandLineSettings.Given(parse, seed),
            CommandLineSettings.Given(parse, xml),
            CommandLineSettings.Given(parse, logLevel),
            cancellationToken));
        return command;
    }

    /// <summary>Runs an adapter; each optional setting is <c>null</c> when not given on the command line (configuration or the default decides).</summary>
    internal static Task<int> RunAsync(CliConsole console, string? natsUrl, string ipsText, long? seed, bool? xml, string? logLevel, CancellationToken cancellationToken)
    {
        var topology = Topology.LoadDefault();
        var profiles = AdapterProfiles.LoadDefault(topology);
        if (!TryGetProfile(console, profiles, "--ips", ipsText, out var profile))
        {
            return Task.FromResult(Cli.Usage);
        }

        var commandLine = new CommandLineSettings()
            .Set("Nats:Url", "--nats", natsUrl)
            .Set("Adapter:Seed", "--seed", seed?.ToString(CultureInfo.InvariantCulture))
            .Set("Adapter:UseXml", "--xml", null, xml is { } useXml ? (useXml ? "true" : "false") : null)
            .SetLogLevel(logLevel);
        var role = new RoleDefinition
        {
            ServiceName = "paymentswitch-adapter-" + profile.Id.Value,
            NatsClientName = _ => "paymentswitch-adapter-" + profile.Id.Value,
            CommandLine = commandLine,
            ConfigureServices = role =>
            {
                role.AddValidatedOptions<AdapterServiceOptions>("Adapter");
                role.AddValidatedOptions<AdapterSimulationOptions>("Adapter");
                role.Services.AddSingleton(topology);
                role.Services.AddSingleton(profile);
                role.Services.AddHostedService<AdapterRole>();
            },
            Describe = services =>
            {
                var options = services.GetRequiredService<IOptions<AdapterServiceOptions>>().Value;
                var bus = services.GetRequiredService<BusConnection>().Bus;
                return (
                    $"adapter {profile.Id} running on {bus.Description}: {profile.Banks.Count} banks, {profile.Proxies.Count} proxies registered with the hub, {(options.UseXml ? "ISO 20022 XML" : "MessagePack")}; Ctrl+C stops it.",
                    "adapter " + profile.Id.Value);
            },
        };
        return RoleHost.RunAsync(console, role, cancellationToken);
    }

    /// <summary>The adapter profile of an IPS; otherwise an error listing the IPSs that have one.</summary>
    internal static bool TryGetProfile(CliConsole console, AdapterProfiles profiles, string option, string? text, out NationalSwitchProfile profile)
    {
        foreach (var candidate in profiles.Switches)
        {
            if (string.Equals(candidate.Id.Value, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                profile = candidate;
                return true;
            }
        }

        profile = null!;
        console.Error.WriteLine($"error: {option} {text}: no such IPS; expected one of {string.Join(", ", profiles.Switches.Select(static s => s.Id.Value))}");
        return false;
    }

    /// <summary>Starts an adapter: subscribes and registers its proxies with the hub; a missing hub is a one-line error.</summary>
    internal static async Task<bool> StartAsync(CliConsole console, AdapterService adapter, IMessageBus bus, CancellationToken cancellationToken)
    {
        try
        {
            await adapter.StartAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (DescribeStartFailure(ex, adapter, bus) is { } message)
        {
            console.Error.WriteLine($"error: {message}");
            return false;
        }
    }

    /// <summary>One line for an expected failure of <see cref="AdapterService.StartAsync"/> (no hub, bus fault, bad state); <c>null</c> for any other exception.</summary>
    internal static string? DescribeStartFailure(Exception exception, AdapterService adapter, IMessageBus bus) => exception switch
    {
        NoRespondersException => $"no hub answers on {bus.Description}, so {adapter.Ips} cannot register its proxy directory; start 'paymentswitch hub' first",
        BusException ex => $"adapter {adapter.Ips} could not start on {bus.Description}: {ex.Message}",
        InvalidOperationException ex => ex.Message,
        _ => null,
    };

    /// <summary>Whether an adapter of <paramref name="ips"/> answers on the bus (its proxy directory replies, even to an empty request).</summary>
    internal static async Task<bool> IsRunningAsync(IMessageBus bus, IpsId ips, CancellationToken cancellationToken)
    {
        try
        {
            await bus.RequestAsync(Services.Protocol.ProtocolSubjects.IpsLookup(ips), ReadOnlyMemory<byte>.Empty, null, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (NoRespondersException)
        {
            return false;
        }
        catch (BusTimeoutException)
        {
            // Something subscribes but does not answer: treat it as a running adapter, so send never competes with it.
            return true;
        }
    }
}
