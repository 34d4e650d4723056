using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Fx;

namespace PaymentSwitch.Cli;

/// <summary>
/// <c>paymentswitch fxp --id CIBBMYKLXXX [--nats URL] [--interval 5s] [--seed N] [--max-step-bps N]</c>: runs one FX
/// provider service until Ctrl+C. It publishes a rate sheet for every pair the provider quotes in the reference data on
/// <c>ps.v1.fx.rates.&lt;BIC&gt;</c>, then again every interval after a seeded random walk of the mid rates; the hub
/// must already run (the first sheets are requests it answers). It runs on the Generic Host (<see cref="RoleHost"/>;
/// configuration sections <c>FxProvider</c> and <c>Nats</c>).
/// </summary>
internal static class FxpCommand
{
    private static readonly TimeSpan IntervalMin = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IntervalMax = TimeSpan.FromMinutes(20);

    public static Command Create(CliConsole console)
    {
        var nats = BusCommandSupport.NatsOption();
        var id = new Option<string>("--id") { Description = "The FX provider's BIC, e.g. CIBBMYKLXXX (CIMB) or DBSSSGSGXXX (DBS).", Required = true };
        var interval = new Option<string>("--interval") { Description = "How often to move the mid rates and publish every sheet again: 1s to 20m (FxProvider:Interval).", DefaultValueFactory = static _ => "5s" };
        var seed = new Option<long>("--seed") { Description = "Seed of the random walk of the mid rates: the same seed gives the same rates (FxProvider:Seed).", DefaultValueFactory = static _ => 20261122 };
        var maxStep = new Option<int>("--max-step-bps") { Description = "The largest move of a mid rate per interval, in whole basis points (0 to 100) (FxProvider:MaxStepBps).", DefaultValueFactory = static _ => 3 };
        var logLevel = HubCommand.LogLevelOption();
        var command = new Command("fxp", "Run one FX provider on a NATS server until Ctrl+C: publishes its live rate sheets to the hub, which quotes from them.")
        {
            nats, id, interval, seed, maxStep, logLevel,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            CommandLineSettings.Given(parse, nats),
            parse.GetValue(id)!,
            CommandLineSettings.Given(parse, interval),
            CommandLineSettings.Given(parse, seed),
            CommandLineSettings.Given(parse, maxStep),
            CommandLineSettings.Given(parse, logLevel),
            cancellationToken));
        return command;
    }

    /// <summary>Runs an FX provider; each optional setting is <c>null</c> when not given on the command line (configuration or the default decides).</summary>
    internal static Task<int> RunAsync(
        CliConsole console, string? natsUrl, string idText, string? intervalText, long? seed, int? maxStepBps, string? logLevel, CancellationToken cancellationToken)
    {
        var topology = Topology.LoadDefault();
        if (!TryGetProvider(console, topology, idText, out var provider))
        {
            return Task.FromResult(Cli.Usage);
        }

        var commandLine = new CommandLineSettings()
            .Set("Nats:Url", "--nats", natsUrl)
            .Set("FxProvider:Seed", "--seed", seed?.ToString(CultureInfo.InvariantCulture))
            .SetLogLevel(logLevel);
        if (intervalText is not null)
        {
            if (!BusCommandSupport.TryParseDuration(console, "--interval", intervalText, IntervalMin, IntervalMax, out var interval))
            {
                return Task.FromResult(Cli.Usage);
            }

            commandLine.SetDuration("FxProvider:Interval", "--interval", intervalText, interval);
        }

        if (maxStepBps is { } step)
        {
            if (step is < 0 or > 100)
            {
                console.Error.WriteLine($"error: --max-step-bps {step}: expected 0 to 100");
                return Task.FromResult(Cli.Usage);
            }

            commandLine.Set("FxProvider:MaxStepBps", "--max-step-bps", step.ToString(CultureInfo.InvariantCulture));
        }

        var role = new RoleDefinition
        {
            ServiceName = "paymentswitch-fxp-" + provider.Bic.Value,
            NatsClientName = _ => "paymentswitch-fxp-" + provider.Bic.Value,
            CommandLine = commandLine,
            ConfigureServices = role =>
            {
                role.AddValidatedOptions<FxProviderServiceOptions>("FxProvider");
                role.Services.AddSingleton(provider);
                role.Services.AddHostedService<FxProviderRole>();
            },
            Describe = services =>
            {
                var options = services.GetRequiredService<IOptions<FxProviderServiceOptions>>().Value;
                var bus = services.GetRequiredService<BusConnection>().Bus;
                return (
                    $"fxp {provider.Bic} ({provider.Name}) running on {bus.Description}: {provider.RateSheets.Count} rate sheets, published every {BusCommandSupport.Format(options.Interval)}, each valid for {BusCommandSupport.Format(options.EffectiveValidFor)}; Ctrl+C stops it.",
                    "fxp " + provider.Bic.Value);
            },
        };
        return RoleHost.RunAsync(console, role, cancellationToken);
    }

    /// <summary>An FX provider of the reference data (BIC8 or BIC11); otherwise an error listing the valid ids.</summary>
    internal static bool TryGetProvider(CliConsole console, Topology topology, string? text, out FxProviderDefinition provider)
    {
        if (Bic.TryParse(text?.Trim().ToUpperInvariant(), out var bic, out _) && topology.TryGetFxProvider(bic, out provider))
        {
            return true;
        }

        provider = null!;
        console.Error.WriteLine($"error: --id {text}: not an FX provider of the reference data; expected one of {string.Join(", ", topology.FxProviders.Select(static p => p.Bic.Value))}");
        return false;
    }
}
