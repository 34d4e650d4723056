using System.CommandLine;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;

namespace PaymentSwitch.Cli;

/// <summary><c>paymentswitch iso validate FILE... [--xsd DIR] [--verbose]</c>.</summary>
internal static class IsoValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = "ISO 20022 XML (or canonical JSON / MessagePack) files; '-' reads standard input.", Arity = ArgumentArity.OneOrMore };
        var xsd = new Option<string?>("--xsd") { Description = "Also validate against the official XSD files in this folder (head.001.001.02.xsd, pacs.008.001.13.xsd, ...)." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also list elements that were skipped because PaymentSwitch does not model them." };
        var command = new Command("validate", "Check ISO 20022 messages: prints 'OK <file>: <id> (<version>)' or each error as '<file>: <CODE> <path>: <rule>'. Exit 0 all valid, 1 any invalid, 2 usage error.")
        {
            files,
            xsd,
            verbose,
        };
        command.SetAction(parse => Run(console, parse.GetValue(files) ?? [], parse.GetValue(xsd), parse.GetValue(verbose)));
        return command;
    }

    internal static int Run(CliConsole console, IReadOnlyList<string> files, string? xsdDirectory, bool verbose)
    {
        XsdCheck? xsd = null;
        if (xsdDirectory is not null)
        {
            if (!Directory.Exists(xsdDirectory))
            {
                console.Error.WriteLine($"error: --xsd {xsdDirectory}: no such folder");
                return Cli.Usage;
            }

            xsd = new XsdCheck(xsdDirectory);
        }

        var usage = false;
        var invalid = false;
        foreach (var file in files)
        {
            var input = MessageFiles.Load(file, console, out var usageError, out var sizeError);
            if (input is null)
            {
                usage |= usageError;
                continue;
            }

            if (sizeError is not null)
            {
                console.Output.WriteLine($"{input.Name}: {sizeError}");
                invalid = true;
                continue;
            }

            var decoded = MessageFiles.Decode(input);
            var errors = decoded.Errors.ToList();
            var warnings = decoded.Warnings;
            var xml = input.Bytes;
            if (decoded.IsSuccess && input.Format != MessageFormat.Xml)
            {
                // JSON and MessagePack hold the canonical model; check what it would be on the wire in its version.
                var envelope = decoded.Envelope!;
                try
                {
                    var text = IsoXml.Write(envelope.Message, envelope.Version, envelope.Header);
                    var reread = IsoXml.Read(text);
                    errors.AddRange(reread.Errors.Select(static e => e.ToString()));
                    warnings = reread.Warnings;
                    xml = System.Text.Encoding.UTF8.GetBytes(text);
                }
                catch (Exception ex) when (ex is ArgumentException or NotSupportedException or InvalidOperationException)
                {
                    errors.Add($"FF01 /: cannot be written as {envelope.Version.Identifier()}: {ex.Message}");
                }
            }

            if (xsd is not null && (input.Format == MessageFormat.Xml || decoded.IsSuccess))
            {
                try
                {
                    errors.AddRange(xsd.Validate(xml));
                }
                catch (FileNotFoundException ex)
                {
                    console.Error.WriteLine($"error: --xsd: {ex.Message}");
                    return Cli.Usage;
                }
            }

            if (verbose)
            {
                foreach (var warning in warnings)
                {
                    console.Output.WriteLine($"{input.Name}: warning: skipped {warning}");
                }
            }

            if (errors.Count == 0 && decoded.Envelope is { } ok)
            {
                console.Output.WriteLine($"OK {input.Name}: {MessageFiles.MessageId(ok.Message)} ({ok.Version.Identifier()})");
                continue;
            }

            invalid = true;
            foreach (var error in errors)
            {
                console.Output.WriteLine($"{input.Name}: {error}");
            }
        }

        return usage ? Cli.Usage : invalid ? Cli.Invalid : Cli.Ok;
    }
}
