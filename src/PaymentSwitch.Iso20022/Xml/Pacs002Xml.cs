using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>
/// pacs.002 FIToFIPaymentStatusReport, versions .10 (CBPR+, Fedwire) and .12. Both use GroupHeader91/101
/// (id, time, agents), OriginalGroupHeader17 and PaymentTransaction110/130 in the PostalAddress24 family;
/// they differ only in what PaymentSwitch does not model (<c>GrpHdr/OrgnlBizQry</c>, CashAccount40 and
/// RemittanceInformation21 inside <c>OrgnlTxRef</c>, which are written identically for our fields).
/// </summary>
internal static class Pacs002Xml
{
    public static PaymentStatusReport? Read(IsoXmlCursor c)
    {
        GroupHeader? header = null;
        var groups = new List<OriginalGroupStatus>(0);
        var transactions = new List<TransactionStatusInformation>(1);
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
                    case "OrgnlGrpInfAndSts":
                        c.ReadRepeated(groups, ref groupsSeen, ReadGroupStatus);
                        break;
                    case "TxInfAndSts":
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

        // The schema allows a report with neither part, but such a report says nothing about any payment.
        if (groupsSeen == 0 && transactionsSeen == 0)
        {
            c.Missing("TxInfAndSts");
            return null;
        }

        return groups.Count == groupsSeen && transactions.Count == transactionsSeen
            ? new PaymentStatusReport { GroupHeader = header, OriginalGroups = groups, Transactions = transactions }
            : null;
    }

    private static OriginalGroupStatus? ReadGroupStatus(IsoXmlCursor c)
    {
        string? messageId = null, nameId = null;
        DateTimeOffset? created = null;
        TransactionStatus? status = null;
        List<ReasonInformation>? reasons = null;
        var sawStatus = false;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "OrgnlMsgId": messageId = c.ReadText(35); break;
                    case "OrgnlMsgNmId": nameId = c.ReadText(35); break;
                    case "OrgnlCreDtTm": created = c.ReadDateTime(); break;
                    case "GrpSts":
                        sawStatus = true;
                        status = c.ReadStatus();
                        break;
                    case "StsRsnInf":
                        reasons ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        reasons.Add(ComponentReader.Reason(c));
                        break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        var complete = PacsParts.Require(c, messageId, seen: false, "OrgnlMsgId");
        complete &= PacsParts.Require(c, nameId, seen: false, "OrgnlMsgNmId");
        if (!complete || (sawStatus && status is null))
        {
            return null;
        }

        return new OriginalGroupStatus
        {
            Original = new OriginalGroupInformation { OriginalMessageId = messageId!, OriginalMessageNameId = nameId!, OriginalCreationDateTime = created },
            GroupStatus = status,
            StatusReasons = reasons,
        };
    }

    private static TransactionStatusInformation? ReadTransaction(IsoXmlCursor c)
    {
        string? statusId = null, instructionId = null, endToEndId = null, transactionId = null, clearingReference = null;
        OriginalGroupInformation? originalGroup = null;
        Uetr? uetr = null;
        TransactionStatus? status = null;
        List<ReasonInformation>? reasons = null;
        DateTimeOffset? acceptance = null;
        Agent? instructing = null, instructed = null;
        OriginalTransactionReference? reference = null;
        bool sawUetr = false, sawStatus = false, sawGroup = false;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "StsId": statusId = c.ReadText(35); break;
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
                    case "TxSts":
                        sawStatus = true;
                        status = c.ReadStatus();
                        break;
                    case "StsRsnInf":
                        reasons ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        reasons.Add(ComponentReader.Reason(c));
                        break;
                    case "AccptncDtTm": acceptance = c.ReadDateTime(); break;
                    case "ClrSysRef": clearingReference = c.ReadText(35); break;
                    case "InstgAgt": instructing = ComponentReader.Agent(c); break;
                    case "InstdAgt": instructed = ComponentReader.Agent(c); break;
                    case "OrgnlTxRef": reference = ComponentReader.OriginalTransactionReference(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        // OrgnlUETR and TxSts are optional in the schema and the model, so the codec reads a report without
        // them; whether such a report can be applied (CBPR+ requires both) is the hub's business rule.
        // A present but invalid element has its own error and makes the transaction unreadable.
        if ((sawUetr && uetr is null) || (sawStatus && status is null) || (sawGroup && originalGroup is null))
        {
            return null;
        }

        return new TransactionStatusInformation
        {
            StatusId = statusId, OriginalGroup = originalGroup, OriginalInstructionId = instructionId, OriginalEndToEndId = endToEndId,
            OriginalTransactionId = transactionId, OriginalUetr = uetr, Status = status, StatusReasons = reasons,
            AcceptanceDateTime = acceptance, ClearingSystemReference = clearingReference, InstructingAgent = instructing,
            InstructedAgent = instructed, OriginalTransactionReference = reference,
        };
    }

    public static void Write(IsoXmlWriter w, PaymentStatusReport message, MessageVersion version)
    {
        w.Start(MessageKind.Pacs002.RootElement());

        // GroupHeader91 (.10) and GroupHeader101 (.12) carry the same four elements we model.
        PacsParts.WriteIdentityHeader(w, message.GroupHeader, version == MessageVersion.Pacs002V10 ? "GroupHeader91" : "GroupHeader101");
        foreach (var group in message.OriginalGroups)
        {
            w.Start("OrgnlGrpInfAndSts");
            ComponentWriter.OriginalGroupFields(w, group.Original);
            w.Status("GrpSts", group.GroupStatus);
            ComponentWriter.Reasons(w, "StsRsnInf", group.StatusReasons);
            w.End();
        }

        foreach (var t in message.Transactions)
        {
            w.Start("TxInfAndSts");
            w.Text("StsId", t.StatusId);
            ComponentWriter.OriginalGroup(w, "OrgnlGrpInf", t.OriginalGroup);
            w.Text("OrgnlInstrId", t.OriginalInstructionId);
            w.Text("OrgnlEndToEndId", t.OriginalEndToEndId);
            w.Text("OrgnlTxId", t.OriginalTransactionId);
            w.Value("OrgnlUETR", t.OriginalUetr?.ToString());
            w.Status("TxSts", t.Status);
            ComponentWriter.Reasons(w, "StsRsnInf", t.StatusReasons);
            w.DateTime("AccptncDtTm", t.AcceptanceDateTime);
            w.Text("ClrSysRef", t.ClearingSystemReference);
            ComponentWriter.Agent(w, "InstgAgt", t.InstructingAgent);
            ComponentWriter.Agent(w, "InstdAgt", t.InstructedAgent);
            ComponentWriter.OriginalTransactionReference(
                w,
                t.OriginalTransactionReference);
            w.End();
        }

        w.End();
    }
}
