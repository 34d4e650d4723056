using System.Text;
using System.Xml;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>
/// Reads and writes ISO 20022 XML for every <see cref="MessageVersion"/>. Reading accepts a bare
/// <c>Document</c> or any wrapper element holding an optional head.001.001.02 <c>AppHdr</c> and the
/// <c>Document</c>, with or without namespace prefixes. Input is untrusted: no DTD, no external
/// resolution, a size limit, and every problem comes back as an <see cref="IsoError"/>, never an exception.
/// </summary>
public static class IsoXml
{
    /// <summary>The namespace of the wrapper element written around <c>AppHdr</c> and <c>Document</c>.</summary>
    public const string EnvelopeNamespace = "urn:paymentswitch:xsd:envelope:1";

    /// <summary>The name of the wrapper element written around <c>AppHdr</c> and <c>Document</c>.</summary>
    public const string EnvelopeElement = "BizMsg";

    private const string HeaderNamespace = "urn:iso:std:iso:20022:tech:xsd:head.001.001.02";

    /// <summary>Reads a document held in a string.</summary>
    public static IsoReadResult Read(string xml, IsoXmlReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        options ??= IsoXmlReaderOptions.Default;
        if (xml.Length > options.MaxDocumentBytes)
        {
            return TooLarge(xml.Length, options);
        }

        using var text = new StringReader(xml);
        using var reader = XmlReader.Create(text, Settings(options));
        return Read(reader, options);
    }

    /// <summary>Reads a UTF-8 (or declared-encoding) document held in memory.</summary>
    public static IsoReadResult Read(ReadOnlySpan<byte> document, IsoXmlReaderOptions? options = null)
    {
        options ??= IsoXmlReaderOptions.Default;
        if (document.Length > options.MaxDocumentBytes)
        {
            return TooLarge(document.Length, options);
        }

        unsafe
        {
            // Read the caller's memory in place: no copy of the document on the hot path.
            fixed (byte* start = document)
            {
                using var stream = new UnmanagedMemoryStream(start, document.Length);
                using var reader = XmlReader.Create(stream, Settings(options));
                return Read(reader, options);
            }
        }
    }

    /// <summary>Reads a document from a stream, refusing it once it exceeds the size limit.</summary>
    public static IsoReadResult Read(Stream stream, IsoXmlReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= IsoXmlReaderOptions.Default;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > options.MaxDocumentBytes)
            {
                return TooLarge(buffer.Length + read, options, atLeast: true);
            }

            buffer.Write(chunk, 0, read);
        }

        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
    }

    /// <summary>Writes a message in the given version, optionally wrapped with an <c>AppHdr</c>.</summary>
    /// <exception cref="ArgumentException">The message is not of the version's business message kind.</exception>
    public static string Write(IsoMessage message, MessageVersion version, BusinessApplicationHeader? header = null, bool indent = false) =>
        WriteDetailed(message, version, header, indent).Xml;

    /// <summary>
    /// Writes a message and also reports what the target version could not carry (for example
    /// <c>PstlAdr/CareOf</c> when writing pacs.008.001.08 from a .13 message).
    /// </summary>
    public static IsoWriteResult WriteDetailed(IsoMessage message, MessageVersion version, BusinessApplicationHeader? header = null, bool indent = false)
    {
        using var stream = new MemoryStream(4096);
        var omitted = Write(stream, message, version, header, indent);
        return new IsoWriteResult(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length), omitted);
    }

    /// <summary>Writes a message as UTF-8 to a stream and returns what the target version could not carry.</summary>
    public static ValueList<string> Write(Stream destination, IsoMessage message, MessageVersion version, BusinessApplicationHeader? header = null, bool indent = false)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(message);
        if (message.Kind != version.Kind())
        {
            throw new ArgumentException($"A {message.Kind} message cannot be written as {version.Identifier()}.", nameof(version));
        }

        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = indent,
            CloseOutput = false,
        };
        using var xml = XmlWriter.Create(destination, settings);
        var w = new IsoXmlWriter(xml, SchemaTraits.UsesModernComponents(version), SchemaTraits.AccountIdOptional(version));
        xml.WriteStartDocument();
        if (header is not null)
        {
            xml.WriteStartElement(EnvelopeElement, EnvelopeNamespace);
            WriteHeader(xml, header);
        }

        xml.WriteStartElement("Document", version.XmlNamespace());
        switch (message)
        {
            case CustomerCreditTransfer m: Pacs008Xml.Write(w, m, version); break;
            case PaymentStatusReport m: Pacs002Xml.Write(w, m, version); break;
            case PaymentReturn m: Pacs004Xml.Write(w, m, version); break;
            case PaymentStatusRequest m: Pacs028Xml.Write(w, m); break;
            case CancellationRequest m: Camt056Xml.Write(w, m); break;
            case ResolutionOfInvestigation m: Camt029Xml.Write(w, m); break;
            case IdentificationVerificationRequest m: AcmtXml.Write(w, m); break;
            case IdentificationVerificationReport m: AcmtXml.Write(w, m); break;
            default: throw new ArgumentException($"Unsupported message type {message.GetType().Name}.", nameof(message));
        }

        xml.WriteEndElement();
        if (header is not null)
        {
            xml.WriteEndElement();
        }

        xml.WriteEndDocument();
        xml.Flush();
        return w.Omitted.Count == 0 ? default : new ValueList<string>(w.Omitted);
    }

    private static void WriteHeader(XmlWriter xml, BusinessApplicationHeader header)
    {
        xml.WriteStartElement("AppHdr", HeaderNamespace);
        var w = new IsoXmlWriter(xml, modern: false, accountIdOptional: false);
        w.Start("Fr");
        ComponentWriter.Agent(w, "FIId", header.From);
        w.End();
        w.Start("To");
        ComponentWriter.Agent(w, "FIId", header.To);
        w.End();
        w.Text("BizMsgIdr", header.BusinessMessageId);
        w.Text("MsgDefIdr", header.MessageDefinitionId);
        w.Text("BizSvc", header.BusinessService);
        w.DateTime("CreDt", header.CreationDate);
        w.Boolean("PssblDplct", header.PossibleDuplicate);
        w.Code("Prty", header.Priority);
        xml.WriteEndElement();
    }

    private static XmlReaderSettings Settings(IsoXmlReaderOptions options) => new()
    {
        NameTable = ReusableNameTable.ForThisThread(),
        // Untrusted input: a DOCTYPE is refused outright (no entity expansion, no XXE), nothing is resolved.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = options.MaxDocumentBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    private static IsoReadResult TooLarge(long size, IsoXmlReaderOptions options, bool atLeast = false) => new()
    {
        Errors = ValueList<IsoError>.Of(new IsoError(
            "/",
            $"Document is {(atLeast ? "more than " : string.Empty)}{size} bytes; the limit is {options.MaxDocumentBytes}.",
            StatusReasonCode.FF01)),
    };

    private static IsoReadResult Read(XmlReader reader, IsoXmlReaderOptions options)
    {
        var c = new IsoXmlCursor(reader, options);
        BusinessApplicationHeader? header = null;
        IsoEnvelope? envelope = null;
        var documents = 0;
        try
        {
            reader.MoveToContent();
            while (!reader.EOF && !c.TooManyErrors)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "AppHdr" && documents == 0)
                {
                    header = ReadHeader(c);
                    continue;
                }

                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Document")
                {
                    documents++;
                    if (documents > 1)
                    {
                        c.EnterRoot();
                        c.Error("Only one Document per message is allowed.", StatusReasonCode.FF01);
                        c.SkipSilently();
                        continue;
                    }

                    envelope = ReadDocument(c, header);
                    continue;
                }

                if (reader.NodeType == XmlNodeType.Element && reader.Depth >= 3)
                {
                    // Wrappers are shallow (Envelope/AppHdr+Document, or DataPDU/Body/...); anything deeper is not ours.
                    c.EnterRoot();
                    c.SkipSilently();
                    continue;
                }

                reader.Read();
            }

            if (documents == 0)
            {
                c.Errors.Add(new IsoError("/Document", "No ISO 20022 Document element was found.", StatusReasonCode.FF01));
            }
        }
        catch (XmlException ex)
        {
            c.Errors.Add(new IsoError(SafePath(c), Describe(ex), StatusReasonCode.FF01));
            envelope = null;
        }
        catch (IsoXmlFatalException ex)
        {
            c.Errors.Add(new IsoError(SafePath(c), ex.Message, StatusReasonCode.FF01));
            envelope = null;
        }

        return new IsoReadResult
        {
            Envelope = envelope,
            Errors = c.Errors.Count == 0 ? default : new ValueList<IsoError>(c.Errors),
            Warnings = c.Warnings.Count == 0 ? default : new ValueList<string>(c.Warnings),
        };
    }

    private static string SafePath(IsoXmlCursor c)
    {
        var path = c.CurrentPath();
        return path.Length == 0 ? "/" : path;
    }

    private static string Describe(XmlException ex)
    {
        if (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return "Document type definitions (DOCTYPE) are not allowed: they enable entity expansion and external entity attacks.";
        }

        if (ex.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal) || ex.Message.Contains("exceeds", StringComparison.OrdinalIgnoreCase))
        {
            return $"Document exceeds the size limit: {ex.Message}";
        }

        return $"Malformed XML at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message}";
    }

    private static IsoEnvelope? ReadDocument(IsoXmlCursor c, BusinessApplicationHeader? header)
    {
        var reader = c.Reader;
        var ns = reader.NamespaceURI;
        c.EnterRoot();
        MessageVersion version;
        if (ns.Length == 0)
        {
            // No namespace: trust the header's MsgDefIdr if there is one, else decide by the message element.
            if (header is not null && MessageVersions.TryParseIdentifier(header.MessageDefinitionId, out var fromHeader))
            {
                version = fromHeader;
            }
            else
            {
                version = default;
                ns = null!;
            }
        }
        else if (!MessageVersions.TryParseNamespace(ns, out version))
        {
            var supported = string.Join(", ", MessageVersions.All.Select(v => v.Identifier()));
            c.Error($"Unsupported message definition '{ns}'. PaymentSwitch reads {supported}.", StatusReasonCode.FF01);
            c.SkipSilently();
            return null;
        }

        c.DocumentNamespace = reader.NamespaceURI;
        IsoMessage? message = null;
        var messages = 0;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                messages++;
                if (messages > 1)
                {
                    c.Error("Document must contain exactly one message element.", StatusReasonCode.FF01);
                    c.SkipUnknown();
                    continue;
                }

                if (ns is null)
                {
                    var kind = Enum.GetValues<MessageKind>().Cast<MessageKind?>().FirstOrDefault(k => k!.Value.RootElement() == c.Name);
                    if (kind is null)
                    {
                        c.Error($"'{c.Name}' is not a message PaymentSwitch reads, and the Document has no namespace to say which it is.", StatusReasonCode.FF01);
                        c.SkipUnknown();
                        continue;
                    }

                    version = MessageVersions.VersionsOf(kind.Value)[0];
                    c.Warnings.Add($"/Document has no namespace; read as {version.Identifier()}");
                }

                if (c.Name != version.Kind().RootElement())
                {
                    c.Error($"A {version.Identifier()} Document must contain {version.Kind().RootElement()}, not {c.Name}.", StatusReasonCode.FF01);
                    c.SkipUnknown();
                    continue;
                }

                c.Modern = SchemaTraits.UsesModernComponents(version);
                c.AccountIdRequired = !SchemaTraits.AccountIdOptional(version);
                message = version.Kind() switch
                {
                    MessageKind.Pacs008 => Pacs008Xml.Read(c),
                    MessageKind.Pacs002 => Pacs002Xml.Read(c),
                    MessageKind.Pacs004 => Pacs004Xml.Read(c),
                    MessageKind.Pacs028 => Pacs028Xml.Read(c),
                    MessageKind.Camt056 => Camt056Xml.Read(c),
                    MessageKind.Camt029 => Camt029Xml.Read(c),
                    MessageKind.Acmt023 => AcmtXml.ReadRequest(c),
                    MessageKind.Acmt024 => AcmtXml.ReadReport(c),
                    _ => null,
                };
            }
        }

        if (messages == 0)
        {
            c.Missing(ns is null ? "(message)" : version.Kind().RootElement());
        }

        return message is null ? null : new IsoEnvelope(version, header, message);
    }

    private static BusinessApplicationHeader? ReadHeader(IsoXmlCursor c)
    {
        c.EnterRoot();
        var previousNamespace = c.DocumentNamespace;
        c.DocumentNamespace = null;
        Agent? from = null, to = null;
        string? businessMessageId = null, definition = null, service = null;
        DateTimeOffset? created = null;
        bool? possibleDuplicate = null;
        Priority? priority = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Fr": from = HeaderParty(c); break;
                    case "To": to = HeaderParty(c); break;
                    case "BizMsgIdr": businessMessageId = c.ReadText(35); break;
                    case "MsgDefIdr": definition = c.ReadText(35); break;
                    case "BizSvc": service = c.ReadText(35); break;
                    case "CreDt": created = c.ReadDateTime(); break;
                    case "PssblDplct": possibleDuplicate = c.ReadBoolean(); break;
                    case "Prty": priority = c.ReadEnum<Priority>(); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        c.DocumentNamespace = previousNamespace;
        if (from is null)
        {
            c.Missing("Fr");
        }

        if (to is null)
        {
            c.Missing("To");
        }

        if (businessMessageId is null)
        {
            c.Missing("BizMsgIdr");
        }

        if (definition is null)
        {
            c.Missing("MsgDefIdr");
        }

        if (created is null)
        {
            c.Missing("CreDt");
        }

        return from is not null && to is not null && businessMessageId is not null && definition is not null && created is not null
            ? new BusinessApplicationHeader
            {
                From = from, To = to, BusinessMessageId = businessMessageId, MessageDefinitionId = definition,
                BusinessService = service, CreationDate = created.Value, PossibleDuplicate = possibleDuplicate, Priority = priority,
            }
            : null;
    }

    private static Agent? HeaderParty(IsoXmlCursor c)
    {
        Agent? agent = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "FIId": agent = ComponentReader.Agent(c); break;
                    case "OrgId":
                        c.Error("PaymentSwitch exchanges messages between financial institutions: use FIId, not OrgId.", StatusReasonCode.FF01);
                        c.SkipUnknown();
                        break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return agent;
    }
}

/// <summary>The XML written, and what the target version could not carry.</summary>
public sealed record IsoWriteResult(string Xml, ValueList<string> Omitted);
