using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>Rules and parts shared by the pacs.002, pacs.004 and pacs.028 codecs.</summary>
internal static class PacsParts
{
    /// <summary>
    /// Checks a mandatory element. When it is absent the element is reported missing (CH21); when it was
    /// present but invalid, its own error has already been recorded and a second one would only mislead.
    /// </summary>
    public static bool Require(IsoXmlCursor c, object? value, bool seen, string name)
    {
        if (value is not null)
        {
            return true;
        }

        if (!seen)
        {
            c.Missing(name);
        }

        return false;
    }

    /// <summary>
    /// Writes a group header that carries only identity and agents (GroupHeader91 in pacs.002.001.10 and
    /// pacs.028.001.03, GroupHeader101 in pacs.002.001.12). What the model holds beyond that is omitted.
    /// </summary>
    public static void WriteIdentityHeader(IsoXmlWriter w, GroupHeader header, string schemaType)
    {
        w.Start("GrpHdr");
        w.Text("MsgId", header.MessageId);
        w.DateTime("CreDtTm", header.CreationDateTime);
        ComponentWriter.Agent(w, "InstgAgt", header.InstructingAgent);
        ComponentWriter.Agent(w, "InstdAgt", header.InstructedAgent);
        w.End();
        OmitIf(w, header.TotalInterbankSettlementAmount is not null, "GrpHdr/TtlIntrBkSttlmAmt", schemaType);
        OmitIf(w, header.InterbankSettlementDate is not null, "GrpHdr/IntrBkSttlmDt", schemaType);
        OmitIf(w, header.Settlement is not null, "GrpHdr/SttlmInf", schemaType);
        OmitIf(w, header.PaymentType is not null, "GrpHdr/PmtTpInf", schemaType);
    }

    public static void OmitIf(IsoXmlWriter w, bool present, string element, string schemaType)
    {
        if (present)
        {
            w.Omit($"{element} (not in {schemaType})");
        }
    }
}
