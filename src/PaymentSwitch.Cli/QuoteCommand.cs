using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Services.Protocol;
using Spectre.Console;

namespace PaymentSwitch.Cli;

/// <summary>
/// <c>paymentswitch quote --from SG-FAST --to TH-PROMPTPAY --psp DBSSSGSGXXX --amount 1000.00 --currency SGD [--fixed source]</c>:
/// asks the running hub for FX quotes (<c>ps.v1.hub.quotes</c>) and prints one row per FX provider, the best marked,
/// or the refusals. Exit 0 with at least one quote, 1 when the hub refused or nobody quoted, 2 for a usage or connection error.
/// </summary>
internal static class QuoteCommand
{
    public static Command Create(CliConsole console)
    {
        var nats = BusCommandSupport.NatsOption();
        var from = new Option<string>("--from") { Description = "The source IPS, e.g. SG-FAST.", Required = true };
        var to = new Option<string>("--to") { Description = "The destination IPS, e.g. TH-PROMPTPAY.", Required = true };
        var psp = new Option<string>("--psp") { Description = "The BIC of the requesting PSP (a payment may cite only a quote issued to its own PSP).", Required = true };
        var amount = new Option<string>("--amount") { Description = "The amount, e.g. 1000.00 (at most the currency's decimal places).", Required = true };
        var currency = new Option<string>("--currency") { Description = "The ISO 4217 currency of --amount: the source currency with --fixed source, else the destination's.", Required = true };
        var fixedSide = new Option<string>("--fixed") { Description = "Which side of the amount is fixed: source or destination.", DefaultValueFactory = static _ => "source" };
        BusCommandSupport.OneOf(fixedSide, "source", "destination");
        var format = BusCommandSupport.FormatOption();
        var timeout = BusCommandSupport.TimeoutOption();
        var command = new Command("quote", "Ask the hub for FX quotes for a payment between two IPSs; print them, the best marked, or the refusals.")
        {
            nats, from, to, psp, amount, currency, fixedSide, format, timeout,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            new QuoteOptions(
                parse.GetValue(nats)!, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(psp)!, parse.GetValue(amount)!, parse.GetValue(currency)!,
                parse.GetValue(fixedSide)!, parse.GetValue(format)!, parse.GetValue(timeout)!),
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(CliConsole console, QuoteOptions options, CancellationToken cancellationToken)
    {
        var topology = Topology.LoadDefault();
        if (!BusCommandSupport.TryParseIps(console, topology, "--from", options.From, out var source)
            || !BusCommandSupport.TryParseIps(console, topology, "--to", options.To, out var destination)
            || !BusCommandSupport.TryParseBic(console, "--psp", options.Psp, out var psp)
            || !BusCommandSupport.TryParseAmount(console, options.Amount, options.Currency, out var money)
            || !BusCommandSupport.TryParseDuration(console, "--timeout", options.Timeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), out var timeout))
        {
            return Cli.Usage;
        }

        var request = new QuoteRequestDto(source.Value, destination.Value, psp.Value, AmountDto.From(money), options.Fixed);
        await using var bus = await BusCommandSupport.ConnectAsync(console, options.NatsUrl, "paymentswitch-quote", NullLoggerFactory.Instance, cancellationToken).ConfigureAwait(false);
        if (bus is null)
        {
            return Cli.Usage;
        }

        if (await BusCommandSupport.RequestAsync(console, bus, ProtocolSubjects.Quotes, JsonWire.Serialize(request), BusCommandSupport.JsonHeaders(), timeout, cancellationToken).ConfigureAwait(false) is not { } reply)
        {
            return Cli.Usage;
        }

        if (BusCommandSupport.TryReportHubError(console, reply))
        {
            return Cli.Invalid;
        }

        if (!JsonWire.TryDeserialize<QuoteResponseDto>(reply.Payload, out var response, out var rejection))
        {
            console.Error.WriteLine($"error: the hub's reply is not a quote response: {rejection}");
            return Cli.Invalid;
        }

        if (options.Format == "json")
        {
            console.Output.WriteLine(BusCommandSupport.Text(reply.Payload));
        }
        else
        {
            Print(BusCommandSupport.Ui(console, minWidth: 180), request, response!);
        }

        if (response!.Quotes.Count == 0)
        {
            console.Error.WriteLine(response.Rejections.Count > 0
                ? $"error: no FX provider quoted; first refusal: {response.Rejections[0].Reason} {response.Rejections[0].Field}: {response.Rejections[0].Detail}"
                : "error: no FX provider quoted this payment");
            return Cli.Invalid;
        }

        return Cli.Ok;
    }

    private static void Print(IAnsiConsole ui, QuoteRequestDto request, QuoteResponseDto response)
    {
        if (response.Quotes.Count > 0)
        {
            var table = new Table()
                .Title($"Quotes {request.SourceIps} → {request.DestinationIps} for {Markup.Escape(BusCommandSupport.Format(request.Amount))} ({request.Fixed} fixed), PSP {request.RequestingPsp}")
                .AddColumns("Best", "FX provider", "Rate", "Source", "Destination", "Fees: source PSP, destination PSP, scheme", "Creditor gets", "Debtor pays", "Expires (UTC)", "Quote id");
            foreach (var quote in response.Quotes)
            {
                var fees = $"{BusCommandSupport.Format(quote.SourcePspFee)}, {BusCommandSupport.Format(quote.DestinationPspFee)}, {BusCommandSupport.Format(quote.SchemeFee)}";
                table.AddRow(
                    quote.Best ? "[green]best[/]" : string.Empty,
                    Markup.Escape(quote.FxProvider),
                    quote.Rate.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(BusCommandSupport.Format(quote.SourceAmount)),
                    Markup.Escape(BusCommandSupport.Format(quote.DestinationAmount)),
                    Markup.Escape(fees),
                    Markup.Escape(BusCommandSupport.Format(quote.CreditorAmount)),
                    Markup.Escape(BusCommandSupport.Format(quote.DebtorTotal)),
                    quote.ExpiresAt.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(quote.QuoteId));
            }

            ui.Write(table);
        }

        if (response.Rejections.Count > 0)
        {
            var table = new Table().Title("Refusals (ISO 20022 reason codes)").AddColumns("Reason", "Meaning", "Field", "Detail");
            foreach (var rejection in response.Rejections)
            {
                var meaning = StatusReasons.TryParse(rejection.Reason, out var code) ? StatusReasons.Name(code) : string.Empty;
                table.AddRow(Markup.Escape(rejection.Reason), Markup.Escape(meaning), Markup.Escape(rejection.Field), Markup.Escape(rejection.Detail));
            }

            ui.Write(table);
        }
    }
}

/// <summary>The quote command's options, as typed.</summary>
internal sealed record QuoteOptions(string NatsUrl, string From, string To, string Psp, string Amount, string Currency, string Fixed, string Format, string Timeout);
