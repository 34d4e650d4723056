using System.Text;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;
using PaymentSwitch.TestKit;
using Xunit.Sdk;

namespace PaymentSwitch.Iso20022.Tests.Xml;

/// <summary>
/// The checks shared by the XML property tests: what the writer produces is valid against the official schema,
/// reads back without errors or warnings to an equal envelope, and writes again to the same text.
/// Each failure names the version, the broken rule, the schema or reader errors and the document itself.
/// </summary>
internal static class RoundTrip
{
    /// <summary>Writes <paramref name="message"/> in <paramref name="version"/>, checks the XML, and returns what was read back.</summary>
    public static IsoEnvelope WriteValidateRead(IsoMessage message, MessageVersion version, BusinessApplicationHeader? header = null)
    {
        string xml;
        string indented;
        try
        {
            xml = IsoXml.Write(message, version, header);
            indented = IsoXml.Write(message, version, header, indent: true);
        }
        catch (Exception ex) when (ex is not XunitException)
        {
            throw new XunitException($"IsoXml.Write threw for {version.Identifier()}: {ex}");
        }

        // The indented form gives readable line numbers; validity must not depend on the whitespace.
        var schemaErrors = XsdValidator.Validate(indented, version);
        if (schemaErrors.Count > 0)
        {
            throw Failure(version, "the written XML is not valid against the official schema", XsdValidator.Describe(schemaErrors), indented);
        }

        var compactErrors = XsdValidator.Validate(xml, version);
        if (compactErrors.Count > 0)
        {
            throw Failure(version, "the compact XML is not valid (the indented one is)", XsdValidator.Describe(compactErrors), xml);
        }

        var envelope = ReadBack(xml, version, header, indented);
        var fromIndented = ReadBack(indented, version, header, indented);
        if (!Equals(envelope.Message, fromIndented.Message))
        {
            throw Failure(version, "the indented XML reads to a different message than the compact XML", ModelDiff.Describe(envelope.Message, fromIndented.Message), indented);
        }

        // The byte overload is what the messaging edge uses; files often start with a UTF-8 byte order mark.
        var utf8 = Encoding.UTF8.GetBytes(xml);
        foreach (var (bytes, label) in new[] { (utf8, "UTF-8 bytes"), ([0xEF, 0xBB, 0xBF, .. utf8], "UTF-8 bytes with a byte order mark") })
        {
            var fromBytes = IsoXml.Read(bytes);
            if (!fromBytes.IsSuccess || !Equals(fromBytes.Envelope, envelope))
            {
                throw Failure(
                    version,
                    $"reading the {label} gives a different result than reading the string",
                    fromBytes.IsSuccess ? ModelDiff.Describe(envelope, fromBytes.Envelope) : string.Join(Environment.NewLine, fromBytes.Errors),
                    indented);
            }
        }

        if (!Equals(envelope.Message, message))
        {
            throw Failure(version, "the message read back differs from the one written", ModelDiff.Describe(message, envelope.Message), indented);
        }

        // Record equality ignores DateTimeOffset offsets; writing the read-back message again must give the same text.
        var rewritten = IsoXml.Write(envelope.Message, version, envelope.Header);
        if (!string.Equals(rewritten, xml, StringComparison.Ordinal))
        {
            throw Failure(
                version,
                "writing the read-back message gives different XML (something, e.g. a UTC offset, was not kept)",
                $"{ModelDiff.Describe(message, envelope.Message)}{Environment.NewLine}first difference: {FirstDifference(xml, rewritten)}",
                indented);
        }

        return envelope;
    }

    /// <summary>Reads <paramref name="xml"/> and checks success, version and header.</summary>
    public static IsoEnvelope ReadBack(string xml, MessageVersion version, BusinessApplicationHeader? header, string forDisplay)
    {
        var result = IsoXml.Read(xml);
        if (!result.IsSuccess)
        {
            throw Failure(version, "IsoXml.Read did not succeed", string.Join(Environment.NewLine, result.Errors), forDisplay);
        }

        if (!result.Warnings.IsEmpty)
        {
            throw Failure(version, "IsoXml.Read warned about elements our own writer produced", string.Join(Environment.NewLine, result.Warnings), forDisplay);
        }

        var envelope = result.Envelope!;
        if (envelope.Version != version)
        {
            throw Failure(version, $"read back as {envelope.Version.Identifier()}", string.Empty, forDisplay);
        }

        if (!Equals(envelope.Header, header))
        {
            throw Failure(version, "the business application header read back differs", ModelDiff.Describe(header, envelope.Header), forDisplay);
        }

        return envelope;
    }

    public static XunitException Failure(MessageVersion version, string rule, string details, string xml)
    {
        var text = new StringBuilder()
            .Append(version.Identifier()).Append(": ").AppendLine(rule)
            .AppendLine(details)
            .AppendLine("--- document ---")
            .AppendLine(WithLineNumbers(xml));
        return new XunitException(text.ToString());
    }

    private static string WithLineNumbers(string xml)
    {
        var lines = xml.Split('\n');
        var text = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            text.Append(i + 1).Append(": ").AppendLine(lines[i]);
        }

        return text.ToString();
    }

    private static string FirstDifference(string expected, string actual)
    {
        var i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i])
        {
            i++;
        }

        var start = Math.Max(0, i - 60);
        return $"at {i}: first write …{expected[start..Math.Min(expected.Length, i + 60)]}… second write …{actual[start..Math.Min(actual.Length, i + 60)]}…";
    }
}
