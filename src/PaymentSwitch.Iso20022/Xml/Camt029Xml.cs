using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>
/// camt.029.001.09 ResolutionOfInvestigation, as the answer to a camt.056: <c>Assgnmt</c> (CaseAssignment5),
/// <c>RslvdCase</c> (Case5), <c>Sts/Conf</c> and one <c>CxlDtls</c> (UnderlyingTransaction22) holding
/// <c>OrgnlGrpInfAndSts</c> and the per-transaction answers (<c>TxInfAndSts</c>, PaymentTransaction102).
/// The other <c>Sts</c> choices (<c>RjctdMod</c>, <c>DplctOf</c>, <c>AssgnmtCxlConf</c>), <c>OrgnlPmtInfAndSts</c>,
/// <c>ModDtls</c>, <c>ClmNonRctDtls</c>, <c>StmtDtls</c>, <c>CrrctnTx</c>, <c>RsltnRltdInf</c> and the per-transaction
/// <c>Assgnr</c>/<c>Assgne</c> are not modelled and are skipped with a warning.
/// </summary>
internal static class Camt029Xml
{
    // CancellationIndividualStatus1Code, a closed ISO enumeration.
    private static readonly string[] CancellationStatuses = ["ACCR", "RJCR", "PDCR"];

    public static ResolutionOfInvestigation? Read(IsoXmlCursor c)
    {
        Assignment? assignment = null;
        InvestigationCase? resolvedCase = null;
        string? confirmation = null;
        OriginalGroupInformation? originalGroup = null;
        List<CancellationStatusTransaction> transactions = [];
        var hasAssignment = false;
        var hasStatus = false;
        var details = 0;
        var seen = 0;
        var complete = true;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "Assgnmt":
                        hasAssignment = true;
                        assignment = ComponentReader.Assignment(c, acmt: false);
                        complete &= assignment is not null;
                        break;
                    case "RslvdCase":
                        resolvedCase = ComponentReader.Case(c);
                        complete &= resolvedCase is not null;
                        break;
                    case "Sts":
                        hasStatus = true;
                        confirmation = ReadStatus(c);
                        complete &= confirmation is not null;
                        break;
                    case "CxlDtls":
                        c.MarkRepeated(++details);
                        if (details > 1)
                        {
                            c.Error("PaymentSwitch processes one CxlDtls per resolution; send the others separately.", StatusReasonCode.FF01);
                            c.SkipUnknown();
                            complete = false;
                            break;
                        }

                        // OriginalGroupHeader14: OrgnlGrpCxlId, RslvdCase, OrgnlNbOfTxs, OrgnlCtrlSum, GrpCxlSts, CxlStsRsnInf and
                        // NbOfTxsPerCxlSts are not modelled.
                        complete &= ComponentReader.GroupAndTransactions(c, "OrgnlGrpInfAndSts", "TxInfAndSts", ReadTransaction, ref originalGroup, transactions, ref seen);
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

        if (!hasStatus)
        {
            c.Missing("Sts");
            complete = false;
        }

        return complete && assignment is not null && transactions.Count == seen
            ? new ResolutionOfInvestigation
            {
                Assignment = assignment, ResolvedCase = resolvedCase, StatusConfirmation = confirmation, OriginalGroup = originalGroup,
                Transactions = ValueList<CancellationStatusTransaction>.TakeOwnership([.. transactions]),
            }
            : null;
    }

    private static string? ReadStatus(IsoXmlCursor c)
    {
        // InvestigationStatus5Choice: only Conf (ExternalInvestigationExecutionConfirmation1Code) is modelled.
        string? confirmation = null;
        var choices = 0;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                choices++;
                switch (c.Name)
                {
                    case "Conf": confirmation = c.ReadCode(4); break;
                    case "RjctdMod" or "DplctOf" or "AssgnmtCxlConf":
                        // A resolution PaymentSwitch cannot carry must be refused, not read as a message that
                        // could not be written back.
                        c.Error($"Sts/{c.Name} is not processed by PaymentSwitch; a cancellation answer uses Sts/Conf.", StatusReasonCode.FF01);
                        c.SkipSilently();
                        break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        if (choices == 0)
        {
            c.Missing("Conf");
        }

        return confirmation;
    }

    private static CancellationStatusTransaction? ReadTransaction(IsoXmlCursor c)
    {
        string? statusId = null, instructionId = null, endToEndId = null, transactionId = null, clearingReference = null, status = null;
        InvestigationCase? resolvedCase = null;
        OriginalGroupInformation? originalGroup = null;
        Uetr? uetr = null;
        Money? amount = null;
        DateOnly? date = null;
        List<ReasonInformation>? reasons = null;
        OriginalTransactionReference? reference = null;
        var complete = true;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "CxlStsId": statusId = c.ReadText(35); break;
                    case "RslvdCase":
                        resolvedCase = ComponentReader.Case(c);
                        complete &= resolvedCase is not null;
                        break;
                    case "OrgnlGrpInf":
                        originalGroup = ComponentReader.OriginalGroup(c);
                        complete &= originalGroup is not null;
                        break;
                    case "OrgnlInstrId": instructionId = c.ReadText(35); break;
                    case "OrgnlEndToEndId": endToEndId = c.ReadText(35); break;
                    case "OrgnlTxId": transactionId = c.ReadText(35); break;
                    case "OrgnlClrSysRef": clearingReference = c.ReadText(35); break;
                    case "OrgnlUETR": uetr = c.ReadUetr(); break;
                    case "TxCxlSts":
                        status = c.ReadCode(4);
                        if (status is not null && Array.IndexOf(CancellationStatuses, status) < 0)
                        {
                            c.Error($"'{status}' is not one of {string.Join(", ", CancellationStatuses)}.", StatusReasonCode.FF01);
                            status = null;
                            complete = false;
                        }

                        break;
                    case "CxlStsRsnInf":
                        // CancellationStatusReason4: Rsn is CancellationStatusReason3Choice (Cd up to 4 characters).
                        reasons ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        reasons.Add(ComponentReader.Reason(c));
                        break;
                    case "OrgnlIntrBkSttlmAmt": amount = c.ReadAmount(); break;
                    case "OrgnlIntrBkSttlmDt": date = c.ReadDate(); break;
                    case "OrgnlTxRef": reference = ComponentReader.OriginalTransactionReference(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return complete
            ? new CancellationStatusTransaction
            {
                CancellationStatusId = statusId, ResolvedCase = resolvedCase, OriginalGroup = originalGroup,
                OriginalInstructionId = instructionId, OriginalEndToEndId = endToEndId, OriginalTransactionId = transactionId,
                OriginalClearingSystemReference = clearingReference, OriginalUetr = uetr, TransactionCancellationStatus = status,
                CancellationStatusReasons = reasons, OriginalInterbankSettlementAmount = amount, OriginalInterbankSettlementDate = date,
                OriginalTransactionReference = reference,
            }
            : null;
    }

    public static void Write(IsoXmlWriter w, ResolutionOfInvestigation message)
    {
        w.Start(MessageKind.Camt029.RootElement());
        ComponentWriter.Assignment(w, message.Assignment, acmt: false);
        ComponentWriter.Case(w, "RslvdCase", message.ResolvedCase);

        // Sts is mandatory and the model carries only its Conf branch.
        w.Start("Sts");
        w.Text("Conf", message.StatusConfirmation ?? throw new InvalidOperationException("camt.029 requires Sts; the model carries it as StatusConfirmation (Sts/Conf)."));
        w.End();
        if (message.OriginalGroup is not null || message.Transactions.Count > 0)
        {
            w.Start("CxlDtls");
            ComponentWriter.OriginalGroup(w, "OrgnlGrpInfAndSts", message.OriginalGroup);
            foreach (var transaction in message.Transactions)
            {
                WriteTransaction(w, transaction);
            }

            w.End();
        }

        w.End();
    }

    private static void WriteTransaction(IsoXmlWriter w, CancellationStatusTransaction t)
    {
        // PaymentTransaction102 order (OrgnlClrSysRef before OrgnlUETR, unlike camt.056). Assgnr/Assgne are not modelled.
        w.Start("TxInfAndSts");
        w.Text("CxlStsId", t.CancellationStatusId);
        ComponentWriter.Case(w, "RslvdCase", t.ResolvedCase);
        ComponentWriter.OriginalGroup(w, "OrgnlGrpInf", t.OriginalGroup);
        w.Text("OrgnlInstrId", t.OriginalInstructionId);
        w.Text("OrgnlEndToEndId", t.OriginalEndToEndId);
        w.Text("OrgnlTxId", t.OriginalTransactionId);
        w.Text("OrgnlClrSysRef", t.OriginalClearingSystemReference);
        w.Value("OrgnlUETR", t.OriginalUetr?.ToString());
        w.Text("TxCxlSts", t.TransactionCancellationStatus);
        ComponentWriter.Reasons(w, "CxlStsRsnInf", t.CancellationStatusReasons);
        w.Amount("OrgnlIntrBkSttlmAmt", t.OriginalInterbankSettlementAmount);
        w.Date("OrgnlIntrBkSttlmDt", t.OriginalInterbankSettlementDate);
        ComponentWriter.OriginalTransactionReference(w, t.OriginalTransactionReference);
        w.End();
    }
}
