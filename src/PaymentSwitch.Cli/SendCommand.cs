using System.CommandLine;
using System.Globalization;
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

namespace PaymentSwitch.Cli;

/// <summary>
/// <c>paymentswitch send</c>: one payment from a customer of the source IPS, as that IPS's adapter sends it (checks at
/// the source bank, acmt.023 proxy lookup, the best FX quote, pacs.008, the final pacs.002), printing every message
/// exchanged on the bus as ISO 20022 XML (JSON as is) and the outcome.
/// </summary>
/// <remarks>
/// <para>Without <c>--nats</c> it starts the whole switch in this process on the in-process bus, as <c>demo</c> does,
/// and sends the one payment through it.</para>
/// <para>With <c>--nats</c> it joins a running switch as the adapter of the source IPS for the one payment. Adapters of
/// one IPS share a queue group, so a second one would take half of the running adapter's messages (answers to the
/// running adapter's payments, payments forwarded to the IPS) and the running one half of ours: <c>send</c> therefore
/// refuses (exit 2) when an adapter of the source IPS already answers on the server. Run the source IPS's adapter only
/// in <c>send</c>, or not at all.</para>
/// <para>Exit 0 when the destination accepted the payment, 1 when it was refused (at the source, the hub or the
/// destination) or no final answer came in time, 2 for a usage or connection error.</para>
/// </remarks>
internal static class SendCommand
{
    // On a shared server the tap sees everyone's traffic; it keeps at most this many messages.
    private const int TapCapacity = 10_000;

    private static readonly TimeSpan TapSettleWait = TimeSpan.FromSeconds(2);

    // The longest request timeout AdapterServiceOptions allows.
    private static readonly TimeSpan InProcessRequestTimeout = TimeSpan.FromMinutes(1);

    public static Command Create(CliConsole console)
    {
        var nats = new Option<string?>("--nats") { Description = "Join the switch running on this NATS server as the source IPS's adapter (none of its own may run). Without it, the whole switch runs in this process." };
        var from = new Option<string>("--from") { Description = "The source IPS, e.g. SG-FAST.", Required = true };
        var debtorBank = new Option<string>("--debtor-bank") { Description = "The BIC of the debtor's bank, a bank of the source IPS.", Required = true };
        var debtorAccount = new Option<string>("--debtor-account") { Description = "The debtor's account number at that bank.", Required = true };
        var to = new Option<string>("--to") { Description = "The destination IPS, e.g. TH-PROMPTPAY.", Required = true };
        var proxy = new Option<string?>("--proxy") { Description = "Pay a proxy registered in the destination IPS, e.g. +66-812345678." };
        var proxyType = new Option<string>("--proxy-type") { Description = "The proxy type, e.g. MBNO, NIDN, EMAL.", DefaultValueFactory = static _ => "MBNO" };
        var creditorBank = new Option<string?>("--creditor-bank") { Description = "Pay an account: the BIC of the creditor's bank (with --creditor-account)." };
        var creditorAccount = new Option<string?>("--creditor-account") { Description = "Pay an account: the creditor's account number (with --creditor-bank)." };
        var creditorName = new Option<string?>("--creditor-name") { Description = "The creditor's name as the customer typed it (a proxy lookup gives it otherwise)." };
        var amount = new Option<string>("--amount") { Description = "The amount, e.g. 1000.00 (at most the currency's decimal places).", Required = true };
        var currency = new Option<string>("--currency") { Description = "The currency of --amount: the source IPS's with --fixed source, the destination's with --fixed destination.", Required = true };
        var fixedSide = new Option<string>("--fixed") { Description = "Which side of the amount is fixed: source or destination.", DefaultValueFactory = static _ => "source" };
        BusCommandSupport.OneOf(fixedSide, "source", "destination");
        var priority = new Option<string>("--priority") { Description = "HIGH (the hub times the payment out) or NORM (the destination owns the final status).", DefaultValueFactory = static _ => "NORM" };
        BusCommandSupport.OneOf(priority, "HIGH", "NORM");
        var purpose = new Option<string?>("--purpose") { Description = "An ISO 20022 purpose code (Purp/Cd), e.g. FAMI, GIFT, GDDS; some corridors require one." };
        var remittance = new Option<string?>("--remittance") { Description = "A message to the creditor (RmtInf/Ustrd, at most 140 characters)." };
        var seed = new Option<long>("--seed") { Description = "Seed of the simulated IPSs' behaviour (latency, random rejections).", DefaultValueFactory = static _ => 20261122 };
        var wait = new Option<string>("--wait") { Description = "How long to wait for the final pacs.002: 30s, 2m or hh:mm:ss.", DefaultValueFactory = static _ => "90s" };
        var xml = new Option<bool>("--xml") { Description = "The source adapter speaks ISO 20022 XML to the hub instead of MessagePack." };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the outcome, not the messages." };
        var reliable = new Option<bool>("--reliable") { Description = "Simulated IPSs that never refuse at random and have no outages, so the accounts and the hub alone decide (with --nats, this command's source IPS)." };
        var command = new Command("send", "Send one payment through the switch and print the ISO 20022 messages exchanged and the outcome.")
        {
            nats, from, debtorBank, debtorAccount, to, proxy, proxyType, creditorBank, creditorAccount, creditorName,
            amount, currency, fixedSide, priority, purpose, remittance, seed, wait, xml, quiet, reliable,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            new SendOptions(
                parse.GetValue(nats), parse.GetValue(from)!, parse.GetValue(debtorBank)!, parse.GetValue(debtorAccount)!, parse.GetValue(to)!,
                parse.GetValue(proxy), parse.GetValue(proxyType)!, parse.GetValue(creditorBank), parse.GetValue(creditorAccount), parse.GetValue(creditorName),
                parse.GetValue(amount)!, parse.GetValue(currency)!, parse.GetValue(fixedSide)!, parse.GetValue(priority)!, parse.GetValue(purpose),
                parse.GetValue(remittance), parse.GetValue(seed), parse.GetValue(wait)!, parse.GetValue(xml), parse.GetValue(quiet), parse.GetValue(reliable)),
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(CliConsole console, SendOptions options, CancellationToken cancellationToken)
    {
        var topology = Topology.LoadDefault();
        var profiles = AdapterProfiles.LoadDefault(topology);

        // With --nats each payment has a fresh random UETR, so the profiles' random refusals make its outcome a draw
        // unless they are switched off.
        if (options.Reliable)
        {
            profiles = profiles.Reliable();
        }

        if (!TryBuildInstruction(console, topology, profiles, options, out var source, out var instruction)
            || !BusCommandSupport.TryParseDuration(console, "--wait", options.Wait, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), out var wait))
        {
            return Cli.Usage;
        }

        var adapterOptions = new AdapterServiceOptions { FinalAnswerWait = wait, UseXml = options.Xml };
        try
        {
            return options.NatsUrl is null
                ? await SendInProcessAsync(console, profiles, source, instruction, adapterOptions, options, cancellationToken).ConfigureAwait(false)
                : await SendOverNatsAsync(console, options.NatsUrl, profiles, source, instruction, adapterOptions, options, cancellationToken).ConfigureAwait(false);
        }
        catch (BusException ex)
        {
            // The connection failed mid-way (server stopped, slow consumer): one line, not a stack trace.
            console.Error.WriteLine($"error: {ex.Message}");
            return Cli.Usage;
        }
    }

    private static async Task<int> SendInProcessAsync(
        CliConsole console, AdapterProfiles profiles, IpsId source, OutboundInstruction instruction, AdapterServiceOptions adapterOptions, SendOptions options, CancellationToken cancellationToken)
    {
        await using var bus = new InProcessBus();

        // In one process nothing is lost between the hub and the adapters, so a late reply means a busy machine, not a
        // lost message. The defaults are sized for a network (the hub gives a proxy-lookup relay 1 s per attempt, an
        // adapter gives a request 5 s): here a request may take up to a minute, so a slow machine delays the payment
        // rather than refusing it. The hub's whole relay (three attempts) stays inside the adapter's request timeout.
        adapterOptions.RequestTimeout = InProcessRequestTimeout;
        adapterOptions.Requests.AttemptTimeout = InProcessRequestTimeout + TimeSpan.FromSeconds(5);
        var runtimeOptions = new SwitchRuntimeOptions { Seed = options.Seed, Adapter = adapterOptions };
        runtimeOptions.Hub.Resilience.Lookup.AttemptTimeout = InProcessRequestTimeout / 4;
        await using var runtime = await SwitchRuntime.StartAsync(bus, profiles, console.Time, NullLoggerFactory.Instance, runtimeOptions, cancellationToken).ConfigureAwait(false);
        console.Output.WriteLine($"Started the hub and {runtime.Adapters.Count} adapters on the in-process bus.");

        // Started after the adapters registered their proxy directories, so only this payment's messages are shown; the
        // reply subjects show the answers to requests (quotes, acmt.024).
        await using var tap = await MessageTap.StartAsync(bus, ["ps.v1.>", "_INBOX.>"], cancellationToken, TapCapacity).ConfigureAwait(false);
        var outcome = await runtime.SendAsync(source, instruction, cancellationToken).ConfigureAwait(false);
        return await ReportAsync(console, tap, source, outcome, options, showAll: true).ConfigureAwait(false);
    }

    private static async Task<int> SendOverNatsAsync(
        CliConsole console, string url, AdapterProfiles profiles, IpsId source, OutboundInstruction instruction, AdapterServiceOptions adapterOptions, SendOptions options, CancellationToken cancellationToken)
    {
        await using var bus = await BusCommandSupport.ConnectAsync(console, url, "paymentswitch-send-" + source.Value, NullLoggerFactory.Instance, cancellationToken).ConfigureAwait(false);
        if (bus is null)
        {
            return Cli.Usage;
        }

        // Before the tap subscribes: its subscription to ps.v1.> would make NATS see interest on every subject.
        if (await AdapterCommand.IsRunningAsync(bus, source, cancellationToken).ConfigureAwait(false))
        {
            console.Error.WriteLine($"error: an adapter of {source} already runs on {url}; a second one would take half of its messages. Stop it, or send without --nats.");
            return Cli.Usage;
        }

        // A running hub remembers the UETRs of earlier sends: each send needs a new one, whatever the seed.
        var nationalSwitch = new NationalSwitch(profiles[source], profiles.Topology, console.Time, options.Seed, new NationalSwitchOptions { FreshUetrs = true });
        await using var adapter = new AdapterService(bus, nationalSwitch, console.Time, adapterOptions, NullLogger<AdapterService>.Instance);
        if (!await AdapterCommand.StartAsync(console, adapter, bus, cancellationToken).ConfigureAwait(false))
        {
            return Cli.Usage;
        }

        console.Output.WriteLine($"Joined the switch on {bus.Description} as the adapter of {source} for one payment.");
        await using var tap = await MessageTap.StartAsync(bus, ["ps.v1.>"], cancellationToken, TapCapacity).ConfigureAwait(false);
        var outcome = await adapter.SendAsync(instruction, cancellationToken).ConfigureAwait(false);
        return await ReportAsync(console, tap, source, outcome, options, showAll: false).ConfigureAwait(false);
    }

    private static async Task<int> ReportAsync(CliConsole console, MessageTap tap, IpsId source, PaymentOutcome outcome, SendOptions options, bool showAll)
    {
        var uetr = outcome.Uetr == default ? null : outcome.Uetr.ToString();
        if (uetr is not null && outcome.Stage is OutcomeStage.Accepted or OutcomeStage.Rejected)
        {
            // The source adapter may see the final pacs.002 before the tap prints it.
            var finalSubject = ProtocolSubjects.IpsInbound(source);
            await tap.WaitForAsync(m => m.Subject == finalSubject && MessageIdOf(m) == uetr, TapSettleWait).ConfigureAwait(false);
        }

        if (!options.Quiet)
        {
            // On a shared server only this payment's messages: those that carry its UETR (Nats-Msg-Id, or the event's body).
            var shown = tap.Messages.Where(m => showAll || (uetr is not null && (MessageIdOf(m) == uetr || BusCommandSupport.Text(m.Payload).Contains(uetr, StringComparison.Ordinal))));
            foreach (var message in shown)
            {
                MessagePrinter.Print(console.Output, message);
            }

            if (tap.Dropped > 0)
            {
                console.Output.WriteLine($"({tap.Dropped} more messages on the bus were not kept.)");
            }
        }

        return PrintOutcome(console, outcome);
    }

    private static int PrintOutcome(CliConsole console, PaymentOutcome outcome)
    {
        var output = console.Output;
        var elapsedMs = outcome.Elapsed.Ticks / TimeSpan.TicksPerMillisecond;
        var uetr = outcome.Uetr == default ? "none assigned" : outcome.Uetr.ToString();
        if (outcome.Quote is { } quote)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Quote {quote.QuoteId} from {quote.FxProvider}: rate {quote.Rate}, {BusCommandSupport.Format(quote.SourceAmount)} → {BusCommandSupport.Format(quote.DestinationAmount)}; the creditor gets {BusCommandSupport.Format(quote.CreditorAmount)}, the debtor pays {BusCommandSupport.Format(quote.DebtorTotal)}."));
        }

        var reason = outcome.Reason == StatusReasonCode.None ? string.Empty : $"{StatusReasons.ToCode(outcome.Reason)} ({StatusReasons.Name(outcome.Reason)})";
        var detail = string.IsNullOrEmpty(outcome.Detail) ? string.Empty : $": {outcome.Detail}";
        switch (outcome.Stage)
        {
            case OutcomeStage.Accepted:
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Outcome: ACCEPTED ({outcome.Status}) in {elapsedMs} ms, UETR {uetr}."));
                return Cli.Ok;
            case OutcomeStage.Rejected:
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Outcome: REJECTED by the hub or the destination ({outcome.Status}) in {elapsedMs} ms, UETR {uetr}: {reason}{detail}"));
                return Cli.Invalid;
            case OutcomeStage.Source:
                output.WriteLine($"Outcome: REFUSED by the source IPS before sending, UETR {uetr}: {reason}{detail}");
                return Cli.Invalid;
            default:
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Outcome: NO FINAL ANSWER within the wait ({elapsedMs} ms), UETR {uetr}; 'paymentswitch status {uetr}' shows what the hub knows (is the destination's adapter running?)."));
                return Cli.Invalid;
        }
    }

    private static string? MessageIdOf(in BusMessage message) =>
        message.Headers is { } headers && headers.TryGet(HeaderNames.MessageId, out var id) ? id : null;

    private static bool TryBuildInstruction(CliConsole console, Topology topology, AdapterProfiles profiles, SendOptions options, out IpsId source, out OutboundInstruction instruction)
    {
        instruction = null!;
        if (!AdapterCommand.TryGetProfile(console, profiles, "--from", options.From, out var sourceProfile)
            || !BusCommandSupport.TryParseIps(console, topology, "--to", options.To, out var destination)
            || !BusCommandSupport.TryParseBic(console, "--debtor-bank", options.DebtorBank, out var debtorBank)
            || !BusCommandSupport.TryParseAmount(console, options.Amount, options.Currency, out var money))
        {
            source = default;
            return false;
        }

        source = sourceProfile.Id;
        if (string.IsNullOrWhiteSpace(options.DebtorAccount))
        {
            console.Error.WriteLine("error: --debtor-account must not be empty");
            return false;
        }

        if (source == destination)
        {
            console.Error.WriteLine($"error: --to {destination}: the destination must differ from --from (a domestic payment does not cross the hub)");
            return false;
        }

        var fixedSide = options.Fixed == "destination" ? FixedSide.Destination : FixedSide.Source;
        topology.TryGetIps(destination, out var destinationIps);
        var expected = fixedSide == FixedSide.Source ? sourceProfile.Currency : destinationIps.Currency;
        if (money.Currency != expected)
        {
            console.Error.WriteLine($"error: --currency {money.Currency.Code}: with --fixed {options.Fixed} the amount is in {(fixedSide == FixedSide.Source ? source : destination)}'s currency, {expected.Code}");
            return false;
        }

        var byProxy = !string.IsNullOrWhiteSpace(options.Proxy);
        var byAccount = !string.IsNullOrWhiteSpace(options.CreditorBank) || !string.IsNullOrWhiteSpace(options.CreditorAccount);
        if (byProxy == byAccount)
        {
            console.Error.WriteLine("error: name the creditor either by --proxy or by --creditor-bank with --creditor-account, not both or neither");
            return false;
        }

        OutboundCreditor creditor;
        if (byProxy)
        {
            if (string.IsNullOrWhiteSpace(options.ProxyType))
            {
                console.Error.WriteLine("error: --proxy-type must not be empty");
                return false;
            }

            creditor = OutboundCreditor.ByProxy(options.ProxyType.Trim(), options.Proxy!.Trim());
        }
        else
        {
            if (string.IsNullOrWhiteSpace(options.CreditorAccount))
            {
                console.Error.WriteLine("error: --creditor-account is required with --creditor-bank");
                return false;
            }

            if (!BusCommandSupport.TryParseBic(console, "--creditor-bank", options.CreditorBank ?? string.Empty, out var creditorBank))
            {
                return false;
            }

            creditor = OutboundCreditor.ByAccount(creditorBank, options.CreditorAccount.Trim());
        }

        if (options.Remittance is { Length: > 140 })
        {
            console.Error.WriteLine("error: --remittance is at most 140 characters (RmtInf/Ustrd)");
            return false;
        }

        instruction = new OutboundInstruction(
            debtorBank, options.DebtorAccount.Trim(), destination, creditor, money, fixedSide,
            options.Priority == "HIGH" ? Priority.HIGH : Priority.NORM,
            PurposeCode: string.IsNullOrWhiteSpace(options.Purpose) ? null : options.Purpose.Trim().ToUpperInvariant(),
            CreditorName: string.IsNullOrWhiteSpace(options.CreditorName) ? null : options.CreditorName.Trim(),
            RemittanceText: string.IsNullOrWhiteSpace(options.Remittance) ? null : options.Remittance);
        return true;
    }
}

/// <summary>The send command's options, as typed.</summary>
internal sealed record SendOptions(
    string? NatsUrl, string From, string DebtorBank, string DebtorAccount, string To, string? Proxy, string ProxyType, string? CreditorBank, string? CreditorAccount,
    string? CreditorName, string Amount, string Currency, string Fixed, string Priority, string? Purpose, string? Remittance, long Seed, string Wait, bool Xml, bool Quiet,
    bool Reliable);
