using System.CommandLine;
using Microsoft.Extensions.Logging;
using PaymentSwitch.Adapters;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Adapters;

namespace PaymentSwitch.Cli;

/// <summary>
/// <c>paymentswitch adapter --ips SG-FAST [--nats URL] [--seed N] [--xml]</c>: runs one national instant payment
/// system's adapter (the simulated IPS of the default adapter profiles) until Ctrl+C. It answers the payments the hub
/// forwards to that IPS and its proxy directory's lookups; it registers the directory with the hub when it starts, so
/// the hub must already run.
/// </summary>
internal static class AdapterCommand
{
    public static Command Create(CliConsole console)
    {
        var nats = BusCommandSupport.NatsOption();
        var ips = new Option<string>("--ips") { Description = "The IPS to run, e.g. SG-FAST, TH-PROMPTPAY, MY-DUITNOW.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed of the simulated IPS's behaviour (latency, random rejections).", DefaultValueFactory = static _ => 20261122 };
        var xml = new Option<bool>("--xml") { Description = "Speak ISO 20022 XML to the hub instead of MessagePack." };
        var logLevel = HubCommand.LogLevelOption();
        var command = new Command("adapter", "Run one national IPS's adapter on a NATS server until Ctrl+C: answers forwarded payments and proxy lookups for that IPS.")
        {
            nats, ips, seed, xml, logLevel,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console, parse.GetValue(nats)!, parse.GetValue(ips)!, parse.GetValue(seed), parse.GetValue(xml), parse.GetValue(logLevel)!, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(CliConsole console, string natsUrl, string ipsText, long seed, bool xml, string logLevel, CancellationToken cancellationToken)
    {
        var topology = Topology.LoadDefault();
        var profiles = AdapterProfiles.LoadDefault(topology);
        if (!TryGetProfile(console, profiles, "--ips", ipsText, out var profile))
        {
            return Cli.Usage;
        }

        using var loggers = HubCommand.CreateLoggers(logLevel);
        await using var bus = await BusCommandSupport.ConnectAsync(console, natsUrl, "paymentswitch-adapter-" + profile.Id.Value, loggers, cancellationToken).ConfigureAwait(false);
        if (bus is null)
        {
            return Cli.Usage;
        }

        var nationalSwitch = new NationalSwitch(profile, topology, console.Time, seed);
        await using var adapter = new AdapterService(bus, nationalSwitch, console.Time, new AdapterServiceOptions { UseXml = xml }, loggers.CreateLogger<AdapterService>());
        if (!await StartAsync(console, adapter, bus, cancellationToken).ConfigureAwait(false))
        {
            return Cli.Usage;
        }

        console.Output.WriteLine($"adapter {profile.Id} running on {bus.Description}: {profile.Banks.Count} banks, {profile.Proxies.Count} proxies registered with the hub, {(xml ? "ISO 20022 XML" : "MessagePack")}; Ctrl+C stops it.");
        console.Output.Flush();
        return await HubCommand.RunUntilCancelledAsync(console, "adapter " + profile.Id.Value, cancellationToken).ConfigureAwait(false);
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
        catch (NoRespondersException)
        {
            console.Error.WriteLine($"error: no hub answers on {bus.Description}, so {adapter.Ips} cannot register its proxy directory; start 'paymentswitch hub' first");
        }
        catch (BusException ex)
        {
            console.Error.WriteLine($"error: adapter {adapter.Ips} could not start on {bus.Description}: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
        }

        return false;
    }

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
