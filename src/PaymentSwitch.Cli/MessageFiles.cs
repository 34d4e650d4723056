using System.Text;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Json;
using PaymentSwitch.Iso20022.Xml;

namespace PaymentSwitch.Cli;

/// <summary>The encodings the iso tools read and write.</summary>
internal enum MessageFormat
{
    Xml,
    Json,
    MessagePack,
}

/// <summary>An input read into memory, with the name it is reported under.</summary>
internal sealed record LoadedInput(string Name, byte[] Bytes, MessageFormat Format);

/// <summary>The result of decoding an input: the envelope, or error lines (<c>CODE path: rule</c>).</summary>
internal sealed record DecodedInput(IsoEnvelope? Envelope, IReadOnlyList<string> Errors, ValueList<string> Warnings)
{
    public bool IsSuccess => Envelope is not null && Errors.Count == 0;
}

/// <summary>Reading inputs (a file or <c>-</c> for standard input) and decoding them whatever their format.</summary>
internal static class MessageFiles
{
    /// <summary>The largest input read, as for the XML reader: 1 MiB. Larger inputs are refused before parsing.</summary>
    public static readonly int MaxInputBytes = IsoXmlReaderOptions.Default.MaxDocumentBytes;

    /// <summary>The name standard input is given in reports.</summary>
    public const string StdinName = "<stdin>";

    /// <summary>
    /// Reads a file, or standard input for <c>-</c>. A missing file is a usage error: it is reported and null is
    /// returned with <paramref name="usageError"/> set. An oversized input comes back empty-handed as an FF01 error line.
    /// </summary>
    public static LoadedInput? Load(string path, CliConsole console, out bool usageError, out string? sizeError)
    {
        usageError = false;
        sizeError = null;
        byte[]? bytes;
        string name;
        if (path == "-")
        {
            name = StdinName;
            bytes = console.ReadAllInput(MaxInputBytes);
        }
        else
        {
            name = path;
            if (!File.Exists(path))
            {
                console.Error.WriteLine($"error: {path}: no such file");
                usageError = true;
                return null;
            }

            var length = new FileInfo(path).Length;
            bytes = length > MaxInputBytes ? null : File.ReadAllBytes(path);
        }

        if (bytes is null)
        {
            sizeError = $"{StatusReasons.ToCode(StatusReasonCode.FF01)} /: input is larger than the limit of {MaxInputBytes} bytes";
            return new LoadedInput(name, [], MessageFormat.Xml);
        }

        return new LoadedInput(name, bytes, Detect(bytes));
    }

    /// <summary>Decides the format by the first non-whitespace byte: <c>&lt;</c> XML, <c>{</c> JSON, anything else MessagePack.</summary>
    public static MessageFormat Detect(ReadOnlySpan<byte> bytes)
    {
        var start = bytes.StartsWith("\uFEFF"u8) ? 3 : 0;
        foreach (var b in bytes[start..])
        {
            switch (b)
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    continue;
                case (byte)'<':
                    return MessageFormat.Xml;
                case (byte)'{':
                    return MessageFormat.Json;
                default:
                    return MessageFormat.MessagePack;
            }
        }

        return MessageFormat.Xml;
    }

    /// <summary>Decodes an input in its detected format. Never throws for bad input.</summary>
    public static DecodedInput Decode(LoadedInput input)
    {
        switch (input.Format)
        {
            case MessageFormat.Xml:
            {
                var result = IsoXml.Read(input.Bytes);
                return new DecodedInput(
                    result.Envelope,
                    result.Errors.Select(static e => e.ToString()).ToArray(),
                    result.Warnings);
            }

            case MessageFormat.Json:
            {
                var text = Encoding.UTF8.GetString(input.Bytes);
                return IsoJson.TryDeserialize(text, out var envelope, out var error)
                    ? new DecodedInput(envelope, [], default)
                    : new DecodedInput(null, [$"{StatusReasons.ToCode(StatusReasonCode.FF01)} $: {error}"], default);
            }

            default:
                return MessagePackSupport.TryDecode(input.Bytes, out var decoded, out var failure)
                    ? new DecodedInput(decoded, [], default)
                    : new DecodedInput(null, [$"{StatusReasons.ToCode(StatusReasonCode.FF01)} {failure}"], default);
        }
    }

    /// <summary>The business identifier of a message: <c>GrpHdr/MsgId</c> or <c>Assgnmt/Id</c>.</summary>
    public static string MessageId(IsoMessage message) => message switch
    {
        CustomerCreditTransfer m => m.GroupHeader.MessageId,
        PaymentStatusReport m => m.GroupHeader.MessageId,
        PaymentReturn m => m.GroupHeader.MessageId,
        PaymentStatusRequest m => m.GroupHeader.MessageId,
        CancellationRequest m => m.Assignment.Id,
        ResolutionOfInvestigation m => m.Assignment.Id,
        IdentificationVerificationRequest m => m.Assignment.Id,
        IdentificationVerificationReport m => m.Assignment.Id,
        _ => "?",
    };
}
