using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>
/// acmt.023.001.03 IdentificationVerificationRequest and acmt.024.001.03 IdentificationVerificationReport,
/// which PaymentSwitch uses for proxy lookups (a mobile number in <c>Acct/Prxy</c> resolved to an account and
/// a name). Both start with an IdentificationAssignment3 (<c>MsgId</c>, <c>CreDtTm</c>, <c>Assgnr</c>, <c>Assgne</c>);
/// its <c>Cretr</c> and <c>FrstAgt</c>, <c>OrgnlAssgnmt/FrstAgt</c> and <c>SplmtryData</c> are not modelled.
/// <c>PtyAndAcctId</c> is IdentificationInformation4, whose <c>Acct</c> is a CashAccount40 (<c>Id</c> optional).
/// </summary>
internal static class AcmtXml
{
    public static IdentificationVerificationRequest? ReadRequest(IsoXmlCursor c)
    {
        Assignment? assignment = null;
        List<VerificationRequest> verifications = [];
        var hasAssignment = false;
        var seen = 0;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Assgnmt":
                        hasAssignment = true;
                        assignment = ComponentReader.Assignment(c, acmt: true);
                        break;
                    case "Vrfctn":
                        c.ReadRepeated(verifications, ref seen, ReadVerification);
                        break;
                    default:
                        c.SkipUnknown();
                        break;
                }
            }
        }

        if (!hasAssignment)
        {
            c.Missing("Assgnmt");
        }

        if (seen == 0)
        {
            c.Missing("Vrfctn");
        }

        return assignment is not null && seen > 0 && verifications.Count == seen
            ? new IdentificationVerificationRequest
            {
                Assignment = assignment, Verifications = ValueList<VerificationRequest>.TakeOwnership([.. verifications]),
            }
            : null;
    }

    private static VerificationRequest? ReadVerification(IsoXmlCursor c)
    {
        string? id = null;
        PartyAndAccount? partyAndAccount = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Id": id = c.ReadText(35); break;
                    case "PtyAndAcctId": partyAndAccount = ReadPartyAndAccount(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (id is null)
        {
            c.Missing("Id");
        }

        if (partyAndAccount is null)
        {
            c.Missing("PtyAndAcctId");
        }

        return id is not null && partyAndAccount is not null ? new VerificationRequest { Id = id, PartyAndAccount = partyAndAccount } : null;
    }

    public static IdentificationVerificationReport? ReadReport(IsoXmlCursor c)
    {
        Assignment? assignment = null;
        string? originalMessageId = null;
        DateTimeOffset? originalCreated = null;
        List<VerificationResult> reports = [];
        var hasAssignment = false;
        var seen = 0;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Assgnmt":
                        hasAssignment = true;
                        assignment = ComponentReader.Assignment(c, acmt: true);
                        break;
                    case "OrgnlAssgnmt":
                        // MessageIdentification7: every element is optional.
                        if (c.BeginChildren())
                        {
                            while (c.NextChild())
                            {
                                switch (c.Name)
                                {
                                    case "MsgId": originalMessageId = c.ReadText(35); break;
                                    case "CreDtTm": originalCreated = c.ReadDateTime(); break;
                                    default: c.SkipUnknown(); break;
                                }
                            }
                        }

                        break;
                    case "Rpt":
                        c.ReadRepeated(reports, ref seen, ReadResult);
                        break;
                    default:
                        c.SkipUnknown();
                        break;
                }
            }
        }

        if (!hasAssignment)
        {
            c.Missing("Assgnmt");
        }

        if (seen == 0)
        {
            c.Missing("Rpt");
        }

        return assignment is not null && seen > 0 && reports.Count == seen
            ? new IdentificationVerificationReport
            {
                Assignment = assignment, OriginalAssignmentMessageId = originalMessageId,
                OriginalAssignmentCreationDateTime = originalCreated, Reports = ValueList<VerificationResult>.TakeOwnership([.. reports]),
            }
            : null;
    }

    private static VerificationResult? ReadResult(IsoXmlCursor c)
    {
        string? originalId = null;
        bool? verified = null;
        var hasVerified = false;
        CodeOrProprietary? reason = null;
        PartyAndAccount? original = null, updated = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "OrgnlId": originalId = c.ReadText(35); break;
                    case "Vrfctn":
                        // IdentificationVerificationIndicator is an xs:boolean; anything else is FF01, not "false".
                        hasVerified = true;
                        verified = c.ReadBoolean();
                        break;
                    case "Rsn": reason = ComponentReader.CodeOrProprietary(c, 4); break;
                    case "OrgnlPtyAndAcctId": original = ReadPartyAndAccount(c); break;
                    case "UpdtdPtyAndAcctId": updated = ReadPartyAndAccount(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (originalId is null)
        {
            c.Missing("OrgnlId");
        }

        if (!hasVerified)
        {
            c.Missing("Vrfctn");
        }

        return originalId is not null && verified is { } v
            ? new VerificationResult
            {
                OriginalId = originalId, Verified = v, Reason = reason, OriginalPartyAndAccount = original, UpdatedPartyAndAccount = updated,
            }
            : null;
    }

    private static PartyAndAccount ReadPartyAndAccount(IsoXmlCursor c)
    {
        Party? party = null;
        Account? account = null;
        Agent? agent = null;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Pty": party = ComponentReader.Party(c); break;
                    case "Acct": account = ComponentReader.Account(c); break;
                    case "Agt": agent = ComponentReader.Agent(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return new PartyAndAccount { Party = party, Account = account, Agent = agent };
    }

    public static void Write(IsoXmlWriter w, IdentificationVerificationRequest message)
    {
        w.Start(MessageKind.Acmt023.RootElement());
        ComponentWriter.Assignment(w, message.Assignment, acmt: true);
        foreach (var verification in message.Verifications)
        {
            w.Start("Vrfctn");
            w.Text("Id", verification.Id);
            WritePartyAndAccount(w, "PtyAndAcctId", verification.PartyAndAccount);
            w.End();
        }

        w.End();
    }

    public static void Write(IsoXmlWriter w, IdentificationVerificationReport message)
    {
        w.Start(MessageKind.Acmt024.RootElement());
        ComponentWriter.Assignment(w, message.Assignment, acmt: true);
        if (message.OriginalAssignmentMessageId is not null || message.OriginalAssignmentCreationDateTime is not null)
        {
            w.Start("OrgnlAssgnmt");
            w.Text("MsgId", message.OriginalAssignmentMessageId);
            w.DateTime("CreDtTm", message.OriginalAssignmentCreationDateTime);
            w.End();
        }

        foreach (var report in message.Reports)
        {
            w.Start("Rpt");
            w.Text("OrgnlId", report.OriginalId);
            w.Boolean("Vrfctn", report.Verified);
            ComponentWriter.CodeOrProprietary(w, "Rsn", report.Reason);
            WritePartyAndAccount(w, "OrgnlPtyAndAcctId", report.OriginalPartyAndAccount);
            WritePartyAndAccount(w, "UpdtdPtyAndAcctId", report.UpdatedPartyAndAccount);
            w.End();
        }

        w.End();
    }

    private static void WritePartyAndAccount(IsoXmlWriter w, string name, PartyAndAccount? value)
    {
        if (value is null)
        {
            return;
        }

        // IdentificationInformation4: Pty, Acct, Agt.
        w.Start(name);
        ComponentWriter.Party(w, "Pty", value.Party);
        ComponentWriter.Account(w, "Acct", value.Account);
        ComponentWriter.Agent(w, "Agt", value.Agent);
        w.End();
    }
}
