using System.CommandLine;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Examples;
using PaymentSwitch.Iso20022.Xml;

namespace PaymentSwitch.Cli;

/// <summary><c>paymentswitch iso example TYPE [--version V] [--format xml|json] [--header]</c>.</summary>
internal static class IsoExampleCommand
{
    public static Command Create(CliConsole console)
    {
        var type = new Argument<string>("TYPE") { Description = "Message: pacs.008, pacs.002, pacs.004, pacs.028, camt.056, camt.029, acmt.023, acmt.024 (or a full identifier such as pacs.008.001.08)." };
        var version = new Option<string?>("--version") { Description = "Message version; default: the newest PaymentSwitch supports." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = static _ => "xml" };
        format.AcceptOnlyFromAmong("xml", "json");
        var header = new Option<bool>("--header") { Description = "Wrap the message with a head.001.001.02 business application header." };
        var command = new Command("example", "Print a realistic ASEAN example: SGD 1,000.00 from a PayNow customer of DBS to a PromptPay customer of Bangkok Bank through Nexus, and the messages around it.")
        {
            type,
            version,
            format,
            header,
        };
        command.SetAction(parse => Run(console, parse.GetValue(type)!, parse.GetValue(version), parse.GetValue(format) ?? "xml", parse.GetValue(header)));
        return command;
    }

    internal static int Run(CliConsole console, string type, string? versionText, string format, bool withHeader)
    {
        if (!MessageKindNames.TryParse(type, out var kind, out var fromType))
        {
            console.Error.WriteLine($"error: unknown message '{type}'; expected one of {string.Join(", ", Enum.GetValues<MessageKind>().Select(static k => k.ShortName()))}");
            return Cli.Usage;
        }

        var version = fromType ?? MessageVersions.Latest(kind);
        if (versionText is not null)
        {
            if (!MessageVersions.TryParseIdentifier(versionText, out version) || version.Kind() != kind)
            {
                console.Error.WriteLine($"error: --version {versionText}: {kind.ShortName()} is available as {string.Join(", ", MessageVersions.VersionsOf(kind).Select(static v => v.Identifier()))}");
                return Cli.Usage;
            }
        }

        var message = AseanExamples.Example(kind, console.Time);
        var header = withHeader ? AseanExamples.Header(message, version) : null;
        try
        {
            if (format == "json")
            {
                // Written through the requested version, so an older version's JSON holds only what it can carry.
                var source = new IsoEnvelope(MessageVersions.Latest(kind), header, message);
                var conversion = IsoConvertCommand.Convert(source, version, MessageFormat.Json);
                foreach (var omitted in conversion.Omitted)
                {
                    console.Error.WriteLine($"warning: {version.Identifier()} cannot carry {omitted}; omitted");
                }

                if (conversion.Error is not null)
                {
                    console.Error.WriteLine($"error: {conversion.Error}");
                    return Cli.Invalid;
                }

                console.Output.WriteLine(System.Text.Encoding.UTF8.GetString(conversion.Bytes!));
                return Cli.Ok;
            }

            var written = IsoXml.WriteDetailed(message, version, header, indent: true);
            foreach (var omitted in written.Omitted)
            {
                console.Error.WriteLine($"warning: {version.Identifier()} cannot carry {omitted}; omitted");
            }

            console.Output.WriteLine(written.Xml);
            return Cli.Ok;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or InvalidOperationException)
        {
            console.Error.WriteLine($"error: cannot write {version.Identifier()}: {ex.Message}");
            return Cli.Invalid;
        }
    }
}
