using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PaymentSwitch.Domain;
using PaymentSwitch.Services.Protocol;
using Spectre.Console;

namespace PaymentSwitch.Cli;

/// <summary>
/// <c>paymentswitch status UETR [--format table|json]</c>: the hub's record of one payment (<c>ps.v1.admin.status</c>).
/// A payment the hub does not know is its TM01 error reply (exit 1).
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliConsole console)
    {
        var uetr = new Argument<string?>("UETR") { Description = "The payment's UETR (a version 4 UUID, e.g. 8a562c67-ca16-48ba-b074-65581be6f001).", Arity = ArgumentArity.ZeroOrOne };
        var nats = BusCommandSupport.NatsOption();
        var format = BusCommandSupport.FormatOption();
        var timeout = BusCommandSupport.TimeoutOption();
        var command = new Command("status", "Print the hub's record of one payment: state, last status, reason, corridor, amounts and rate.")
        {
            uetr, nats, format, timeout,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(console, parse.GetValue(uetr), parse.GetValue(nats)!, parse.GetValue(format)!, parse.GetValue(timeout)!, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(CliConsole console, string? uetrText, string natsUrl, string format, string timeoutText, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(uetrText))
        {
            console.Error.WriteLine("error: UETR missing: give the payment's UETR, e.g. paymentswitch status 8a562c67-ca16-48ba-b074-65581be6f001");
            return Cli.Usage;
        }

        if (!Uetr.TryParse(uetrText?.Trim(), out var uetr, out var failure))
        {
            console.Error.WriteLine($"error: UETR {uetrText}: {failure.Rule}");
            return Cli.Usage;
        }

        if (!BusCommandSupport.TryParseDuration(console, "--timeout", timeoutText, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), out var timeout))
        {
            return Cli.Usage;
        }

        await using var bus = await BusCommandSupport.ConnectAsync(console, natsUrl, "paymentswitch-status", NullLoggerFactory.Instance, cancellationToken).ConfigureAwait(false);
        if (bus is null)
        {
            return Cli.Usage;
        }

        var payload = Encoding.UTF8.GetBytes(uetr.ToString());
        if (await BusCommandSupport.RequestAsync(console, bus, ProtocolSubjects.AdminStatus, payload, BusCommandSupport.JsonHeaders(), timeout, cancellationToken).ConfigureAwait(false) is not { } reply)
        {
            return Cli.Usage;
        }

        if (BusCommandSupport.TryReportHubError(console, reply))
        {
            return Cli.Invalid;
        }

        if (!JsonWire.TryDeserialize<PaymentStatusDto>(reply.Payload, out var record, out var rejection))
        {
            console.Error.WriteLine($"error: the hub's reply is not a payment record: {rejection}");
            return Cli.Invalid;
        }

        if (format == "json")
        {
            console.Output.WriteLine(BusCommandSupport.Text(reply.Payload));
            return Cli.Ok;
        }

        var reason = record!.Reason is { } code
            ? StatusReasons.TryParse(code, out var parsed) ? $"{code} ({StatusReasons.Name(parsed)})" : code
            : "-";
        var table = new Table().Title($"Payment {Markup.Escape(record.Uetr)}").AddColumns("Field", "Value").HideHeaders();
        table.AddRow("State", Markup.Escape(record.State));
        table.AddRow("Last status", Markup.Escape(record.LastStatus));
        table.AddRow("Reason", Markup.Escape(reason));
        table.AddRow("Corridor", Markup.Escape($"{record.SourceIps} → {record.DestinationIps}"));
        table.AddRow("Instructed amount", Markup.Escape(BusCommandSupport.Format(record.InstructedAmount)));
        table.AddRow("Settlement amount", Markup.Escape(BusCommandSupport.Format(record.SettlementAmount)));
        table.AddRow("Exchange rate", record.ExchangeRate.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Received (UTC)", BusCommandSupport.Format(record.ReceivedAt));
        table.AddRow("Updated (UTC)", BusCommandSupport.Format(record.UpdatedAt));
        BusCommandSupport.Ui(console).Write(table);
        return Cli.Ok;
    }
}
