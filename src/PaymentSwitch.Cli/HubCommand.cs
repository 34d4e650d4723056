using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Hub;

namespace PaymentSwitch.Cli;

/// <summary>
/// <c>paymentswitch hub [--nats URL] [--settlement-interval 1h] [--instance-id H1]</c>: runs the hub service on a NATS
/// server until Ctrl+C (or SIGTERM), which System.CommandLine turns into the action's cancellation token. Several hubs
/// may run against one server: they share the queue group, so each message reaches one of them (each keeps its own
/// ledger, so for one coherent settlement run one).
/// </summary>
internal static partial class HubCommand
{
    public static Command Create(CliConsole console)
    {
        var nats = BusCommandSupport.NatsOption();
        var interval = new Option<string>("--settlement-interval") { Description = "How often a settlement cycle closes on its own: 30s, 15m, 1h or hh:mm:ss.", DefaultValueFactory = static _ => "1h" };
        var instanceId = new Option<string>("--instance-id") { Description = "A short id of this hub instance in every message id it issues: letters and digits, at most 8.", DefaultValueFactory = static _ => "H1" };
        var logLevel = LogLevelOption();
        var command = new Command("hub", "Run the hub service on a NATS server until Ctrl+C: payments, quotes, proxy lookups, deadlines and settlement.")
        {
            nats, interval, instanceId, logLevel,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console, parse.GetValue(nats)!, parse.GetValue(interval)!, parse.GetValue(instanceId)!, parse.GetValue(logLevel)!, cancellationToken));
        return command;
    }

    /// <summary>The <c>--log-level</c> option of the long-running commands.</summary>
    internal static Option<string> LogLevelOption()
    {
        var option = new Option<string>("--log-level") { Description = "Console log level: debug, information, warning or error.", DefaultValueFactory = static _ => "information" };
        return BusCommandSupport.OneOf(option, "debug", "information", "warning", "error");
    }

    /// <summary>Console logging to standard error (standard output keeps the one-line banner for scripts), single lines in UTC.</summary>
    internal static ILoggerFactory CreateLoggers(string level) => LoggerFactory.Create(builder => builder
        .AddSimpleConsole(static o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        })
        .AddConsole(static o => o.LogToStandardErrorThreshold = LogLevel.Trace)

        // The NATS client and the bus log every connection they open at Information; that is detail for debugging.
        .AddFilter("NATS", level == "debug" ? LogLevel.Debug : LogLevel.Warning)
        .AddFilter("PaymentSwitch.Messaging", level == "debug" ? LogLevel.Debug : LogLevel.Warning)
        .SetMinimumLevel(level switch
        {
            "debug" => LogLevel.Debug,
            "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => LogLevel.Information,
        }));

    internal static async Task<int> RunAsync(CliConsole console, string natsUrl, string intervalText, string instanceId, string logLevel, CancellationToken cancellationToken)
    {
        if (!BusCommandSupport.TryParseDuration(console, "--settlement-interval", intervalText, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7), out var interval))
        {
            return Cli.Usage;
        }

        if (!InstanceIdPattern().IsMatch(instanceId))
        {
            console.Error.WriteLine($"error: --instance-id {instanceId}: letters and digits only, 1 to 8 of them");
            return Cli.Usage;
        }

        using var loggers = CreateLoggers(logLevel);
        await using var bus = await BusCommandSupport.ConnectAsync(console, natsUrl, "paymentswitch-hub-" + instanceId, loggers, cancellationToken).ConfigureAwait(false);
        if (bus is null)
        {
            return Cli.Usage;
        }

        var topology = Topology.LoadDefault();
        var options = new HubServiceOptions { InstanceId = instanceId, SettlementInterval = interval };
        await using var hub = new HubService(bus, topology, console.Time, options, loggers.CreateLogger<HubService>());
        try
        {
            await hub.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BusException ex)
        {
            console.Error.WriteLine($"error: the hub could not subscribe on {natsUrl}: {ex.Message}");
            return Cli.Usage;
        }

        console.Output.WriteLine($"hub {instanceId} running on {bus.Description}: {topology.Ips.Count} IPSs, {topology.Participants.Count} participants, settlement every {BusCommandSupport.Format(interval)}; Ctrl+C stops it.");
        console.Output.Flush();
        return await RunUntilCancelledAsync(console, "hub " + instanceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until Ctrl+C (SIGINT), SIGTERM or <paramref name="cancellationToken"/>, then says so; the caller's
    /// <c>await using</c> stops the service, so subscriptions are drained and connections closed before the process ends.
    /// </summary>
    internal static async Task<int> RunUntilCancelledAsync(CliConsole console, string what, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = Register(PosixSignal.SIGINT, stop);
        using var terminate = Register(PosixSignal.SIGTERM, stop);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: stop cleanly.
        }

        console.Output.WriteLine($"{what} stopping.");
        console.Output.Flush();
        return Cli.Ok;
    }

    // Cancels instead of letting the runtime end the process, so the services stop in order.
    private static PosixSignalRegistration? Register(PosixSignal signal, CancellationTokenSource stop)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,8}$")]
    private static partial Regex InstanceIdPattern();
}
