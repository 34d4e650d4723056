using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>Component-level differences between the schema versions that the shared readers and writers must honour.</summary>
internal static class SchemaTraits
{
    /// <summary>
    /// True for the newer component family (PostalAddress27, PartyIdentification272): longer address texts,
    /// <c>CareOf</c> and <c>UnitNb</c>, typed remittance amounts. Only pacs.008.001.13 here.
    /// </summary>
    public static bool UsesModernComponents(MessageVersion version) => version == MessageVersion.Pacs008V13;

    /// <summary>
    /// True where accounts are CashAccount40, whose <c>Id</c> is optional (an account known only by its proxy);
    /// CashAccount38 requires an <c>Id</c>.
    /// </summary>
    public static bool AccountIdOptional(MessageVersion version) =>
        version is MessageVersion.Pacs008V13 or MessageVersion.Pacs002V12 or MessageVersion.Acmt023V03 or MessageVersion.Acmt024V03;
}
