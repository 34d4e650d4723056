using System.CommandLine;
using Microsoft.Extensions.Logging;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Fx;

namespace PaymentSwitch.Cli;

/// <summary>
/// <c>paymentswitch fxp --id CIBBMYKLXXX [--nats URL] [--interval 5s] [--seed N] [--max-step-bps N]</c>: runs one FX
/// provider service until Ctrl+C. It publishes a rate sheet for every pair the provider quotes in the reference data on
/// <c>ps.v1.fx.rates.&lt;BIC&gt;</c>, then again every interval after a seeded random walk of the mid rates; the hub
/// must already run (the first sheets are requests it answers).
/// </summary>
internal static class FxpCommand
{
    private static readonly TimeSpan IntervalMin = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IntervalMax = TimeSpan.FromMinutes(20);

    public static Command Create(CliConsole console)
    {
        var nats = BusCommandSupport.NatsOption();
        var id = new Option<string>("--id") { Description = "The FX provider's BIC, e.g. CIBBMYKLXXX (CIMB) or DBSSSGSGXXX (DBS).", Required = true };
        var interval = new Option<string>("--interval") { Description = "How often to move the mid rates and publish every sheet again: 1s to 20m.", DefaultValueFactory = static _ => "5s" };
        var seed = new Option<long>("--seed") { Description = "Seed of the random walk of the mid rates: the same seed gives the same rates.", DefaultValueFactory = static _ => 20261122 };
        var maxStep = new Option<int>("--max-step-bps") { Description = "The largest move of a mid rate per interval, in whole basis points (0 to 100).", DefaultValueFactory = static _ => 3 };
        var logLevel = HubCommand.LogLevelOption();
        var command = new Command("fxp", "Run one FX provider on a NATS server until Ctrl+C: publishes its live rate sheets to the hub, which quotes from them.")
        {
            nats, id, interval, seed, maxStep, logLevel,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console, parse.GetValue(nats)!, parse.GetValue(id)!, parse.GetValue(interval)!, parse.GetValue(seed), parse.GetValue(maxStep), parse.GetValue(logLevel)!, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(
        CliConsole console, string natsUrl, string idText, string intervalText, long seed, int maxStepBps, string logLevel, CancellationToken cancellationToken)
    {
        var topology = Topology.LoadDefault();
        if (!TryGetProvider(console, topology, idText, out var provider))
        {
            return Cli.Usage;
        }

        if (!BusCommandSupport.TryParseDuration(console, "--interval", intervalText, IntervalMin, IntervalMax, out var interval))
        {
            return Cli.Usage;
        }

        if (maxStepBps is < 0 or > 100)
        {
            console.Error.WriteLine($"error: --max-step-bps {maxStepBps}: expected 0 to 100");
            return Cli.Usage;
        }

        var options = new FxProviderServiceOptions { Interval = interval, Seed = seed, MaxStepBps = maxStepBps };
        using var loggers = HubCommand.CreateLoggers(logLevel);
        await using var bus = await BusCommandSupport.ConnectAsync(console, natsUrl, "paymentswitch-fxp-" + provider.Bic.Value, loggers, cancellationToken).ConfigureAwait(false);
        if (bus is null)
        {
            return Cli.Usage;
        }

        await using var service = new FxProviderService(bus, provider, console.Time, options, loggers.CreateLogger<FxProviderService>());
        try
        {
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NoRespondersException)
        {
            console.Error.WriteLine($"error: no hub answers on {bus.Description}, so {provider.Bic} cannot publish its rate sheets; start 'paymentswitch hub' first");
            return Cli.Usage;
        }
        catch (BusException ex)
        {
            console.Error.WriteLine($"error: FX provider {provider.Bic} could not start on {bus.Description}: {ex.Message}");
            return Cli.Usage;
        }
        catch (InvalidOperationException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return Cli.Invalid;
        }

        console.Output.WriteLine(
            $"fxp {provider.Bic} ({provider.Name}) running on {bus.Description}: {provider.RateSheets.Count} rate sheets, published every {BusCommandSupport.Format(interval)}, each valid for {BusCommandSupport.Format(options.EffectiveValidFor)}; Ctrl+C stops it.");
        console.Output.Flush();
        return await HubCommand.RunUntilCancelledAsync(console, "fxp " + provider.Bic.Value, cancellationToken).ConfigureAwait(false);
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
