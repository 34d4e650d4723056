using System.Globalization;
using System.Xml;
using System.Xml.Schema;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Cli;

/// <summary>
/// Validates ISO 20022 XML against the official schemas in a folder (<c>head.001.001.02.xsd</c>,
/// <c>pacs.008.001.13.xsd</c>, ...): <c>AppHdr</c> against the head schema, <c>Document</c> against the schema of its
/// namespace. Documents and schemas are read with DTDs prohibited and no resolver, so nothing outside is fetched.
/// </summary>
internal sealed class XsdCheck
{
    private const string HeaderIdentifier = "head.001.001.02";

    private readonly string _directory;
    private readonly Dictionary<string, XmlSchemaSet> _schemas = new(StringComparer.Ordinal);

    public XsdCheck(string directory) => _directory = directory;

    /// <summary>Validates one document; each line is <c>XSD &lt;part&gt; line L:P: message</c>. Empty means valid.</summary>
    public IReadOnlyList<string> Validate(byte[] xml)
    {
        var errors = new List<string>();
        try
        {
            using var stream = new MemoryStream(xml, writable: false);
            using var reader = XmlReader.Create(stream, SecureSettings());
            var sawDocument = false;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName == "AppHdr")
                {
                    ValidatePart(reader, "AppHdr", HeaderIdentifier, errors);
                }
                else if (reader.LocalName == "Document")
                {
                    sawDocument = true;
                    var identifier = MessageVersions.TryParseNamespace(reader.NamespaceURI, out var version) ? version.Identifier() : null;
                    if (identifier is null)
                    {
                        errors.Add(At(reader, "Document", $"no supported schema for namespace '{reader.NamespaceURI}'"));
                        reader.Skip();
                        continue;
                    }

                    ValidatePart(reader, "Document", identifier, errors);
                }
            }

            if (!sawDocument)
            {
                errors.Add("XSD Document line 0:0: no Document element");
            }
        }
        catch (XmlException ex)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"XSD xml line {ex.LineNumber}:{ex.LinePosition}: {ex.Message}"));
        }

        return errors;
    }

    private void ValidatePart(XmlReader reader, string part, string identifier, List<string> errors)
    {
        var schemas = Load(identifier);
        var settings = SecureSettings();
        settings.ValidationType = ValidationType.Schema;
        settings.ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.Schemas = schemas;
        settings.ValidationEventHandler += (_, e) => errors.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"XSD {part} line {e.Exception?.LineNumber ?? 0}:{e.Exception?.LinePosition ?? 0}: {e.Message}"));
        using var subtree = reader.ReadSubtree();
        using var validating = XmlReader.Create(subtree, settings);
        while (validating.Read())
        {
        }
    }

    private XmlSchemaSet Load(string identifier)
    {
        if (_schemas.TryGetValue(identifier, out var cached))
        {
            return cached;
        }

        var path = Path.Combine(_directory, identifier + ".xsd");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The schema {identifier}.xsd is not in {_directory}.", path);
        }

        var set = new XmlSchemaSet { XmlResolver = null };
        using (var reader = XmlReader.Create(path, SecureSettings()))
        {
            set.Add(null, reader);
        }

        set.Compile();
        _schemas[identifier] = set;
        return set;
    }

    private static string At(XmlReader reader, string part, string message)
    {
        var info = reader as IXmlLineInfo;
        return string.Create(CultureInfo.InvariantCulture, $"XSD {part} line {info?.LineNumber ?? 0}:{info?.LinePosition ?? 0}: {message}");
    }

    private static XmlReaderSettings SecureSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersFromEntities = 1024,
    };
}
