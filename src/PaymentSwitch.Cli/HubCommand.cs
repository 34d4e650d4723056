using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Services.Hub;

namespace PaymentSwitch.Cli;

/// <summary>
/// <c>paymentswitch hub [--nats URL] [--settlement-interval 1h] [--instance-id H1] [--partition 0/1]</c>: runs the hub
/// service on a NATS server until Ctrl+C (or SIGTERM), on the Generic Host (<see cref="RoleHost"/>): the options may come
/// from appsettings.json (sections <c>Hub</c> and <c>Nats</c>) and <c>PAYMENTSWITCH_*</c> variables too, the command
/// line winning. Several hubs share one server as instances of a split hub: start each with <c>--partition i/n</c> and
/// its own <c>--instance-id</c>; each decides the payments of its UETR partition (docs/protocol.md, "Several hub instances").
/// </summary>
internal static partial class HubCommand
{
    public static Command Create(CliConsole console)
    {
        var nats = BusCommandSupport.NatsOption();
        var interval = new Option<string>("--settlement-interval") { Description = "How often a settlement cycle closes on its own: 30s, 15m, 1h or hh:mm:ss (Hub:SettlementInterval).", DefaultValueFactory = static _ => "1h" };
        var instanceId = new Option<string>("--instance-id") { Description = "A short id of this hub instance in every message id it issues: letters and digits, at most 8 (Hub:InstanceId).", DefaultValueFactory = static _ => "H1" };
        var partition = new Option<string>("--partition") { Description = "Run as instance i of n hub instances that share the payments by UETR, e.g. 0/2 and 1/2 (Hub:Partition, Hub:Partitions; docs/protocol.md, \"Several hub instances\").", DefaultValueFactory = static _ => "0/1" };
        var logLevel = LogLevelOption();
        var command = new Command("hub", "Run the hub service on a NATS server until Ctrl+C: payments, quotes, proxy lookups, deadlines and settlement.")
        {
            nats, interval, instanceId, partition, logLevel,
        };

        // Only the options given explicitly override the configuration; a default leaves appsettings.json's value alone.
        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            CommandLineSettings.Given(parse, nats),
            CommandLineSettings.Given(parse, interval),
            CommandLineSettings.Given(parse, instanceId),
            CommandLineSettings.Given(parse, logLevel),
            CommandLineSettings.Given(parse, partition),
            cancellationToken));
        return command;
    }

    /// <summary>The <c>--log-level</c> option of the long-running commands.</summary>
    internal static Option<string> LogLevelOption()
    {
        var option = new Option<string>("--log-level") { Description = "Console log level: debug, information, warning or error (Logging:LogLevel:Default).", DefaultValueFactory = static _ => "information" };
        return BusCommandSupport.OneOf(option, "debug", "information", "warning", "error");
    }

    /// <summary>Runs the hub; each option is <c>null</c> when not given on the command line (configuration or the default decides).</summary>
    internal static Task<int> RunAsync(CliConsole console, string? natsUrl, string? intervalText, string? instanceId, string? logLevel, string? partitionText, CancellationToken cancellationToken)
    {
        var commandLine = new CommandLineSettings().Set("Nats:Url", "--nats", natsUrl).SetLogLevel(logLevel);
        if (intervalText is not null)
        {
            if (!BusCommandSupport.TryParseDuration(console, "--settlement-interval", intervalText, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7), out var interval))
            {
                return Task.FromResult(Cli.Usage);
            }

            commandLine.SetDuration("Hub:SettlementInterval", "--settlement-interval", intervalText, interval);
        }

        if (instanceId is not null)
        {
            // Options validation would refuse it too (as Hub:InstanceId); this says the rule in words.
            if (!InstanceIdPattern().IsMatch(instanceId))
            {
                console.Error.WriteLine($"error: --instance-id {instanceId}: letters and digits only, 1 to 8 of them");
                return Task.FromResult(Cli.Usage);
            }

            commandLine.Set("Hub:InstanceId", "--instance-id", instanceId);
        }

        if (partitionText is not null)
        {
            if (!TryParsePartition(partitionText, out var partition))
            {
                console.Error.WriteLine($"error: --partition {partitionText}: write i/n with 0 <= i < n <= {HubPartition.MaxCount}, e.g. 0/2 for the first of two instances");
                return Task.FromResult(Cli.Usage);
            }

            commandLine.Set("Hub:Partition", "--partition", partition.Index.ToString(CultureInfo.InvariantCulture));
            commandLine.Set("Hub:Partitions", "--partition", partition.Count.ToString(CultureInfo.InvariantCulture));
        }

        var topology = Topology.LoadDefault();
        var role = new RoleDefinition
        {
            ServiceName = "paymentswitch-hub",
            NatsClientName = static configuration => "paymentswitch-hub-" + (configuration["Hub:InstanceId"] ?? new HubServiceOptions().InstanceId),
            CommandLine = commandLine,
            ConfigureServices = role =>
            {
                role.AddValidatedOptions<HubServiceOptions>("Hub", CheckEngine);
                role.Services.AddSingleton(topology);
                role.Services.AddHostedService<HubRole>();
            },
            Describe = services =>
            {
                var options = services.GetRequiredService<IOptions<HubServiceOptions>>().Value;
                var bus = services.GetRequiredService<BusConnection>().Bus;
                return (
                    $"hub {options.InstanceId} running on {bus.Description}: {topology.Ips.Count} IPSs, {topology.Participants.Count} participants, settlement every {BusCommandSupport.Format(options.SettlementInterval)}; Ctrl+C stops it.",
                    "hub " + options.InstanceId);
            },
        };
        return RoleHost.RunAsync(console, role, cancellationToken);
    }

    // HubEngineOptions has no attributes: its own Validate() throws, which becomes a failure naming Hub:Engine:<member>.
    private static List<(string Member, string Message)> CheckEngine(HubServiceOptions options)
    {
        if (options.Partition >= options.Partitions)
        {
            return [(nameof(HubServiceOptions.Partition), $"must be below Hub:Partitions ({options.Partitions}): instances are numbered from 0")];
        }

        try
        {
            options.Engine.Validate();
            return [];
        }
        catch (ArgumentOutOfRangeException ex)
        {
            var message = ex.Message.Split('\n')[0].Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal).Trim();
            return [("Engine:" + ex.ParamName, message)];
        }
    }

    internal static bool TryParsePartition(string text, out HubPartition partition)
    {
        partition = HubPartition.Whole;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1 || count > HubPartition.MaxCount || index >= count)
        {
            return false;
        }

        partition = new HubPartition(index, count);
        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,8}$")]
    private static partial Regex InstanceIdPattern();
}
