using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

// Placeholder until the acmt codec lands (being written now); it is replaced, not extended.
internal static class AcmtXml
{
    public static IsoMessage? ReadRequest(IsoXmlCursor c)
    {
        c.Error("Not implemented yet.", PaymentSwitch.Domain.StatusReasonCode.FF01);
        c.SkipUnknown();
        return null;
    }

    public static IsoMessage? ReadReport(IsoXmlCursor c) => ReadRequest(c);

    public static void Write(IsoXmlWriter w, IsoMessage message) => throw new NotSupportedException();
}
