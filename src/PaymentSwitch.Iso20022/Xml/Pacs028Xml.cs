using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

// Placeholder until the Pacs028 codec lands (being written now); it is replaced, not extended.
internal static class Pacs028Xml
{
    public static IsoMessage? Read(IsoXmlCursor c)
    {
        c.Error("Not implemented yet.", PaymentSwitch.Domain.StatusReasonCode.FF01);
        c.SkipUnknown();
        return null;
    }

    public static void Write(IsoXmlWriter w, IsoMessage message) => throw new NotSupportedException();
}
