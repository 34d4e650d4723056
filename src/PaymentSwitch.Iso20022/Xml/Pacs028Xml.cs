using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>
/// pacs.028.001.03 FIToFIPaymentStatusRequest: GroupHeader91, OriginalGroupInformation27 and
/// PaymentTransaction113 in the PostalAddress24 family.
/// </summary>
internal static class Pacs028Xml
{
    public static PaymentStatusRequest? Read(IsoXmlCursor c)
    {
        GroupHeader? header = null;
        var groups = new List<OriginalGroupInformation>(0);
        var transactions = new List<StatusRequestTransaction>(1);
        var groupsSeen = 0;
        var transactionsSeen = 0;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "GrpHdr":
                        header = ComponentReader.GroupHeader(c, out _);
                        break;
                    case "OrgnlGrpInf":
                        // OriginalGroupInformation27 also has OrgnlNbOfTxs and OrgnlCtrlSum; they are not modelled and are skipped.
                        c.ReadRepeated(groups, ref groupsSeen, ComponentReader.OriginalGroup);
                        break;
                    case "TxInf":
                        c.ReadRepeated(transactions, ref transactionsSeen, ReadTransaction);
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

        // The schema allows a request with neither part, but such a request asks about nothing.
        if (groupsSeen == 0 && transactionsSeen == 0)
        {
            c.Missing("TxInf");
            return null;
        }

        return groups.Count == groupsSeen && transactions.Count == transactionsSeen
            ? new PaymentStatusRequest { GroupHeader = header, OriginalGroups = groups, Transactions = transactions }
            : null;
    }

    private static StatusRequestTransaction? ReadTransaction(IsoXmlCursor c)
    {
        string? requestId = null, instructionId = null, endToEndId = null, transactionId = null;
        OriginalGroupInformation? originalGroup = null;
        Uetr? uetr = null;
        DateTimeOffset? acceptance = null;
        Agent? instructing = null, instructed = null;
        OriginalTransactionReference? reference = null;
        bool sawGroup = false, sawUetr = false;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "StsReqId": requestId = c.ReadText(35); break;
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
                    case "AccptncDtTm": acceptance = c.ReadDateTime(); break;
                    case "InstgAgt": instructing = ComponentReader.Agent(c); break;
                    case "InstdAgt": instructed = ComponentReader.Agent(c); break;
                    case "OrgnlTxRef": reference = ComponentReader.OriginalTransactionReference(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        // OrgnlUETR is optional in the schema and the model; the hub decides whether it can answer without it.
        if ((sawUetr && uetr is null) || (sawGroup && originalGroup is null))
        {
            return null;
        }

        return new StatusRequestTransaction
        {
            StatusRequestId = requestId, OriginalGroup = originalGroup, OriginalInstructionId = instructionId,
            OriginalEndToEndId = endToEndId, OriginalTransactionId = transactionId, OriginalUetr = uetr, AcceptanceDateTime = acceptance,
            InstructingAgent = instructing, InstructedAgent = instructed, OriginalTransactionReference = reference,
        };
    }

    public static void Write(IsoXmlWriter w, PaymentStatusRequest message)
    {
        w.Start(MessageKind.Pacs028.RootElement());
        PacsParts.WriteIdentityHeader(w, message.GroupHeader, "GroupHeader91");
        foreach (var group in message.OriginalGroups)
        {
            ComponentWriter.OriginalGroup(w, "OrgnlGrpInf", group);
        }

        foreach (var t in message.Transactions)
        {
            w.Start("TxInf");
            w.Text("StsReqId", t.StatusRequestId);
            ComponentWriter.OriginalGroup(w, "OrgnlGrpInf", t.OriginalGroup);
            w.Text("OrgnlInstrId", t.OriginalInstructionId);
            w.Text("OrgnlEndToEndId", t.OriginalEndToEndId);
            w.Text("OrgnlTxId", t.OriginalTransactionId);
            w.Value("OrgnlUETR", t.OriginalUetr?.ToString());
            w.DateTime("AccptncDtTm", t.AcceptanceDateTime);
            ComponentWriter.Agent(w, "InstgAgt", t.InstructingAgent);
            ComponentWriter.Agent(w, "InstdAgt", t.InstructedAgent);
            ComponentWriter.OriginalTransactionReference(w, t.OriginalTransactionReference);
            w.End();
        }

        w.End();
    }
}
