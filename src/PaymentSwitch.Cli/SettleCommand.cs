using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PaymentSwitch.Services.Protocol;
using Spectre.Console;

namespace PaymentSwitch.Cli;

/// <summary>
/// <c>paymentswitch settle [--format table|json]</c>: asks the running hub to close the open settlement cycle now
/// (<c>ps.v1.admin.settle</c>) and prints its report: each participant's multilateral net per currency and the
/// settlement instructions (who pays whom in which IPS).
/// </summary>
internal static class SettleCommand
{
    public static Command Create(CliConsole console)
    {
        var nats = BusCommandSupport.NatsOption();
        var format = BusCommandSupport.FormatOption();
        var timeout = BusCommandSupport.TimeoutOption();
        var command = new Command("settle", "Close the hub's open settlement cycle now and print the report: multilateral nets per currency and settlement instructions.")
        {
            nats, format, timeout,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(console, parse.GetValue(nats)!, parse.GetValue(format)!, parse.GetValue(timeout)!, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(CliConsole console, string natsUrl, string format, string timeoutText, CancellationToken cancellationToken)
    {
        if (!BusCommandSupport.TryParseDuration(console, "--timeout", timeoutText, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), out var timeout))
        {
            return Cli.Usage;
        }

        await using var bus = await BusCommandSupport.ConnectAsync(console, natsUrl, "paymentswitch-settle", NullLoggerFactory.Instance, cancellationToken).ConfigureAwait(false);
        if (bus is null)
        {
            return Cli.Usage;
        }

        if (await BusCommandSupport.RequestAsync(console, bus, ProtocolSubjects.AdminSettle, ReadOnlyMemory<byte>.Empty, BusCommandSupport.JsonHeaders(), timeout, cancellationToken).ConfigureAwait(false) is not { } reply)
        {
            return Cli.Usage;
        }

        if (BusCommandSupport.TryReportHubError(console, reply))
        {
            return Cli.Invalid;
        }

        if (!JsonWire.TryDeserialize<SettlementReportDto>(reply.Payload, out var report, out var rejection))
        {
            console.Error.WriteLine($"error: the hub's reply is not a settlement report: {rejection}");
            return Cli.Invalid;
        }

        if (format == "json")
        {
            console.Output.WriteLine(BusCommandSupport.Text(reply.Payload));
            return Cli.Ok;
        }

        Print(BusCommandSupport.Ui(console), report!);
        return Cli.Ok;
    }

    private static void Print(IAnsiConsole ui, SettlementReportDto report)
    {
        ui.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"Settlement cycle {report.CycleNumber}: {BusCommandSupport.Format(report.OpenedAt)} to {BusCommandSupport.Format(report.ClosedAt)}, {report.CommittedLegCount} committed legs, {report.Currencies.Count} currencies.")));
        var nets = new Table().Title("Multilateral nets").AddColumns("Currency", "IPS", "Participant", "Net", "Pays / receives");
        foreach (var currency in report.Currencies)
        {
            foreach (var net in currency.Nets.Where(static n => n.NetMinor != 0))
            {
                nets.AddRow(
                    Markup.Escape(currency.Currency),
                    Markup.Escape(currency.Ips),
                    Markup.Escape(net.Participant),
                    Markup.Escape(BusCommandSupport.Format(new AmountDto(currency.Currency, net.NetMinor))),
                    net.NetMinor < 0 ? "pays" : "receives");
            }
        }

        var instructions = new Table().Title("Settlement instructions").AddColumns("IPS", "Payer", "Payee", "Amount");
        foreach (var instruction in report.Currencies.SelectMany(static c => c.Instructions))
        {
            instructions.AddRow(Markup.Escape(instruction.Ips), Markup.Escape(instruction.Payer), Markup.Escape(instruction.Payee), Markup.Escape(BusCommandSupport.Format(instruction.Amount)));
        }

        if (nets.Rows.Count == 0)
        {
            ui.MarkupLine("Nothing to settle: every participant's net is zero.");
            return;
        }

        ui.Write(nets);
        ui.Write(instructions);
    }
}
