using System.CommandLine;
using System.Text;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Json;
using PaymentSwitch.Iso20022.Xml;

namespace PaymentSwitch.Cli;

/// <summary><c>paymentswitch iso convert FILE --to json|msgpack|xml [--version V] [--output PATH]</c>.</summary>
internal static class IsoConvertCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "Input: ISO 20022 XML, canonical JSON or MessagePack (detected from the first byte); '-' reads standard input." };
        var to = new Option<string>("--to") { Description = "Output format.", Required = true };
        to.AcceptOnlyFromAmong("xml", "json", "msgpack");
        var version = new Option<string?>("--version") { Description = "Target message version, e.g. pacs.008.001.08; default: the input's version." };
        var output = new Option<string?>("--output", "-o") { Description = "Write here instead of standard output (required for msgpack unless standard output is a pipe)." };
        var command = new Command("convert", "Convert a message between XML, canonical JSON and MessagePack, and between versions of the same message. What the target version cannot carry is listed on standard error.")
        {
            file,
            to,
            version,
            output,
        };
        command.SetAction(parse => Run(console, parse.GetValue(file)!, parse.GetValue(to)!, parse.GetValue(version), parse.GetValue(output)));
        return command;
    }

    internal static int Run(CliConsole console, string file, string to, string? versionText, string? outputPath)
    {
        if (!Enum.TryParse<MessageFormat>(to == "msgpack" ? nameof(MessageFormat.MessagePack) : to, ignoreCase: true, out var target))
        {
            console.Error.WriteLine($"error: --to {to}: expected xml, json or msgpack");
            return Cli.Usage;
        }

        MessageVersion? requested = null;
        if (versionText is not null)
        {
            if (!MessageVersions.TryParseIdentifier(versionText, out var parsedVersion))
            {
                console.Error.WriteLine($"error: --version {versionText}: expected one of {string.Join(", ", MessageVersions.All.Select(static v => v.Identifier()))}");
                return Cli.Usage;
            }

            requested = parsedVersion;
        }

        if (target == MessageFormat.MessagePack && outputPath is null && console.BinaryOutput is null)
        {
            console.Error.WriteLine("error: MessagePack is binary: give --output PATH or pipe standard output to a file");
            return Cli.Usage;
        }

        var input = MessageFiles.Load(file, console, out var usageError, out var sizeError);
        if (input is null)
        {
            return usageError ? Cli.Usage : Cli.Invalid;
        }

        if (sizeError is not null)
        {
            console.Error.WriteLine($"{input.Name}: {sizeError}");
            return Cli.Invalid;
        }

        var decoded = MessageFiles.Decode(input);
        if (!decoded.IsSuccess)
        {
            foreach (var error in decoded.Errors)
            {
                console.Error.WriteLine($"{input.Name}: {error}");
            }

            return Cli.Invalid;
        }

        var envelope = decoded.Envelope!;
        var version = requested ?? envelope.Version;
        if (version.Kind() != envelope.Message.Kind)
        {
            console.Error.WriteLine($"error: --version {version.Identifier()}: the input is a {envelope.Version.Identifier()} message, which cannot become {version.Identifier()}");
            return Cli.Usage;
        }

        var result = Convert(envelope, version, target);
        foreach (var omitted in result.Omitted)
        {
            console.Error.WriteLine($"warning: {version.Identifier()} cannot carry {omitted}; omitted");
        }

        if (result.Error is not null)
        {
            console.Error.WriteLine($"{input.Name}: {result.Error}");
            return Cli.Invalid;
        }

        if (outputPath is not null)
        {
            File.WriteAllBytes(outputPath, result.Bytes!);
        }
        else if (target == MessageFormat.MessagePack)
        {
            console.BinaryOutput!.Write(result.Bytes!);
            console.BinaryOutput.Flush();
        }
        else
        {
            console.Output.Write(Encoding.UTF8.GetString(result.Bytes!));
            console.Output.WriteLine();
        }

        return Cli.Ok;
    }

    /// <summary>The bytes of a conversion, what the target version dropped, or why it failed.</summary>
    internal sealed record Conversion(byte[]? Bytes, IReadOnlyList<string> Omitted, string? Error);

    /// <summary>
    /// Converts an envelope to a format and version. Changing version goes through the target version's XML (write,
    /// then read back), so every output format holds exactly what that version can carry.
    /// </summary>
    internal static Conversion Convert(IsoEnvelope envelope, MessageVersion version, MessageFormat target)
    {
        var header = envelope.Header is null ? null : envelope.Header with { MessageDefinitionId = version.Identifier() };
        IReadOnlyList<string> omitted = [];
        try
        {
            if (version != envelope.Version || target == MessageFormat.Xml)
            {
                var written = IsoXml.WriteDetailed(envelope.Message, version, header, indent: true);
                omitted = written.Omitted.ToArray();
                if (target == MessageFormat.Xml)
                {
                    return new Conversion(Encoding.UTF8.GetBytes(written.Xml), omitted, null);
                }

                var reread = IsoXml.Read(written.Xml);
                if (!reread.IsSuccess)
                {
                    return new Conversion(null, omitted, $"the {version.Identifier()} form is not valid: {string.Join("; ", reread.Errors)}");
                }

                envelope = reread.Envelope!;
            }
            else
            {
                envelope = envelope with { Header = header };
            }
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or InvalidOperationException)
        {
            return new Conversion(null, omitted, $"cannot write {version.Identifier()}: {ex.Message}");
        }

        if (target == MessageFormat.Json)
        {
            return new Conversion(Encoding.UTF8.GetBytes(IsoJson.Serialize(envelope)), omitted, null);
        }

        var packed = MessagePackSupport.Encode(envelope, out var error);
        return new Conversion(packed, omitted, error);
    }
}
