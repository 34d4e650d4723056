using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PaymentSwitch.Adapters;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Adapters.Workload;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.Ledger;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services;
using PaymentSwitch.Services.Adapters;
using Spectre.Console;

namespace PaymentSwitch.Cli;

/// <summary>
/// <c>paymentswitch demo</c>, the README's first command: the whole ASEAN switch in one process (the hub, one adapter
/// per national instant payment system, the FX providers' quotes) on a private nats-server, a realistic mix of
/// payments across every corridor including rejections and a timeout, a per-corridor table and the settlement report.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var nats = new Option<string?>("--nats") { Description = "Use this NATS server (nats://host:port) instead of starting a private one." };
        var inProcess = new Option<bool>("--in-process") { Description = "Run on the in-process bus instead of NATS." };
        var payments = new Option<int>("--payments") { Description = "How many payments to send (default 300).", DefaultValueFactory = static _ => 300 };
        var seed = new Option<long>("--seed") { Description = "Seed of the payment mix and of the IPSs' behaviour (default 2026).", DefaultValueFactory = static _ => 2026 };
        var concurrency = new Option<int>("--concurrency") { Description = "Payments in flight at once (default 32).", DefaultValueFactory = static _ => 32 };
        var command = new Command("demo", "Run the ASEAN switch: hub, national-switch adapters and FX quotes over NATS, a mix of payments, and the settlement report.")
        {
            nats, inProcess, payments, seed, concurrency,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            new DemoOptions(parse.GetValue(nats), parse.GetValue(inProcess), parse.GetValue(payments), parse.GetValue(seed), parse.GetValue(concurrency)),
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(CliConsole console, DemoOptions options, CancellationToken cancellationToken)
    {
        if (options.Payments is < 1 or > 100_000 || options.Concurrency is < 1 or > 1_024)
        {
            console.Error.WriteLine("error: --payments must be 1..100000 and --concurrency 1..1024.");
            return Cli.Usage;
        }

        var ui = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Output) });

        // Redirected output (CI logs, files) reports a width of 80, which folds the tables; logs have room for more.
        ui.Profile.Width = Math.Max(ui.Profile.Width, 120);
        ui.Write(new Rule("[bold]PaymentSwitch[/]: ASEAN cross-border instant payments through a hub").LeftJustified());
        using var loggers = LoggerFactory.Create(static builder => builder.AddSimpleConsole(static o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        await using var transport = await DemoTransport.OpenAsync(options, ui, loggers, cancellationToken).ConfigureAwait(false);
        var topology = Topology.LoadDefault();
        var profiles = AdapterProfiles.LoadDefault(topology);
        var runtimeOptions = new SwitchRuntimeOptions { Seed = options.Seed };
        runtimeOptions.Hub.PublishEvents = false;

        // A short HIGH-priority deadline so the demo's timeout shows within seconds (Nexus allows 60 s). Payments that
        // meet a destination's outage window or its slowest answers time out too, as they would in production.
        runtimeOptions.Hub.Engine = runtimeOptions.Hub.Engine with { HighPriorityTimeout = TimeSpan.FromSeconds(5) };
        // A NORM payment has no hub deadline and a destination may legitimately take longer than the demo lasts (the
        // profiles' latency tails reach a minute or more): such a payment is reported as still pending, not as an error.
        runtimeOptions.Adapter.FinalAnswerWait = TimeSpan.FromSeconds(15);
        await using var runtime = await SwitchRuntime.StartAsync(transport.Bus, profiles, console.Time, loggers, runtimeOptions, cancellationToken).ConfigureAwait(false);
        ui.MarkupLine($"Started the hub and {runtime.Adapters.Count} national-switch adapters ({string.Join(", ", runtime.Adapters.Keys.Select(static k => k.Value))}) on [bold]{Markup.Escape(transport.Bus.Description)}[/].");

        var workload = new WorkloadGenerator(profiles, new WorkloadOptions { Count = options.Payments }).Generate(options.Seed);
        var results = new List<(WorkloadItem Item, PaymentOutcome Outcome)>(workload.Count + 1);
        await ui.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var task = progress.AddTask($"Sending {workload.Count} payments", maxValue: workload.Count);
            await Parallel.ForEachAsync(
                workload,
                new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
                async (item, ct) =>
                {
                    var outcome = await runtime.SendAsync(item.SourceIps, item.Instruction, ct).ConfigureAwait(false);
                    lock (results)
                    {
                        results.Add((item, outcome));
                    }

                    task.Increment(1);
                }).ConfigureAwait(false);
        }).ConfigureAwait(false);

        // The timeout: the Vietnamese adapter goes offline and a HIGH-priority payment to it runs out of time at the hub,
        // which rejects it (AB05) and releases the reserved liquidity.
        var timeout = TimeoutScenario(profiles);
        ui.MarkupLine($"Taking [bold]{timeout.Instruction.DestinationIps}[/] offline and sending one HIGH-priority payment to it...");
        await runtime.StopAdapterAsync(timeout.Instruction.DestinationIps).ConfigureAwait(false);
        results.Add((timeout, await runtime.SendAsync(timeout.SourceIps, timeout.Instruction, cancellationToken).ConfigureAwait(false)));

        ui.Write(CorridorTable(results));
        ui.Write(ReasonTable(results));
        var report = await runtime.Hub.CloseCycleAsync(cancellationToken).ConfigureAwait(false);
        ui.Write(SettlementTable(report));
        return Verdict(ui, results, report);
    }

    private static WorkloadItem TimeoutScenario(AdapterProfiles profiles)
    {
        var sg = profiles[new IpsId("SG-FAST")];
        var vn = profiles[new IpsId("VN-NAPAS")];
        var debtorBank = sg.Banks[0];
        var creditorBank = vn.Banks[0];
        var instruction = new OutboundInstruction(
            debtorBank.Bic, debtorBank.Accounts[0].Number, vn.Id, OutboundCreditor.ByAccount(creditorBank.Bic, creditorBank.Accounts[0].Number),
            new Money(50_000, Currency.SGD), FixedSide.Source, Priority.HIGH, PurposeCode: "GDDS", CreditorName: creditorBank.Accounts[0].Holder);
        return new WorkloadItem(int.MaxValue, sg.Id, instruction, new WorkloadExpectation(PaymentFlaw.None, ExpectedStage.Hub, StatusReasonCode.AB05));
    }

    private static Table CorridorTable(List<(WorkloadItem Item, PaymentOutcome Outcome)> results)
    {
        var table = new Table().Title("Payments by corridor").AddColumns("Corridor", "Sent", "Accepted", "Rejected", "Refused at source", "Still pending", "p50 ms", "p99 ms");
        foreach (var corridor in results.GroupBy(static r => (r.Item.SourceIps.Value, r.Item.Instruction.DestinationIps.Value)).OrderBy(static g => g.Key))
        {
            var latencies = corridor.Where(static r => r.Outcome.Stage is OutcomeStage.Accepted or OutcomeStage.Rejected).Select(static r => r.Outcome.Elapsed.Ticks).Order().ToArray();
            table.AddRow(
                $"{corridor.Key.Item1} → {corridor.Key.Item2}",
                Count(corridor.Count()),
                Count(corridor.Count(static r => r.Outcome.Stage == OutcomeStage.Accepted)),
                Count(corridor.Count(static r => r.Outcome.Stage == OutcomeStage.Rejected)),
                Count(corridor.Count(static r => r.Outcome.Stage == OutcomeStage.Source)),
                Count(corridor.Count(static r => r.Outcome.Stage == OutcomeStage.NoAnswer)),
                Percentile(latencies, 50),
                Percentile(latencies, 99));
        }

        return table;
    }

    private static Table ReasonTable(List<(WorkloadItem Item, PaymentOutcome Outcome)> results)
    {
        var table = new Table().Title("Refusals by ISO 20022 reason code").AddColumns("Reason", "Meaning", "Where", "Count");
        foreach (var group in results.Where(static r => r.Outcome.Stage is OutcomeStage.Rejected or OutcomeStage.Source)
                     .GroupBy(static r => (r.Outcome.Reason, r.Outcome.Stage)).OrderByDescending(static g => g.Count()))
        {
            table.AddRow(
                StatusReasons.ToCode(group.Key.Reason),
                Markup.Escape(StatusReasons.Name(group.Key.Reason)),
                group.Key.Stage == OutcomeStage.Source ? "source IPS" : "hub or destination",
                Count(group.Count()));
        }

        return table;
    }

    private static Table SettlementTable(SettlementReport report)
    {
        var table = new Table().Title($"Settlement cycle {report.CycleNumber}: multilateral nets and instructions").AddColumns("Currency", "IPS", "Participant", "Net", "Pays / receives");
        foreach (var currency in report.Currencies)
        {
            foreach (var net in currency.Nets.Where(static n => n.NetMinor != 0))
            {
                table.AddRow(
                    currency.Currency.Code,
                    currency.Ips.Value,
                    net.Participant.Value,
                    new Money(net.NetMinor, currency.Currency).ToString(),
                    net.NetMinor < 0 ? "pays" : "receives");
            }
        }

        return table;
    }

    private static int Verdict(IAnsiConsole ui, List<(WorkloadItem Item, PaymentOutcome Outcome)> results, SettlementReport report)
    {
        var unbalanced = report.Currencies.Where(static c => c.Nets.Sum(static n => n.NetMinor) != 0).Select(static c => c.Currency.Code).ToList();
        var accepted = results.Count(static r => r.Outcome.Stage == OutcomeStage.Accepted);
        var timedOut = results.Count(static r => r.Outcome.Reason is StatusReasonCode.AB05 or StatusReasonCode.AB06);
        var pending = results.Count(static r => r.Outcome.Stage == OutcomeStage.NoAnswer);
        var pendingHigh = results.Count(static r => r.Outcome.Stage == OutcomeStage.NoAnswer && r.Item.Instruction.Priority == Priority.HIGH);
        ui.MarkupLine($"{accepted} of {results.Count} payments accepted; {timedOut} timed out; {pending} NORM payments still pending (their destination had not answered when the demo ended); {report.CommittedLegCount} settlement legs in cycle {report.CycleNumber}.");

        // A HIGH payment always ends within the hub's deadline, so one without an answer is a fault; so is a currency
        // whose nets do not sum to zero.
        if (unbalanced.Count > 0 || pendingHigh > 0 || accepted == 0 || timedOut == 0)
        {
            ui.MarkupLine($"[red]Demo failed[/]: nets not zero in [{string.Join(", ", unbalanced)}], {pendingHigh} HIGH payments unanswered, {accepted} accepted, {timedOut} timeouts.");
            return Cli.Invalid;
        }

        ui.MarkupLine("[green]Every currency nets to exactly zero.[/] Next: 'bash deploy/test.sh' runs every test.");
        return Cli.Ok;
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Nearest-rank percentile of sorted tick counts, shown in whole milliseconds.
    private static string Percentile(long[] sortedTicks, int percent)
    {
        if (sortedTicks.Length == 0)
        {
            return "-";
        }

        var rank = Math.Max(1, (int)Math.Ceiling(percent * sortedTicks.Length / 100m));
        return (sortedTicks[rank - 1] / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>The demo's command-line options.</summary>
internal sealed record DemoOptions(string? NatsUrl, bool InProcess, int Payments, long Seed, int Concurrency);

/// <summary>The bus the demo runs on: a given server, a private nats-server, or the in-process bus when neither exists.</summary>
internal sealed class DemoTransport : IAsyncDisposable
{
    private readonly NatsServerProcess? _server;

    private DemoTransport(IMessageBus bus, NatsServerProcess? server)
    {
        Bus = bus;
        _server = server;
    }

    public IMessageBus Bus { get; }

    public static async Task<DemoTransport> OpenAsync(DemoOptions options, IAnsiConsole ui, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (options.InProcess)
        {
            return new DemoTransport(new InProcessBus(), null);
        }

        if (options.NatsUrl is { } url)
        {
            return new DemoTransport(await NatsMessageBus.ConnectAsync(new NatsBusOptions { Url = url, Name = "paymentswitch-demo" }, loggers, cancellationToken).ConfigureAwait(false), null);
        }

        if (NatsServerProcess.FindExecutable() is null)
        {
            ui.MarkupLine($"[yellow]nats-server is not installed[/], so the demo runs on the in-process bus (same subjects, queue groups and headers). {Markup.Escape(NatsServerProcess.InstallHint)}");
            return new DemoTransport(new InProcessBus(), null);
        }

        var server = await NatsServerProcess.StartAsync(new NatsServerProcessOptions { EnableJetStream = true }, cancellationToken).ConfigureAwait(false);
        try
        {
            ui.MarkupLine($"Started a private nats-server with JetStream on [bold]{server.Url}[/] (stopped on exit).");
            var bus = await NatsMessageBus.ConnectAsync(new NatsBusOptions { Url = server.Url, Name = "paymentswitch-demo" }, loggers, cancellationToken).ConfigureAwait(false);
            return new DemoTransport(bus, server);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.DisposeAsync().ConfigureAwait(false);
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
