using System.CommandLine;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Examples;
using PaymentSwitch.Iso20022.Xml;

namespace PaymentSwitch.Cli;

/// <summary>
/// <c>paymentswitch iso tour</c>: a guided tour of the ISO 20022 tools (validate, convert between versions and
/// encodings) on the bundled SGD→THB example payment.
/// </summary>
internal static class IsoTourCommand
{
    public static Command Create(CliConsole console)
    {
        var keep = new Option<string?>("--keep") { Description = "Write the tour files into this folder and keep them (default: a temporary folder, deleted afterwards)." };
        var command = new Command("tour", "Tour the ISO 20022 tools on the bundled SGD->THB example payment.") { keep };
        command.SetAction(parse => Run(console, parse.GetValue(keep)));
        return command;
    }

    internal static int Run(CliConsole console, string? keepDirectory)
    {
        var o = console.Output;
        o.WriteLine("PaymentSwitch ISO 20022 tour");
        o.WriteLine("============================");
        o.WriteLine("The ISO 20022 tools the switch uses, on the bundled example payment.");
        o.WriteLine();

        var directory = keepDirectory ?? Directory.CreateTempSubdirectory("paymentswitch-tour-").FullName;
        Directory.CreateDirectory(directory);
        try
        {
            return Tour(console, directory);
        }
        finally
        {
            if (keepDirectory is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static int Tour(CliConsole console, string directory)
    {
        var o = console.Output;

        // One instant for the whole tour, so every example message tells the same story.
        var time = new FrozenTime(console.Time.GetUtcNow());
        var failures = 0;
        var payment = AseanExamples.CreditTransfer(time);
        var transaction = payment.Transactions[0];
        var source = Path.Combine(directory, "sgd-thb.pacs.008.001.13.xml");
        File.WriteAllText(source, IsoXml.Write(payment, MessageVersion.Pacs008V13, AseanExamples.Header(payment, MessageVersion.Pacs008V13), indent: true));

        o.WriteLine("1. The example: a PayNow customer of DBS pays a PromptPay customer of Bangkok Bank through Nexus");
        o.WriteLine($"   debtor      {transaction.Debtor.Name} ({transaction.DebtorAgent.Bicfi}), account {transaction.DebtorAccount?.Other?.Id}");
        o.WriteLine($"   creditor    {transaction.Creditor.Name} ({transaction.CreditorAgent.Bicfi}), PromptPay {transaction.CreditorAccount?.Proxy?.Id}");
        o.WriteLine($"   instructed  {transaction.InstructedAmount}, rate {transaction.ExchangeRate} THB per SGD");
        o.WriteLine($"   settled     {transaction.InterbankSettlementAmount} through {transaction.IntermediaryAgent1?.Bicfi} (SGD side) and {transaction.IntermediaryAgent2?.Bicfi} (THB side)");
        o.WriteLine($"   UETR        {transaction.PaymentId.Uetr}");
        o.WriteLine($"   written to  {source}");
        o.WriteLine();

        o.WriteLine($"2. paymentswitch iso validate {Path.GetFileName(source)}");
        failures += Step(console, () => IsoValidateCommand.Run(console, [source], null, verbose: false));

        var older = Path.Combine(directory, "sgd-thb.pacs.008.001.08.xml");
        o.WriteLine($"3. paymentswitch iso convert {Path.GetFileName(source)} --to xml --version pacs.008.001.08 (CBPR+ version)");
        failures += Step(console, () => IsoConvertCommand.Run(console, source, "xml", "pacs.008.001.08", older));
        if (File.Exists(older))
        {
            o.WriteLine($"   wrote {older} ({new FileInfo(older).Length} bytes); validating it:");
            failures += Step(console, () => IsoValidateCommand.Run(console, [older], null, verbose: false));
        }

        var json = Path.Combine(directory, "sgd-thb.json");
        o.WriteLine($"4. paymentswitch iso convert {Path.GetFileName(source)} --to json");
        failures += Step(console, () => IsoConvertCommand.Run(console, source, "json", null, json));
        if (File.Exists(json))
        {
            var lines = File.ReadAllLines(json);
            o.WriteLine($"   wrote {json} ({lines.Length} lines); it begins:");
            foreach (var line in lines.Take(12))
            {
                o.WriteLine($"     {line}");
            }

            o.WriteLine("     ...");
            o.WriteLine("   and converts back to XML (JSON -> pacs.008.001.13):");
            var back = Path.Combine(directory, "sgd-thb.back.xml");
            failures += Step(console, () => IsoConvertCommand.Run(console, json, "xml", null, back));
            if (File.Exists(back))
            {
                var same = IsoXml.Read(File.ReadAllText(back)).Envelope?.Message == payment;
                o.WriteLine(same ? "   the message read back equals the original" : "   the message read back DIFFERS from the original");
                failures += same ? 0 : 1;
            }
        }

        o.WriteLine();
        o.WriteLine("5. Every example message (paymentswitch iso example TYPE):");
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            var version = MessageVersions.Latest(kind);
            var message = AseanExamples.Example(kind, time);
            string status;
            try
            {
                var read = IsoXml.Read(IsoXml.Write(message, version));
                status = read.IsSuccess ? "valid" : $"INVALID: {string.Join("; ", read.Errors)}";
                failures += read.IsSuccess ? 0 : 1;
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or InvalidOperationException)
            {
                status = $"cannot be written yet: {ex.Message}";
                failures++;
            }

            o.WriteLine($"   {kind.ShortName()}  {version.Identifier(),-16} {MessageFiles.MessageId(message),-30} {status}");
        }

        o.WriteLine();
        o.WriteLine(failures == 0
            ? "Tour finished: all steps succeeded."
            : $"Tour finished with {failures} failed step(s).");
        return failures == 0 ? Cli.Ok : Cli.Invalid;
    }

    private static int Step(CliConsole console, Func<int> step)
    {
        var exit = step();
        console.Output.WriteLine($"   exit code {exit}");
        return exit == Cli.Ok ? 0 : 1;
    }

    private sealed class FrozenTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
