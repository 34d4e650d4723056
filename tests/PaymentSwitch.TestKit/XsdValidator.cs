using System.Collections.Concurrent;
using System.Globalization;
using System.Xml;
using System.Xml.Schema;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.TestKit;

/// <summary>One schema violation: which part of the document (<c>AppHdr</c> or <c>Document</c>), where, and what.</summary>
public sealed record XsdValidationError(string Part, int LineNumber, int LinePosition, XmlSeverityType Severity, string Message)
{
    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Part} line {LineNumber}:{LinePosition} {Severity}: {Message}");
}

/// <summary>
/// Validates ISO 20022 XML against the official schemas in <see cref="SharedFiles.XsdDirectory"/>. A bare
/// <c>Document</c> is validated against the schema of its namespace; a wrapper holding <c>AppHdr</c> and
/// <c>Document</c> has the header validated against head.001.001.02 and the document against its own schema,
/// separately. Each schema set is loaded and compiled once, then shared by all tests.
/// </summary>
public static class XsdValidator
{
    /// <summary>The business application header schema used by PaymentSwitch.</summary>
    public const string HeaderIdentifier = "head.001.001.02";

    /// <summary>The namespace of <c>AppHdr</c> in head.001.001.02.</summary>
    public const string HeaderNamespace = "urn:iso:std:iso:20022:tech:xsd:head.001.001.02";

    private static readonly ConcurrentDictionary<string, Lazy<XmlSchemaSet>> Schemas = new(StringComparer.Ordinal);

    /// <summary>Validates <paramref name="xml"/>, choosing each part's schema from its namespace. Empty means valid.</summary>
    public static IReadOnlyList<XsdValidationError> Validate(string xml) => Validate(xml, null);

    /// <summary>
    /// Validates <paramref name="xml"/>, checking the <c>Document</c> against the schema of <paramref name="version"/>
    /// whatever namespace it declares (so a document in the wrong namespace fails). Empty means valid.
    /// </summary>
    public static IReadOnlyList<XsdValidationError> Validate(string xml, MessageVersion? version)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var errors = new List<XsdValidationError>();
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), SecureReaderSettings());
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element)
            {
                errors.Add(new XsdValidationError("Document", 0, 0, XmlSeverityType.Error, "The XML has no root element."));
                return errors;
            }

            if (reader.LocalName == "Document")
            {
                ValidatePart(reader, "Document", DocumentIdentifier(reader.NamespaceURI, version), errors);
                return errors;
            }

            if (reader.LocalName == "AppHdr")
            {
                ValidatePart(reader, "AppHdr", HeaderIdentifier, errors);
                return errors;
            }

            // A wrapper (BizMsg, Envelope, ...): its own element is not ISO 20022, its AppHdr and Document children are.
            var wrapperDepth = reader.Depth;
            var sawDocument = false;
            var sawHeader = false;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != wrapperDepth + 1)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "AppHdr":
                        sawHeader = true;
                        ValidatePart(reader, "AppHdr", HeaderIdentifier, errors);
                        break;
                    case "Document":
                        sawDocument = true;
                        ValidatePart(reader, "Document", DocumentIdentifier(reader.NamespaceURI, version), errors);
                        break;
                    default:
                        errors.Add(At(reader, "wrapper", $"Unexpected element '{reader.Name}' next to AppHdr and Document."));
                        break;
                }
            }

            if (!sawDocument)
            {
                errors.Add(new XsdValidationError("wrapper", 0, 0, XmlSeverityType.Error, "The wrapper holds no Document element."));
            }

            if (!sawHeader)
            {
                errors.Add(new XsdValidationError("wrapper", 0, 0, XmlSeverityType.Error, "The wrapper holds no AppHdr element."));
            }
        }
        catch (XmlException ex)
        {
            errors.Add(new XsdValidationError("xml", ex.LineNumber, ex.LinePosition, XmlSeverityType.Error, ex.Message));
        }

        return errors;
    }

    /// <summary>Formats errors one per line, for assertion messages.</summary>
    public static string Describe(IReadOnlyList<XsdValidationError> errors) =>
        errors.Count == 0 ? "valid" : string.Join(Environment.NewLine, errors);

    /// <summary>The compiled schema set for one schema identifier such as <c>pacs.008.001.08</c>.</summary>
    public static XmlSchemaSet SchemaSet(string identifier) =>
        Schemas.GetOrAdd(identifier, static id => new Lazy<XmlSchemaSet>(() => Load(id), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>The compiled schema set for a message version.</summary>
    public static XmlSchemaSet SchemaSet(MessageVersion version) => SchemaSet(version.Identifier());

    private static string? DocumentIdentifier(string xmlNamespace, MessageVersion? version)
    {
        if (version is { } v)
        {
            return v.Identifier();
        }

        return MessageVersions.TryParseNamespace(xmlNamespace, out var parsed) ? parsed.Identifier() : null;
    }

    private static void ValidatePart(XmlReader reader, string part, string? identifier, List<XsdValidationError> errors)
    {
        if (identifier is null)
        {
            errors.Add(At(reader, part, $"No supported schema for namespace '{reader.NamespaceURI}'."));
            reader.Skip();
            return;
        }

        var schemas = SchemaSet(identifier);
        var settings = SecureReaderSettings();
        settings.ValidationType = ValidationType.Schema;
        settings.ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.Schemas = schemas;
        settings.ValidationEventHandler += (_, e) => errors.Add(new XsdValidationError(
            part,
            e.Exception?.LineNumber ?? 0,
            e.Exception?.LinePosition ?? 0,
            e.Severity,
            e.Message));

        // The compiled set is only read while validating, but XmlSchemaSet promises nothing about concurrent
        // use, so each set is used by one validation at a time.
        lock (schemas)
        {
            using var subtree = reader.ReadSubtree();
            using var validating = XmlReader.Create(subtree, settings);
            while (validating.Read())
            {
            }
        }
    }

    private static XsdValidationError At(XmlReader reader, string part, string message)
    {
        var info = reader as IXmlLineInfo;
        return new XsdValidationError(part, info?.LineNumber ?? 0, info?.LinePosition ?? 0, XmlSeverityType.Error, message);
    }

    private static XmlReaderSettings SecureReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private static XmlSchemaSet Load(string identifier)
    {
        var path = Path.Combine(SharedFiles.XsdDirectory, identifier + ".xsd");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The official schema {identifier}.xsd is not in {SharedFiles.XsdDirectory}.", path);
        }

        var set = new XmlSchemaSet { XmlResolver = null };
        var loadErrors = new List<string>();
        set.ValidationEventHandler += (_, e) => loadErrors.Add(e.Message);
        using (var reader = XmlReader.Create(path, SecureReaderSettings()))
        {
            set.Add(null, reader);
        }

        set.Compile();
        if (loadErrors.Count > 0)
        {
            throw new InvalidOperationException($"{identifier}.xsd does not compile: {string.Join("; ", loadErrors)}");
        }

        return set;
    }
}
