using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PaymentSwitch.LoadRunner;
using PaymentSwitch.LoadTest.Reports;
using Spectre.Console;

namespace PaymentSwitch.Cli;

/// <summary>
/// <c>paymentswitch bench</c>: the load harness. Runs the whole switch on a real nats-server, measures the raw NATS
/// ceiling, offers payments open loop (one rate or a sweep) or closed loop, and writes the results folder (JSON, CSV,
/// PNG plots, Markdown and HTML summary). See bench/README.md.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var mode = new Option<LoadMode>("--mode") { Description = "open (one offered rate), sweep (several rates) or closed (find the maximum).", DefaultValueFactory = static _ => LoadMode.Open };
        var rate = new Option<decimal>("--rate") { Description = "Offered payments per second of an open-loop run.", DefaultValueFactory = static _ => 10_000m };
        var rates = new Option<string?>("--rates") { Description = "Offered rates of a sweep, comma-separated (default 1000,2500,5000,10000,15000,20000,25000)." };
        var concurrency = new Option<int>("--concurrency") { Description = "Payments in flight at once in closed loop.", DefaultValueFactory = static _ => 512 };
        var duration = new Option<string>("--duration") { Description = "Length of each measured step: 30s, 2m, 500ms.", DefaultValueFactory = static _ => "30s" };
        var warmUp = new Option<string>("--warmup") { Description = "Unrecorded load before measuring, which also counts the messages per payment.", DefaultValueFactory = static _ => "5s" };
        var drain = new Option<string>("--drain") { Description = "How long a step waits for answers after its last send; later ones count as timed out.", DefaultValueFactory = static _ => "10s" };
        var corridors = new Option<string[]>("--corridor") { Description = "Corridor mix, repeatable: SOURCE>DESTINATION[=WEIGHT], e.g. SG-FAST>TH-PROMPTPAY=3 (default: every open corridor).", AllowMultipleArgumentsPerToken = true };
        var amounts = new Option<AmountProfile>("--amounts") { Description = "Payment sizes: retail (median ~USD 100), small (a tenth) or large (ten times).", DefaultValueFactory = static _ => AmountProfile.Retail };
        var proxyShare = new Option<decimal>("--proxy-share") { Description = "Percent of payments addressed by proxy.", DefaultValueFactory = static _ => 60m };
        var crossCurrencyShare = new Option<decimal>("--cross-currency-share") { Description = "Percent of payments crossing currencies (FX quote, two ledger legs); the rest go between two IPSs of one currency (no quote, one leg). Below 100 needs a topology with a same-currency corridor, e.g. --topology bench/topologies/asean-eur.json; the default ASEAN topology has none.", DefaultValueFactory = static _ => 100m };
        var topology = new Option<string?>("--topology") { Description = "Hub reference data JSON (docs/reference-data.md) instead of the embedded ASEAN + India topology, e.g. bench/topologies/asean-eur.json." };
        var profiles = new Option<string?>("--profiles") { Description = "Adapter profiles JSON (docs/adapters.md) for the topology (default: <topology name>-adapters.json beside --topology if present, else the embedded ASEAN + India profiles)." };
        var highShare = new Option<decimal>("--high-priority-share") { Description = "Percent of HIGH priority payments where both IPSs support it.", DefaultValueFactory = static _ => 70m };
        var latency = new Option<int>("--destination-latency-ms") { Description = "Each destination IPS's answer time in ms.", DefaultValueFactory = static _ => 0 };
        var realistic = new Option<bool>("--realistic") { Description = "Run the IPSs' published behaviour profiles (latency tables, random rejections, outages) and real balances." };
        var hubs = new Option<int>("--hubs") { Description = "Hub instances sharing the payments, partitioned by UETR (1 to 64; docs/protocol.md, \"Several hub instances\").", DefaultValueFactory = static _ => 1 };
        var maxInFlight = new Option<int>("--max-in-flight") { Description = "Each adapter's admission limit: payments in flight at once before the next is refused at the source (NARR); 0 for none.", DefaultValueFactory = static _ => 256 };
        var nats = new Option<string?>("--nats") { Description = "Run on this NATS server (nats://host:port) instead of a private one." };
        var natsMonitor = new Option<string?>("--nats-monitor") { Description = "The monitoring endpoint of --nats (http://host:8222), to count messages per payment." };
        var noCeiling = new Option<bool>("--no-ceiling") { Description = "Skip the raw NATS ceiling measurement." };
        var ceilingDuration = new Option<string>("--ceiling-duration") { Description = "How long the raw NATS ceiling is measured.", DefaultValueFactory = static _ => "5s" };
        var seed = new Option<long>("--seed") { Description = "Seed of the workload and the IPSs' behaviour.", DefaultValueFactory = static _ => 20261122 };
        var pool = new Option<int>("--pool") { Description = "Distinct payments generated, then offered round-robin.", DefaultValueFactory = static _ => 50_000 };
        var output = new Option<string?>("--output", "-o") { Description = "Results folder (default: bench-results/<UTC time>)." };
        var checkTargets = new Option<bool>("--check-targets") { Description = "Exit 3 when a target (25,000/s sustained, ceiling ratio 0.5, p99 10 ms at 10,000/s) is missed." };
        var command = new Command("bench", "Load-test the switch end to end on nats-server: open loop, sweep or closed loop; ceiling ratio; JSON, CSV, plots and summary.")
        {
            mode, rate, rates, concurrency, duration, warmUp, drain, topology, profiles, corridors, amounts, proxyShare, crossCurrencyShare, highShare, latency, realistic,
            hubs, maxInFlight, nats, natsMonitor, noCeiling, ceilingDuration, seed, pool, output, checkTargets,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var errors = new List<string>();
            var options = new LoadRunOptions
            {
                Mode = parse.GetValue(mode),
                Rate = parse.GetValue(rate),
                Concurrency = parse.GetValue(concurrency),
                Duration = Duration(parse.GetValue(duration)!, "--duration", errors),
                WarmUp = Duration(parse.GetValue(warmUp)!, "--warmup", errors),
                Drain = Duration(parse.GetValue(drain)!, "--drain", errors),
                TopologyFile = FileName(parse.GetValue(topology), "--topology", errors),
                ProfilesFile = FileName(parse.GetValue(profiles), "--profiles", errors),
                Amounts = parse.GetValue(amounts),
                ProxyShareBps = Bps(parse.GetValue(proxyShare), "--proxy-share", errors),
                CrossCurrencyShareBps = Bps(parse.GetValue(crossCurrencyShare), "--cross-currency-share", errors),
                HighPriorityShareBps = Bps(parse.GetValue(highShare), "--high-priority-share", errors),
                DestinationLatencyMs = parse.GetValue(latency),
                RealisticBehaviour = parse.GetValue(realistic),
                HubInstances = parse.GetValue(hubs),
                AdapterMaxInFlight = parse.GetValue(maxInFlight),
                NatsUrl = parse.GetValue(nats),
                NatsMonitoringUrl = parse.GetValue(natsMonitor),
                MeasureCeiling = !parse.GetValue(noCeiling),
                CeilingDuration = Duration(parse.GetValue(ceilingDuration)!, "--ceiling-duration", errors),
                Seed = parse.GetValue(seed),
                PoolSize = parse.GetValue(pool),
                OutputDirectory = parse.GetValue(output) is { Length: > 0 } folder
                    ? folder
                    : Path.Combine("bench-results", console.Time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)),
            };
            if (parse.GetValue(rates) is { } list)
            {
                options.SweepRates = Rates(list, errors);
            }

            options.Corridors = [.. (parse.GetValue(corridors) ?? []).Select(text => CorridorWeight.TryParse(text, out var corridor, out var error) ? corridor : Error(errors, "--corridor: " + error))
                .OfType<CorridorWeight>()];
            return RunAsync(console, options, errors, parse.GetValue(checkTargets), cancellationToken);
        });
        return command;
    }

    internal static async Task<int> RunAsync(CliConsole console, LoadRunOptions options, IReadOnlyList<string> parseErrors, bool checkTargets, CancellationToken cancellationToken)
    {
        var usage = parseErrors.ToList();
        if (usage.Count == 0)
        {
            try
            {
                options.ThrowIfInvalid();
            }
            catch (ValidationException invalid)
            {
                usage.Add(invalid.Message);
            }
        }

        // The reference files and the options that must fit them are checked before anything starts, so a bad
        // --topology or --profiles, or a share the topology cannot offer, is a usage error listing the reasons rather
        // than a failure under the progress display. The run loads the files again (a few milliseconds).
        if (usage.Count == 0)
        {
            if (!LoadReferenceData.TryLoad(options, out var reference, out var referenceErrors))
            {
                usage.AddRange(referenceErrors);
            }
            else
            {
                try
                {
                    LoadWorkload.ThrowIfUnfit(reference!.Profiles, options);
                }
                catch (ArgumentException unfit)
                {
                    usage.Add(UsageMessage(unfit));
                }
            }
        }

        if (usage.Count > 0)
        {
            foreach (var error in usage)
            {
                console.Error.WriteLine("error: " + error);
            }

            return Cli.Usage;
        }

        var ui = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Output) });
        // Redirected output (CI logs, files) reports a width of 80, which folds the step table; logs have room for more.
        ui.Profile.Width = Math.Max(ui.Profile.Width, 160);
        ui.Write(new Rule("[bold]PaymentSwitch bench[/]: payments end to end through nats-server").LeftJustified());
        using var loggers = LoggerFactory.Create(static builder => builder.AddSimpleConsole(static o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        LoadRunReport report;
        try
        {
            report = await ui.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var display = new ProgressDisplay(context);
                    var result = await LoadRun.RunAsync(options, console.Time, loggers, display, cancellationToken).ConfigureAwait(false);
                    display.Finish();
                    return result;
                }).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is FileNotFoundException or ArgumentException or ValidationException)
        {
            console.Error.WriteLine("error: " + UsageMessage(failure));
            return Cli.Usage;
        }

        var folder = Path.GetFullPath(options.OutputDirectory);
        ReportWriter.WriteAll(report, folder);
        ui.Write(Summary(report));
        ui.Write(Targets(report));
        ui.MarkupLine($"Results: [bold]{Markup.Escape(folder)}[/] (summary.md, summary.html, results.json, steps.csv, timeline.csv, *.png)");
        return checkTargets && report.Targets.Any(static t => t.Status == TargetStatus.Failed) ? 3 : Cli.Ok;
    }

    /// <summary>Parses <c>30s</c>, <c>2m</c>, <c>500ms</c>, <c>1h</c>, a bare number of seconds, or <c>hh:mm:ss</c>.</summary>
    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        var (number, unit) = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (text[..^2], 0.001m)
            : text.EndsWith('s') ? (text[..^1], 1m)
            : text.EndsWith('m') ? (text[..^1], 60m)
            : text.EndsWith('h') ? (text[..^1], 3_600m)
            : (text, 1m);
        if (decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            duration = TimeSpan.FromTicks((long)(value * unit * TimeSpan.TicksPerSecond));
            return true;
        }

        return text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
    }

    private static TimeSpan Duration(string text, string option, List<string> errors) =>
        TryParseDuration(text, out var duration) ? duration : Error<TimeSpan>(errors, $"{option}: '{text}' is not a duration such as 30s, 2m or 500ms");

    // An ArgumentException's message ends with " (Parameter 'options')": true, but noise for the person at the terminal.
    private static string UsageMessage(Exception failure) =>
        failure is ArgumentException { ParamName: { } name }
            ? failure.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : failure.Message;

    private static string? FileName(string? path, string option, List<string> errors) =>
        path is null || path.Trim().Length > 0 ? path?.Trim() : Error<string?>(errors, $"{option} needs a file name");

    private static int Bps(decimal percent, string option, List<string> errors) =>
        percent is >= 0 and <= 100 ? (int)(percent * 100) : Error<int>(errors, $"{option} must be a percentage from 0 to 100");

    private static decimal[] Rates(string list, List<string> errors)
    {
        var rates = new List<decimal>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (decimal.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                rates.Add(value);
            }
            else
            {
                errors.Add($"--rates: '{part}' is not a positive number of payments per second");
            }
        }

        return [.. rates];
    }

    private static T Error<T>(List<string> errors, string message)
    {
        errors.Add(message);
        return default!;
    }

    private static CorridorWeight? Error(List<string> errors, string message)
    {
        errors.Add(message);
        return null;
    }

    private static Table Summary(LoadRunReport report)
    {
        var table = new Table().Title("[bold]Steps[/] (latency in ms from each payment's intended send time)")
            .AddColumns("step", "sent", "answered/s", "× ceiling", "p50", "p90", "p99", "p99.9", "max", "accepted", "rejected", "timed out", "CPU %");
        foreach (var column in table.Columns.Skip(1))
        {
            column.RightAligned().NoWrap();
        }

        foreach (var step in report.Steps)
        {
            table.AddRow(
                Markup.Escape(step.Label),
                Count(step.Sent),
                Measured((decimal)step.AchievedRate, "#,0"),
                step.CeilingRatio is { } ratio ? Measured((decimal)ratio, "0.000") : "-",
                Millis(step.Latency.P50Micros),
                Millis(step.Latency.P90Micros),
                Millis(step.Latency.P99Micros),
                Millis(step.Latency.P999Micros),
                Millis(step.Latency.MaxMicros),
                Count(step.Accepted),
                Count(step.Rejected + step.RefusedAtSource),
                Count(step.TimedOut),
                step.Process is { } process ? Measured((decimal)process.CpuUtilisationPercent, "0") : "-");
        }

        if (report.Ceiling is { } ceiling)
        {
            table.Caption(string.Create(
                CultureInfo.InvariantCulture,
                $"Raw NATS: {Measured((decimal)ceiling.RawMessagesPerSecond, "#,0")} messages/s of {ceiling.MessageSizeBytes} bytes; {Measured((decimal)ceiling.MessagesPerPayment, "0.#")} messages per payment → ceiling {Measured((decimal)ceiling.CeilingPaymentsPerSecond, "#,0")} payments/s. Answered/s counts answers that arrived while the step was sending."));
        }

        return table;
    }

    private static Table Targets(LoadRunReport report)
    {
        var table = new Table().Title("[bold]Targets[/]").AddColumns("target", "expected", "measured", "result");
        foreach (var target in report.Targets)
        {
            var result = target.Status switch
            {
                TargetStatus.Passed => "[green]met[/]",
                TargetStatus.Failed => "[red]missed[/]",
                _ => "[grey]not measured[/]",
            };
            table.AddRow(Markup.Escape(target.Name), Markup.Escape(target.Expected), Markup.Escape(target.Measured), result);
        }

        return table;
    }

    // The harness's statistics are binary floating point (they are measurements, not money); shown through decimal here.
    private static string Measured(decimal value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Millis(long micros) => (micros / 1_000m).ToString(micros < 100_000 ? "#,0.0" : "#,0", CultureInfo.InvariantCulture);

    /// <summary>One Spectre progress task per phase of the run.</summary>
    private sealed class ProgressDisplay(ProgressContext context) : IProgress<LoadProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public void Finish()
        {
            lock (_gate)
            {
                foreach (var task in _tasks.Values)
                {
                    task.IsIndeterminate = false;
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            }
        }

        public void Report(LoadProgress value)
        {
            lock (_gate)
            {
                if (!_tasks.TryGetValue(value.Phase, out var task))
                {
                    foreach (var previous in _tasks.Values.Where(static t => !t.IsFinished))
                    {
                        previous.Value = previous.MaxValue;
                        previous.StopTask();
                    }

                    var title = value.StepIndex < 0 ? value.Phase : $"step {value.StepIndex + 1}/{value.StepCount}: {value.Phase}";
                    task = context.AddTask(Markup.Escape(title), maxValue: Math.Max(1, value.Planned));
                    if (value.Planned == 0)
                    {
                        task.IsIndeterminate = true;
                    }

                    _tasks[value.Phase] = task;
                }

                if (value.Planned > 0)
                {
                    // Progress is answered payments: sending ends on time, the bar ends when the answers are in.
                    task.Value = Math.Min(value.Completed, value.Planned);
                }

                task.Description = Markup.Escape(value.StepIndex < 0 ? value.Phase : $"step {value.StepIndex + 1}/{value.StepCount}: {value.Phase}")
                    + (value.Draining ? " [grey](draining)[/]" : string.Empty);
            }
        }
    }
}
