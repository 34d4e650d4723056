namespace PaymentSwitch.Domain.Iso20022;

/// <summary>The business messages PaymentSwitch understands, independent of their XML schema version.</summary>
public enum MessageKind
{
    /// <summary>pacs.008 FIToFICustomerCreditTransfer.</summary>
    Pacs008,

    /// <summary>pacs.002 FIToFIPaymentStatusReport.</summary>
    Pacs002,

    /// <summary>pacs.004 PaymentReturn.</summary>
    Pacs004,

    /// <summary>pacs.028 FIToFIPaymentStatusRequest.</summary>
    Pacs028,

    /// <summary>camt.056 FIToFIPaymentCancellationRequest.</summary>
    Camt056,

    /// <summary>camt.029 ResolutionOfInvestigation.</summary>
    Camt029,

    /// <summary>acmt.023 IdentificationVerificationRequest.</summary>
    Acmt023,

    /// <summary>acmt.024 IdentificationVerificationReport.</summary>
    Acmt024,
}

/// <summary>A concrete ISO 20022 message definition (schema version) that PaymentSwitch reads and writes.</summary>
public enum MessageVersion
{
    /// <summary>pacs.008.001.08 (CBPR+).</summary>
    Pacs008V08,

    /// <summary>pacs.008.001.13 (Nexus).</summary>
    Pacs008V13,

    /// <summary>pacs.002.001.10 (CBPR+).</summary>
    Pacs002V10,

    /// <summary>pacs.002.001.12.</summary>
    Pacs002V12,

    /// <summary>pacs.004.001.09 (CBPR+).</summary>
    Pacs004V09,

    /// <summary>pacs.004.001.10.</summary>
    Pacs004V10,

    /// <summary>pacs.028.001.03.</summary>
    Pacs028V03,

    /// <summary>camt.056.001.08.</summary>
    Camt056V08,

    /// <summary>camt.029.001.09.</summary>
    Camt029V09,

    /// <summary>acmt.023.001.03.</summary>
    Acmt023V03,

    /// <summary>acmt.024.001.03.</summary>
    Acmt024V03,
}

/// <summary>Facts about each <see cref="MessageVersion"/>: its identifier, XML namespace and root element.</summary>
public static class MessageVersions
{
    private const string NamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:";

    private static readonly MessageVersion[] AllVersions = Enum.GetValues<MessageVersion>();
    private static readonly string[] Identifiers =
    [
        "pacs.008.001.08", "pacs.008.001.13", "pacs.002.001.10", "pacs.002.001.12", "pacs.004.001.09",
        "pacs.004.001.10", "pacs.028.001.03", "camt.056.001.08", "camt.029.001.09", "acmt.023.001.03",
        "acmt.024.001.03",
    ];

    private static readonly string[] Namespaces = Identifiers.Select(static id => NamespacePrefix + id).ToArray();

    /// <summary>Every supported version.</summary>
    public static IReadOnlyList<MessageVersion> All => AllVersions;

    /// <summary>The ISO 20022 message identifier, e.g. <c>pacs.008.001.08</c>.</summary>
    public static string Identifier(this MessageVersion version) => Identifiers[(int)version];

    /// <summary>The XML namespace of the version's <c>Document</c>.</summary>
    public static string XmlNamespace(this MessageVersion version) => Namespaces[(int)version];

    /// <summary>The business message a version belongs to.</summary>
    public static MessageKind Kind(this MessageVersion version) => version switch
    {
        MessageVersion.Pacs008V08 or MessageVersion.Pacs008V13 => MessageKind.Pacs008,
        MessageVersion.Pacs002V10 or MessageVersion.Pacs002V12 => MessageKind.Pacs002,
        MessageVersion.Pacs004V09 or MessageVersion.Pacs004V10 => MessageKind.Pacs004,
        MessageVersion.Pacs028V03 => MessageKind.Pacs028,
        MessageVersion.Camt056V08 => MessageKind.Camt056,
        MessageVersion.Camt029V09 => MessageKind.Camt029,
        MessageVersion.Acmt023V03 => MessageKind.Acmt023,
        MessageVersion.Acmt024V03 => MessageKind.Acmt024,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Unknown message version."),
    };

    /// <summary>The message root element inside <c>Document</c>, e.g. <c>FIToFICstmrCdtTrf</c>.</summary>
    public static string RootElement(this MessageKind kind) => kind switch
    {
        MessageKind.Pacs008 => "FIToFICstmrCdtTrf",
        MessageKind.Pacs002 => "FIToFIPmtStsRpt",
        MessageKind.Pacs004 => "PmtRtr",
        MessageKind.Pacs028 => "FIToFIPmtStsReq",
        MessageKind.Camt056 => "FIToFIPmtCxlReq",
        MessageKind.Camt029 => "RsltnOfInvstgtn",
        MessageKind.Acmt023 => "IdVrfctnReq",
        MessageKind.Acmt024 => "IdVrfctnRpt",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown message kind."),
    };

    /// <summary>The versions of one business message, oldest first.</summary>
    public static IReadOnlyList<MessageVersion> VersionsOf(MessageKind kind) =>
        AllVersions.Where(v => v.Kind() == kind).ToArray();

    /// <summary>The newest supported version of a business message.</summary>
    public static MessageVersion Latest(MessageKind kind) => VersionsOf(kind)[^1];

    /// <summary>Finds a version by its identifier (<c>pacs.008.001.13</c>), case-insensitively.</summary>
    public static bool TryParseIdentifier(string? identifier, out MessageVersion version)
    {
        var index = Array.FindIndex(Identifiers, id => string.Equals(id, identifier?.Trim(), StringComparison.OrdinalIgnoreCase));
        version = index >= 0 ? AllVersions[index] : default;
        return index >= 0;
    }

    /// <summary>Finds a version by the XML namespace of its <c>Document</c>.</summary>
    public static bool TryParseNamespace(string? xmlNamespace, out MessageVersion version)
    {
        var index = Array.IndexOf(Namespaces, xmlNamespace);
        version = index >= 0 ? AllVersions[index] : default;
        return index >= 0;
    }
}
