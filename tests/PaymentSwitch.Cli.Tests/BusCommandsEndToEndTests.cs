using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PaymentSwitch.Adapters;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services;
using PaymentSwitch.Services.Adapters;
using PaymentSwitch.Services.Protocol;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Cli.Tests;

/// <summary>
/// The commands against a switch running on a real nats-server (<see cref="NatsServerFixture"/>): the test starts a
/// <see cref="SwitchRuntime"/> (or the hub and adapter commands themselves) on the fixture's server, runs the command
/// against its URL as a user would, and checks what it prints.
/// </summary>
/// <remarks>
/// These run on the system clock (a real server, commands that run until cancelled), so every wait in them is bounded
/// generously: a reply that a busy machine delays only makes a test slower, never red. Nothing asserts on how long
/// anything took.
/// </remarks>
public sealed class BusCommandsEndToEndTests(NatsServerFixture fixture) : IClassFixture<NatsServerFixture>, IDisposable
{
    private static readonly Topology SharedTopology = Topology.LoadDefault();
    private static readonly IpsId SgFast = new("SG-FAST");

    // The longest --timeout the commands accept: a test that expects the hub's reply must get it however busy the machine is.
    private const string HubReplyTimeout = "1m";

    // The test's own connection: connecting, and confirming each unsubscription when a runtime stops, may take up to a
    // minute (the longest unsubscription confirmation NatsBusOptions allows). A runtime that a test stops must be gone
    // from the server before the next test asks, or that test's request could be routed to a hub that no longer answers.
    private static readonly TimeSpan BusTimeout = TimeSpan.FromMinutes(1);

    private readonly CliRunner _sut = new();

    public void Dispose() => _sut.Dispose();

    [SkippableFact]
    public async Task Quote_RunningHub_PrintsEveryProviderWithTheBestMarked()
    {
        await using var bus = await ConnectAsync();
        await using var runtime = await StartAsync(bus);

        var result = await AskTheHubAsync("quote", "--nats", fixture.Url, "--from", "SG-FAST", "--to", "TH-PROMPTPAY", "--psp", "DBSSSGSGXXX", "--amount", "1000.00", "--currency", "SGD");

        Assert.True(result.ExitCode == Cli.Ok, result.ToString());
        Assert.Contains("Quotes SG-FAST → TH-PROMPTPAY for 1000.00 SGD", result.Output, StringComparison.Ordinal);
        Assert.Contains("best", result.Output, StringComparison.Ordinal);
        Assert.Contains("1000.00 SGD", result.Output, StringComparison.Ordinal);
        Assert.Contains(" THB", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Quote_FormatJson_PrintsTheHubsReplyWithExactlyOneBest()
    {
        await using var bus = await ConnectAsync();
        await using var runtime = await StartAsync(bus);

        var result = await AskTheHubAsync("quote", "--nats", fixture.Url, "--from", "SG-FAST", "--to", "TH-PROMPTPAY", "--psp", "DBSSSGSGXXX", "--amount", "1000.00", "--currency", "SGD", "--format", "json");

        Assert.True(result.ExitCode == Cli.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var quotes = json.RootElement.GetProperty("quotes").EnumerateArray().ToList();
        Assert.NotEmpty(quotes);
        Assert.Single(quotes, static q => q.GetProperty("best").GetBoolean());
        Assert.All(quotes, static q => Assert.Equal(100_000, q.GetProperty("sourceAmount").GetProperty("minor").GetInt64()));
    }

    [SkippableFact]
    public async Task Quote_AboveTheSourceCap_HubRefusesEveryProviderExit1()
    {
        await using var bus = await ConnectAsync();
        await using var runtime = await StartAsync(bus);

        // FAST's cap is SGD 200,000 per transaction.
        var result = await AskTheHubAsync("quote", "--nats", fixture.Url, "--from", "SG-FAST", "--to", "TH-PROMPTPAY", "--psp", "DBSSSGSGXXX", "--amount", "250000.00", "--currency", "SGD");

        Assert.True(result.ExitCode == Cli.Invalid, result.ToString());
        Assert.Contains("Refusals", result.Output, StringComparison.Ordinal);
        Assert.Contains("error: no FX provider quoted", result.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Quote_HubErrorReply_PrintsReasonFieldAndDetailExit1()
    {
        await using var bus = await ConnectAsync();

        // A stand-in hub that refuses every quote request the way HubService.RefuseAsync does.
        var refusal = new Rejection(StatusReasonCode.AM03, "amount.currency", "'SGD' is not served today");
        await using var hub = await bus.SubscribeAsync(ProtocolSubjects.Quotes, ProtocolSubjects.HubQueueGroup, async (message, ct) =>
            await bus.ReplyAsync(message, JsonWire.Serialize(RejectionDto.From(refusal)), IsoWire.ErrorHeaders(refusal), ct));
        await bus.FlushAsync();

        var result = await AskTheHubAsync("quote", "--nats", fixture.Url, "--from", "SG-FAST", "--to", "TH-PROMPTPAY", "--psp", "DBSSSGSGXXX", "--amount", "10.00", "--currency", "SGD");

        Assert.True(result.ExitCode == Cli.Invalid, result.ToString());
        Assert.Equal("error: AM03 amount.currency: 'SGD' is not served today", result.Error.Trim());
        Assert.Empty(result.Output);
    }

    [SkippableFact]
    public async Task SettleAndStatus_AfterOnePayment_PrintNetsInstructionsAndTheRecord()
    {
        await using var bus = await ConnectAsync();
        await using var runtime = await StartAsync(bus);
        var outcome = await runtime.SendAsync(SgFast, SgdToThb(1_000));
        Assert.True(outcome.Stage == OutcomeStage.Accepted, $"{outcome.Stage} {outcome.Reason} {outcome.Detail}");
        var uetr = outcome.Uetr.ToString();

        var status = await AskTheHubAsync("status", uetr, "--nats", fixture.Url);
        var settle = await AskTheHubAsync("settle", "--nats", fixture.Url);
        var statusJson = await AskTheHubAsync("status", uetr, "--nats", fixture.Url, "--format", "json");

        Assert.True(status.ExitCode == Cli.Ok, status.ToString());
        Assert.Contains(uetr, status.Output, StringComparison.Ordinal);
        Assert.Contains("ACCC", status.Output, StringComparison.Ordinal);
        Assert.Contains("SG-FAST → TH-PROMPTPAY", status.Output, StringComparison.Ordinal);
        Assert.Contains("10.00 SGD", status.Output, StringComparison.Ordinal);

        Assert.True(settle.ExitCode == Cli.Ok, settle.ToString());
        Assert.Contains("Settlement cycle 1", settle.Output, StringComparison.Ordinal);
        Assert.Contains("Multilateral nets", settle.Output, StringComparison.Ordinal);
        Assert.Contains("Settlement instructions", settle.Output, StringComparison.Ordinal);
        Assert.Contains("pays", settle.Output, StringComparison.Ordinal);
        Assert.Contains("receives", settle.Output, StringComparison.Ordinal);
        Assert.Contains("BKKBTHBKXXX", settle.Output, StringComparison.Ordinal);

        Assert.True(statusJson.ExitCode == Cli.Ok, statusJson.ToString());
        using var json = JsonDocument.Parse(statusJson.Output);
        Assert.Equal("ACCC", json.RootElement.GetProperty("lastStatus").GetString());
        Assert.Equal(1_000, json.RootElement.GetProperty("instructedAmount").GetProperty("minor").GetInt64());
    }

    [SkippableFact]
    public async Task Settle_FormatJson_NetsOfEveryCurrencySumToZero()
    {
        await using var bus = await ConnectAsync();
        await using var runtime = await StartAsync(bus);
        var outcome = await runtime.SendAsync(SgFast, SgdToThb(2_500));
        Assert.True(outcome.Stage == OutcomeStage.Accepted, $"{outcome.Stage} {outcome.Reason} {outcome.Detail}");

        var result = await AskTheHubAsync("settle", "--nats", fixture.Url, "--format", "json");

        Assert.True(result.ExitCode == Cli.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var currencies = json.RootElement.GetProperty("currencies").EnumerateArray().ToList();
        Assert.NotEmpty(currencies);
        Assert.All(currencies, static c => Assert.Equal(0, c.GetProperty("nets").EnumerateArray().Sum(static n => n.GetProperty("netMinor").GetInt64())));
    }

    [SkippableFact]
    public async Task Status_UnknownPayment_PrintsTheHubsTm01ErrorExit1()
    {
        await using var bus = await ConnectAsync();
        await using var runtime = await StartAsync(bus);

        var result = await AskTheHubAsync("status", "8a562c67-ca16-48ba-b074-65581be6f001", "--nats", fixture.Url);

        Assert.True(result.ExitCode == Cli.Invalid, result.ToString());
        Assert.Equal("error: TM01 uetr: the hub has no record of 8a562c67-ca16-48ba-b074-65581be6f001", result.Error.Trim());
    }

    [SkippableFact]
    public async Task Commands_NoHubOnTheServer_Exit2SayingNothingAnswers()
    {
        fixture.RequireServer();

        var result = await AskTheHubAsync("settle", "--nats", fixture.Url);

        Assert.True(result.ExitCode == Cli.Usage, result.ToString());
        Assert.Contains("nothing answers on ps.v1.admin.settle", result.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Lookup_RegisteredProxy_VerifiedWithBankAndMaskedNameOnly()
    {
        await using var bus = await ConnectAsync();
        await using var runtime = await StartAsync(bus);

        var result = await AskTheHubAsync("lookup", "--nats", fixture.Url, "--proxy", "+66-812345678", "--from-psp", "DBSSSGSGXXX", "--to", "TH-PROMPTPAY");

        Assert.True(result.ExitCode == Cli.Ok, result.ToString());
        Assert.Contains("yes", result.Output, StringComparison.Ordinal);
        Assert.Contains("BKKBTHBKXXX", result.Output, StringComparison.Ordinal);
        Assert.Contains("SOMCHAI J***", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Somchai Jaidee", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Lookup_FormatXml_PrintsTheAcmt024Document()
    {
        await using var bus = await ConnectAsync();
        await using var runtime = await StartAsync(bus);

        var result = await AskTheHubAsync("lookup", "--nats", fixture.Url, "--proxy", "+66-812345678", "--from-psp", "DBSSSGSGXXX", "--to", "TH-PROMPTPAY", "--format", "xml");

        Assert.True(result.ExitCode == Cli.Ok, result.ToString());
        Assert.Contains("urn:iso:std:iso:20022:tech:xsd:acmt.024", result.Output, StringComparison.Ordinal);
        Assert.Contains("<Vrfctn>true</Vrfctn>", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Quote_DestinationFixed_EveryQuoteDeliversExactlyTheAmount()
    {
        await using var bus = await ConnectAsync();
        await using var runtime = await StartAsync(bus);

        var result = await AskTheHubAsync("quote", "--nats", fixture.Url, "--from", "SG-FAST", "--to", "TH-PROMPTPAY", "--psp", "DBSSSGSGXXX", "--amount", "5000", "--currency", "THB", "--fixed", "destination", "--format", "json");

        Assert.True(result.ExitCode == Cli.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.All(json.RootElement.GetProperty("quotes").EnumerateArray(), static q =>
        {
            Assert.Equal("THB", q.GetProperty("destinationAmount").GetProperty("currency").GetString());
            Assert.Equal(500_000, q.GetProperty("destinationAmount").GetProperty("minor").GetInt64());
        });
    }

    [SkippableFact]
    public async Task Lookup_UnknownProxy_NotVerifiedBe23Exit1()
    {
        await using var bus = await ConnectAsync();
        await using var runtime = await StartAsync(bus);

        var result = await AskTheHubAsync("lookup", "--nats", fixture.Url, "--proxy", "+66-800000000", "--from-psp", "DBSSSGSGXXX", "--to", "TH-PROMPTPAY");

        Assert.True(result.ExitCode == Cli.Invalid, result.ToString());
        Assert.Contains("BE23", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task HubCommand_RunsUntilCancelled_AnswersQuotesThenStops()
    {
        fixture.RequireServer();
        using var stop = new CancellationTokenSource();
        var (console, output, error) = LiveConsole();

        var hub = Task.Run(() => HubCommand.RunAsync(console, fixture.Url, "1h", "T1", "warning", null, stop.Token));
        CliResult quote;
        try
        {
            await WaitForAsync(hub, output, "hub T1 running on " + fixture.Url, error);
            quote = await AskTheHubAsync("quote", "--nats", fixture.Url, "--from", "SG-FAST", "--to", "TH-PROMPTPAY", "--psp", "DBSSSGSGXXX", "--amount", "50.00", "--currency", "SGD");
        }
        finally
        {
            // A hub left running would join the next test's queue group and take half of its messages.
            await stop.CancelAsync();
        }

        var exit = await Eventually.CompletesAsync(hub, "the hub command stopping once cancelled");

        Assert.True(quote.ExitCode == Cli.Ok, quote.ToString());
        Assert.Equal(Cli.Ok, exit);
        Assert.Contains("hub T1 stopping.", output.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AdapterCommand_NextToARunningHub_RegistersItsProxiesAndAnswersLookups()
    {
        await using var bus = await ConnectAsync();
        var others = SharedTopology.Ips.Select(static i => i.Id).Where(static i => i != SgFast).ToArray();
        await using var runtime = await StartAsync(bus, others);
        using var stop = new CancellationTokenSource();
        var (console, output, error) = LiveConsole();

        var adapter = Task.Run(() => AdapterCommand.RunAsync(console, fixture.Url, "SG-FAST", 7, xml: true, "warning", stop.Token));
        CliResult lookup;
        try
        {
            await WaitForAsync(adapter, output, "adapter SG-FAST running on", error);
            lookup = await AskTheHubAsync("lookup", "--nats", fixture.Url, "--proxy", "+65-91234567", "--from-psp", "BKKBTHBKXXX", "--to", "SG-FAST");
        }
        finally
        {
            await stop.CancelAsync();
        }

        var exit = await Eventually.CompletesAsync(adapter, "the adapter command stopping once cancelled");

        Assert.True(lookup.ExitCode == Cli.Ok, lookup.ToString());
        Assert.Contains("DBSSSGSGXXX", lookup.Output, StringComparison.Ordinal);
        Assert.Equal(Cli.Ok, exit);
    }

    [SkippableFact]
    public async Task AdapterCommand_NoHub_Exit2SayingStartTheHubFirst()
    {
        fixture.RequireServer();

        var result = await RunOnTheSystemClockAsync("adapter", "--nats", fixture.Url, "--ips", "SG-FAST");

        Assert.True(result.ExitCode == Cli.Usage, result.ToString());
        Assert.Contains("start 'paymentswitch hub' first", result.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Send_OverNatsWithoutASourceAdapter_AcceptedAndPrintsOnlyItsMessages()
    {
        await using var bus = await ConnectAsync();
        var others = SharedTopology.Ips.Select(static i => i.Id).Where(static i => i != SgFast).ToArray();
        await using var runtime = await StartAsync(bus, others);
        var (console, output, error) = LiveConsole();

        var exit = await Task.Run(() => Cli.Run(
            ["send", "--nats", fixture.Url, "--from", "SG-FAST", "--debtor-bank", "DBSSSGSGXXX", "--debtor-account", "0721234567", "--to", "TH-PROMPTPAY",
             "--creditor-bank", "BKKBTHBKXXX", "--creditor-account", "1234567890", "--amount", "12.34", "--currency", "SGD", "--wait", "2m", "--reliable"],
            console));

        var text = output.ToString();
        Assert.True(exit == Cli.Ok, $"exit {exit}\n{text}\n{error}");
        Assert.Contains("Outcome: ACCEPTED (ACCC)", text, StringComparison.Ordinal);
        Assert.Contains("── ps.v1.hub.in.SG-FAST  pacs.008", text, StringComparison.Ordinal);
        Assert.Contains("── ps.v1.ips.SG-FAST.in  pacs.002", text, StringComparison.Ordinal);
        // The settlement amount is in the destination currency; the instructed amount is what the customer typed.
        Assert.Contains("<InstdAmt Ccy=\"SGD\">12.34</InstdAmt>", text, StringComparison.Ordinal);
        Assert.Contains("<IntrBkSttlmAmt Ccy=\"THB\">", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Send_OverNatsWithoutAHub_Exit2SayingStartTheHubFirst()
    {
        fixture.RequireServer();

        var result = await RunOnTheSystemClockAsync(
            "send", "--nats", fixture.Url, "--from", "SG-FAST", "--debtor-bank", "DBSSSGSGXXX", "--debtor-account", "0721234567", "--to", "TH-PROMPTPAY",
            "--proxy", "+66-812345678", "--amount", "1000.00", "--currency", "SGD");

        Assert.True(result.ExitCode == Cli.Usage, result.ToString());
        Assert.Contains("start 'paymentswitch hub' first", result.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Send_OverNatsWhileTheSourceAdapterRuns_Exit2WithoutSending()
    {
        await using var bus = await ConnectAsync();
        await using var runtime = await StartAsync(bus);

        var result = await RunAsync(
            "send", "--nats", fixture.Url, "--from", "SG-FAST", "--debtor-bank", "DBSSSGSGXXX", "--debtor-account", "0721234567", "--to", "TH-PROMPTPAY",
            "--proxy", "+66-812345678", "--amount", "1000.00", "--currency", "SGD");

        Assert.True(result.ExitCode == Cli.Usage, result.ToString());
        Assert.Contains("an adapter of SG-FAST already runs", result.Error, StringComparison.Ordinal);
    }

    private static OutboundInstruction SgdToThb(long amountMinor) => new(
        Bic.Parse("DBSSSGSGXXX"), "0721234567", new IpsId("TH-PROMPTPAY"), OutboundCreditor.ByAccount(Bic.Parse("BKKBTHBKXXX"), "1234567890"),
        new Money(amountMinor, Currency.SGD), FixedSide.Source);

    // Commands that run until cancelled write from another thread while the test reads.
    private static (CliConsole Console, LockedStringWriter Output, LockedStringWriter Error) LiveConsole()
    {
        var output = new LockedStringWriter();
        var error = new LockedStringWriter();
        return (new CliConsole(TextReader.Null, output, error, TimeProvider.System), output, error);
    }

    // Until a command that runs until cancelled prints its banner; one that stopped instead fails the test at once.
    private static async Task WaitForAsync(Task<int> command, TextWriter output, string text, TextWriter error)
    {
        bool Printed() => output.ToString()!.Contains(text, StringComparison.Ordinal);
        string Describe() => $"--- stdout\n{output}\n--- stderr\n{error}";

        await Eventually.WaitUntilAsync(() => Printed() || command.IsCompleted, $"'{text}' printed", Describe);
        Assert.True(Printed(), $"The command stopped without printing '{text}'.\n{Describe()}");
    }

    private Task<NatsMessageBus> ConnectAsync() => fixture.CreateBusAsync(static options =>
    {
        options.ConnectTimeout = BusTimeout;
        options.UnsubscribeConfirmTimeout = BusTimeout;
    });

    /// <summary>
    /// The hub and the adapters of <paramref name="ips"/> (all by default), on reliable, quick IPSs and with every
    /// request between them bounded generously.
    /// </summary>
    /// <remarks>
    /// The published latency tables reach tens of seconds in their tail and the profiles refuse a few payments in a
    /// thousand at random; a payment of <c>send --nats</c> has a fresh random UETR each run, so on those profiles its
    /// outcome would be a draw. The defaults' timeouts (the hub's 1 s per proxy-lookup relay, the adapters' 5 s per
    /// request) are sized for a production network, not for a loaded two-core machine running the whole switch.
    /// </remarks>
    private static async Task<SwitchRuntime> StartAsync(IMessageBus bus, IReadOnlyCollection<IpsId>? ips = null)
    {
        var options = new SwitchRuntimeOptions
        {
            Ips = ips,
            Adapter = new AdapterServiceOptions { FinalAnswerWait = Eventually.Patience, RequestTimeout = TimeSpan.FromSeconds(30) },
        };

        // An attempt's backstop stays above the request timeout it guards; the hub's whole relay of a lookup (three
        // attempts) stays inside the lookup command's one-minute --timeout.
        options.Adapter.Requests.AttemptTimeout = TimeSpan.FromSeconds(35);
        options.Hub.Resilience.Lookup.AttemptTimeout = TimeSpan.FromSeconds(15);
        options.Hub.Resilience.Publish.AttemptTimeout = TimeSpan.FromSeconds(15);
        options.Hub.PublishEvents = false;
        return await SwitchRuntime.StartAsync(bus, ReliableAndQuickProfiles(), TimeProvider.System, NullLoggerFactory.Instance, options);
    }

    // Reliable (no random refusals, no outages) and every destination answers after 2 ms.
    private static AdapterProfiles ReliableAndQuickProfiles()
    {
        var profiles = AdapterProfiles.LoadDefault(SharedTopology).Reliable();
        foreach (var profile in profiles.Switches)
        {
            profiles = profiles.With(profile with { Behaviour = profile.Behaviour with { LatencyMs = PercentileTable.Constant(2) } });
        }

        return profiles;
    }

    private Task<CliResult> RunAsync(params string[] args) => Task.Run(() => _sut.Run(args));

    // quote, lookup, settle and status, waiting as long as the commands allow for the hub's reply.
    private Task<CliResult> AskTheHubAsync(params string[] args) => RunAsync([.. args, "--timeout", HubReplyTimeout]);

    // The adapter retries its proxy registration with backoff on the clock it is given (AdapterServiceOptions.Requests),
    // so "no hub" is only reported after the retries: on the runner's fake clock, which nobody advances, never.
    private static Task<CliResult> RunOnTheSystemClockAsync(params string[] args) => Task.Run(() =>
    {
        var (console, output, error) = LiveConsole();
        var exit = Cli.Run(args, console);
        return new CliResult(exit, output.ToString(), error.ToString());
    });
}

/// <summary>A string writer that one thread may write while another reads.</summary>
internal sealed class LockedStringWriter : StringWriter
{
    private readonly Lock _gate = new();

    public override void Write(char value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            base.Write(buffer, index, count);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return base.ToString();
        }
    }
}
