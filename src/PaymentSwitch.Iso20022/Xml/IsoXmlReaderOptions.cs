namespace PaymentSwitch.Iso20022.Xml;

/// <summary>Limits applied when reading untrusted ISO 20022 XML.</summary>
public sealed record IsoXmlReaderOptions
{
    /// <summary>The default options: 1 MiB documents, element depth 64.</summary>
    public static IsoXmlReaderOptions Default { get; } = new();

    /// <summary>
    /// The largest document accepted, in bytes (UTF-8) or characters. A pacs.008 with one transaction is
    /// 2 to 10 KB; 1 MiB leaves room for batches while bounding the memory one message can take.
    /// </summary>
    public int MaxDocumentBytes { get; init; } = 1024 * 1024;

    /// <summary>The deepest element nesting accepted. The deepest ISO 20022 path we read is about 15 levels.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>The most errors collected before reading stops, so a hostile document cannot make an unbounded list.</summary>
    public int MaxErrors { get; init; } = 100;
}
