using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>
/// pacs.004 PaymentReturn, versions .09 (CBPR+) and .10 (Fedwire). Both use GroupHeader90,
/// OriginalGroupHeader18 and PaymentTransaction112/118 in the PostalAddress24 family; they differ only in
/// what PaymentSwitch does not model (<c>RtrChain</c> parties, <c>OrgnlTxRef/UndrlygCstmrCdtTrf</c>).
/// </summary>
internal static class Pacs004Xml
{
    public static PaymentReturn? Read(IsoXmlCursor c)
    {
        GroupHeader? header = null;
        int? declaredCount = null;
        OriginalGroupInformation? originalGroup = null;
        var sawOriginalGroup = false;
        var transactions = new List<PaymentReturnTransaction>(1);
        var seen = 0;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "GrpHdr":
                        header = ComponentReader.GroupHeader(c, out declaredCount);
                        break;
                    case "OrgnlGrpInf":
                        // OriginalGroupHeader18 also has RtrRsnInf for a whole-group return; it is not modelled and is skipped.
                        sawOriginalGroup = true;
                        originalGroup = ComponentReader.OriginalGroup(c);
                        break;
                    case "TxInf":
                        c.ReadRepeated(transactions, ref seen, ReadTransaction);
                        break;
                    default:
                        c.SkipUnknown();
                        break;
                }
            }
        }

        if (header is null)
        {
            c.Missing("GrpHdr");
            return null;
        }

        if (header.Settlement is null)
        {
            c.Missing("GrpHdr/SttlmInf");
        }

        if (declaredCount is null)
        {
            c.Missing("GrpHdr/NbOfTxs");
        }
        else if (declaredCount != seen)
        {
            c.ErrorAt("GrpHdr/NbOfTxs", $"NbOfTxs says {declaredCount} but the message has {seen} TxInf.", StatusReasonCode.FF01);
        }

        // A whole-group return (GrpRtr) without TxInf is not modelled: PaymentSwitch returns payments one by one.
        if (seen == 0)
        {
            c.Missing("TxInf");
        }

        var complete = header.Settlement is not null && declaredCount == seen && seen > 0 && transactions.Count == seen
            && (!sawOriginalGroup || originalGroup is not null);
        return complete
            ? new PaymentReturn { GroupHeader = header, OriginalGroup = originalGroup, Transactions = transactions }
            : null;
    }

    private static PaymentReturnTransaction? ReadTransaction(IsoXmlCursor c)
    {
        string? returnId = null, instructionId = null, endToEndId = null, transactionId = null, originalClearingReference = null;
        OriginalGroupInformation? originalGroup = null;
        Uetr? uetr = null;
        Money? originalAmount = null, returnedAmount = null, returnedInstructedAmount = null;
        DateOnly? originalDate = null, settlementDate = null;
        decimal? rate = null;
        ChargeBearer? chargeBearer = null;
        List<Charge>? charges = null;
        Agent? instructing = null, instructed = null;
        List<ReasonInformation>? reasons = null;
        OriginalTransactionReference? reference = null;
        bool sawGroup = false, sawUetr = false, sawReturnedAmount = false;
        var chargesSeen = 0;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "RtrId": returnId = c.ReadText(35); break;
                    case "OrgnlGrpInf":
                        sawGroup = true;
                        originalGroup = ComponentReader.OriginalGroup(c);
                        break;
                    case "OrgnlInstrId": instructionId = c.ReadText(35); break;
                    case "OrgnlEndToEndId": endToEndId = c.ReadText(35); break;
                    case "OrgnlTxId": transactionId = c.ReadText(35); break;
                    case "OrgnlUETR":
                        sawUetr = true;
                        uetr = c.ReadUetr();
                        break;
                    case "OrgnlClrSysRef": originalClearingReference = c.ReadText(35); break;
                    case "OrgnlIntrBkSttlmAmt": originalAmount = c.ReadAmount(); break;
                    case "OrgnlIntrBkSttlmDt": originalDate = c.ReadDate(); break;
                    case "RtrdIntrBkSttlmAmt":
                        sawReturnedAmount = true;
                        returnedAmount = c.ReadAmount();
                        break;
                    case "IntrBkSttlmDt": settlementDate = c.ReadDate(); break;
                    case "RtrdInstdAmt": returnedInstructedAmount = c.ReadAmount(); break;
                    case "XchgRate": rate = c.ReadRate(); break;
                    case "ChrgBr": chargeBearer = c.ReadEnum<ChargeBearer>(); break;
                    case "ChrgsInf":
                        charges ??= [];
                        c.ReadRepeated(charges, ref chargesSeen, ComponentReader.Charge);
                        break;
                    case "InstgAgt": instructing = ComponentReader.Agent(c); break;
                    case "InstdAgt": instructed = ComponentReader.Agent(c); break;
                    case "RtrRsnInf":
                        reasons ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        reasons.Add(ComponentReader.Reason(c));
                        break;
                    case "OrgnlTxRef": reference = ComponentReader.OriginalTransactionReference(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        // OrgnlUETR is optional in the schema and the model (CBPR+ requires it; that is the hub's rule), but a
        // present and invalid one makes the transaction unreadable.
        var complete = PacsParts.Require(c, returnedAmount, sawReturnedAmount, "RtrdIntrBkSttlmAmt");
        if (!complete || (sawUetr && uetr is null) || (sawGroup && originalGroup is null))
        {
            return null;
        }

        return new PaymentReturnTransaction
        {
            ReturnId = returnId, OriginalGroup = originalGroup, OriginalInstructionId = instructionId, OriginalEndToEndId = endToEndId,
            OriginalTransactionId = transactionId, OriginalUetr = uetr, OriginalClearingSystemReference = originalClearingReference,
            OriginalInterbankSettlementAmount = originalAmount, OriginalInterbankSettlementDate = originalDate,
            ReturnedInterbankSettlementAmount = returnedAmount!.Value, InterbankSettlementDate = settlementDate,
            ReturnedInstructedAmount = returnedInstructedAmount, ExchangeRate = rate, ChargeBearer = chargeBearer, Charges = charges,
            InstructingAgent = instructing, InstructedAgent = instructed, ReturnReasons = reasons, OriginalTransactionReference = reference,
        };
    }

    public static void Write(IsoXmlWriter w, PaymentReturn message, MessageVersion version)
    {
        _ = version; // .09 and .10 are identical in everything PaymentSwitch models.
        var header = message.GroupHeader;
        w.Start(MessageKind.Pacs004.RootElement());
        w.Start("GrpHdr");
        w.Text("MsgId", header.MessageId);
        w.DateTime("CreDtTm", header.CreationDateTime);
        w.Count("NbOfTxs", message.Transactions.Count);
        w.Amount("TtlRtrdIntrBkSttlmAmt", header.TotalInterbankSettlementAmount);
        w.Date("IntrBkSttlmDt", header.InterbankSettlementDate);
        ComponentWriter.Settlement(w, header.Settlement ?? throw new InvalidOperationException("pacs.004 requires GrpHdr/SttlmInf."));
        ComponentWriter.Agent(w, "InstgAgt", header.InstructingAgent);
        ComponentWriter.Agent(w, "InstdAgt", header.InstructedAgent);
        w.End();
        PacsParts.OmitIf(w, header.PaymentType is not null, "GrpHdr/PmtTpInf", "GroupHeader90");
        ComponentWriter.OriginalGroup(w, "OrgnlGrpInf", message.OriginalGroup);
        foreach (var t in message.Transactions)
        {
            WriteTransaction(w, t);
        }

        w.End();
    }

    private static void WriteTransaction(IsoXmlWriter w, PaymentReturnTransaction t)
    {
        w.Start("TxInf");
        w.Text("RtrId", t.ReturnId);
        ComponentWriter.OriginalGroup(w, "OrgnlGrpInf", t.OriginalGroup);
        w.Text("OrgnlInstrId", t.OriginalInstructionId);
        w.Text("OrgnlEndToEndId", t.OriginalEndToEndId);
        w.Text("OrgnlTxId", t.OriginalTransactionId);
        w.Value("OrgnlUETR", t.OriginalUetr?.ToString());
        w.Text("OrgnlClrSysRef", t.OriginalClearingSystemReference);
        w.Amount("OrgnlIntrBkSttlmAmt", t.OriginalInterbankSettlementAmount);
        w.Date("OrgnlIntrBkSttlmDt", t.OriginalInterbankSettlementDate);
        w.Amount("RtrdIntrBkSttlmAmt", t.ReturnedInterbankSettlementAmount);
        w.Date("IntrBkSttlmDt", t.InterbankSettlementDate);
        w.Amount("RtrdInstdAmt", t.ReturnedInstructedAmount);
        w.Rate("XchgRate", t.ExchangeRate);
        w.Code("ChrgBr", t.ChargeBearer);
        ComponentWriter.Charges(w, t.Charges);
        ComponentWriter.Agent(w, "InstgAgt", t.InstructingAgent);
        ComponentWriter.Agent(w, "InstdAgt", t.InstructedAgent);
        ComponentWriter.Reasons(w, "RtrRsnInf", t.ReturnReasons);
        ComponentWriter.OriginalTransactionReference(w, t.OriginalTransactionReference);
        w.End();
    }
}
