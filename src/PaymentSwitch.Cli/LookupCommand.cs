using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using PaymentSwitch.Adapters;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Iso20022.Xml;
using PaymentSwitch.Services.Protocol;
using Spectre.Console;

namespace PaymentSwitch.Cli;

/// <summary>
/// <c>paymentswitch lookup --proxy +66-812345678 [--proxy-type MBNO] --from-psp DBSSSGSGXXX --to TH-PROMPTPAY</c>:
/// the acmt.023 a bank sends before paying a proxy, through the hub (<c>ps.v1.hub.lookup</c>) to the destination IPS's
/// proxy directory; prints the acmt.024 answer: verified or not (with the reason), the creditor's bank and the masked
/// name the sender confirms. The holder's full name is not printed. Exit 0 when verified, 1 when not or when the hub refused.
/// </summary>
internal static class LookupCommand
{
    public static Command Create(CliConsole console)
    {
        var nats = BusCommandSupport.NatsOption();
        var proxy = new Option<string>("--proxy") { Description = "The proxy in the destination's format, e.g. +66-812345678.", Required = true };
        var proxyType = new Option<string>("--proxy-type") { Description = "The proxy type: MBNO, NIDN, EMAL, EWAL, or a scheme's own (UEN, VPA, BRN).", DefaultValueFactory = static _ => "MBNO" };
        var fromPsp = new Option<string>("--from-psp") { Description = "The BIC of the bank asking (a participant of the hub).", Required = true };
        var to = new Option<string>("--to") { Description = "The IPS whose proxy directory holds the proxy, e.g. TH-PROMPTPAY.", Required = true };
        var format = new Option<string>("--format") { Description = "table or xml (the acmt.024 as ISO 20022 XML).", DefaultValueFactory = static _ => "table" };
        BusCommandSupport.OneOf(format, "table", "xml");
        var timeout = BusCommandSupport.TimeoutOption();
        var command = new Command("lookup", "Resolve a proxy (mobile number, national id...) through the hub: acmt.023 to the destination's directory, acmt.024 back.")
        {
            nats, proxy, proxyType, fromPsp, to, format, timeout,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            new LookupOptions(parse.GetValue(nats)!, parse.GetValue(proxy)!, parse.GetValue(proxyType)!, parse.GetValue(fromPsp)!, parse.GetValue(to)!, parse.GetValue(format)!, parse.GetValue(timeout)!),
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(CliConsole console, LookupOptions options, CancellationToken cancellationToken)
    {
        var topology = Topology.LoadDefault();
        if (!BusCommandSupport.TryParseBic(console, "--from-psp", options.FromPsp, out var psp)
            || !BusCommandSupport.TryParseIps(console, topology, "--to", options.To, out var destination)
            || !BusCommandSupport.TryParseDuration(console, "--timeout", options.Timeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), out var timeout))
        {
            return Cli.Usage;
        }

        if (string.IsNullOrWhiteSpace(options.Proxy) || string.IsNullOrWhiteSpace(options.ProxyType))
        {
            console.Error.WriteLine("error: --proxy and --proxy-type must not be empty");
            return Cli.Usage;
        }

        if (!topology.TryGetParticipant(psp, out var participant))
        {
            console.Error.WriteLine($"error: --from-psp {psp}: not a participant of the hub");
            return Cli.Usage;
        }

        // The acmt.023 is built by the asking bank's own IPS, exactly as its adapter does before a payment to a proxy.
        var profiles = AdapterProfiles.LoadDefault(topology);
        if (!profiles.TryGet(participant.Ips, out var profile))
        {
            console.Error.WriteLine($"error: --from-psp {psp}: its IPS {participant.Ips} has no adapter profile");
            return Cli.Usage;
        }

        var request = new NationalSwitch(profile, topology, console.Time, seed: 0).BuildProxyLookup(psp, destination, options.ProxyType.Trim(), options.Proxy.Trim());
        var (payload, headers) = IsoWire.Encode(request, MessageVersions.Latest(MessageKind.Acmt023), ContentTypes.Xml, null);
        await using var bus = await BusCommandSupport.ConnectAsync(console, options.NatsUrl, "paymentswitch-lookup", NullLoggerFactory.Instance, cancellationToken).ConfigureAwait(false);
        if (bus is null)
        {
            return Cli.Usage;
        }

        if (await BusCommandSupport.RequestAsync(console, bus, ProtocolSubjects.ProxyLookup, payload, headers, timeout, cancellationToken).ConfigureAwait(false) is not { } reply)
        {
            return Cli.Usage;
        }

        if (BusCommandSupport.TryReportHubError(console, reply))
        {
            return Cli.Invalid;
        }

        if (!IsoWire.TryDecode(reply, out var envelope, out var rejection) || envelope.Message is not IdentificationVerificationReport report)
        {
            console.Error.WriteLine($"error: the reply is not an acmt.024: {(rejection == default ? "unexpected message" : rejection.ToString())}");
            return Cli.Invalid;
        }

        if (options.Format == "xml")
        {
            console.Output.WriteLine(IsoXml.Write(report, envelope.Version, envelope.Header, indent: true));
        }

        var verified = ProxyResolution.TryFrom(report, out var resolution, out var reason);
        if (options.Format == "table")
        {
            var table = new Table().Title($"acmt.024: proxy {Markup.Escape(options.ProxyType.Trim())} {Markup.Escape(options.Proxy.Trim())} in {destination}").AddColumns("Field", "Value").HideHeaders();
            table.AddRow("Verified", verified ? "[green]yes[/]" : "[red]no[/]");
            if (verified)
            {
                table.AddRow("Bank", Markup.Escape(resolution.Bank.Value));
                table.AddRow("Name (masked)", Markup.Escape(resolution.MaskedName));
            }
            else
            {
                table.AddRow("Reason", Markup.Escape($"{StatusReasons.ToCode(reason)} ({StatusReasons.Name(reason)})"));
            }

            BusCommandSupport.Ui(console).Write(table);
        }

        return verified ? Cli.Ok : Cli.Invalid;
    }
}

/// <summary>The lookup command's options, as typed.</summary>
internal sealed record LookupOptions(string NatsUrl, string Proxy, string ProxyType, string FromPsp, string To, string Format, string Timeout);
