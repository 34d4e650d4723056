using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>
/// camt.056.001.08 FIToFIPaymentCancellationRequest (a recall): <c>Assgnmt</c> (CaseAssignment5),
/// <c>Case</c> (Case5) and one <c>Undrlyg</c> (UnderlyingTransaction23) holding <c>OrgnlGrpInfAndCxl</c>
/// and the transactions to cancel (<c>TxInf</c>, PaymentTransaction106). The schema allows several
/// <c>Undrlyg</c>; the canonical model holds one, so a second is refused rather than silently merged.
/// <c>CtrlData</c>, the per-transaction <c>Assgnr</c>/<c>Assgne</c> agents and <c>SplmtryData</c> are not modelled.
/// </summary>
internal static class Camt056Xml
{
    public static CancellationRequest? Read(IsoXmlCursor c)
    {
        Assignment? assignment = null;
        InvestigationCase? @case = null;
        OriginalGroupInformation? originalGroup = null;
        List<CancellationTransaction> transactions = [];
        var hasAssignment = false;
        var underlyings = 0;
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
                    case "Case":
                        @case = ComponentReader.Case(c);
                        complete &= @case is not null;
                        break;
                    case "Undrlyg":
                        c.MarkRepeated(++underlyings);
                        if (underlyings > 1)
                        {
                            c.Error("PaymentSwitch processes one Undrlyg per cancellation request; send the others separately.", StatusReasonCode.FF01);
                            c.SkipUnknown();
                            complete = false;
                            break;
                        }

                        // OriginalGroupHeader15: GrpCxlId, Case, NbOfTxs, CtrlSum, GrpCxl and CxlRsnInf are not modelled.
                        complete &= ComponentReader.GroupAndTransactions(c, "OrgnlGrpInfAndCxl", "TxInf", ReadTransaction, ref originalGroup, transactions, ref seen);
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

        if (underlyings == 0)
        {
            c.Missing("Undrlyg");
            complete = false;
        }

        return complete && assignment is not null && transactions.Count == seen
            ? new CancellationRequest
            {
                Assignment = assignment, Case = @case, OriginalGroup = originalGroup,
                Transactions = ValueList<CancellationTransaction>.TakeOwnership([.. transactions]),
            }
            : null;
    }

    private static CancellationTransaction? ReadTransaction(IsoXmlCursor c)
    {
        string? cancellationId = null, instructionId = null, endToEndId = null, transactionId = null, clearingReference = null;
        InvestigationCase? @case = null;
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
                    case "CxlId": cancellationId = c.ReadText(35); break;
                    case "Case":
                        @case = ComponentReader.Case(c);
                        complete &= @case is not null;
                        break;
                    case "OrgnlGrpInf":
                        originalGroup = ComponentReader.OriginalGroup(c);
                        complete &= originalGroup is not null;
                        break;
                    case "OrgnlInstrId": instructionId = c.ReadText(35); break;
                    case "OrgnlEndToEndId": endToEndId = c.ReadText(35); break;
                    case "OrgnlTxId": transactionId = c.ReadText(35); break;
                    case "OrgnlUETR": uetr = c.ReadUetr(); break;
                    case "OrgnlClrSysRef": clearingReference = c.ReadText(35); break;
                    case "OrgnlIntrBkSttlmAmt": amount = c.ReadAmount(); break;
                    case "OrgnlIntrBkSttlmDt": date = c.ReadDate(); break;
                    case "CxlRsnInf":
                        // PaymentCancellationReason5: Rsn is CancellationReason33Choice (Cd up to 4 characters).
                        reasons ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        reasons.Add(ComponentReader.Reason(c));
                        break;
                    case "OrgnlTxRef": reference = ComponentReader.OriginalTransactionReference(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        return complete
            ? new CancellationTransaction
            {
                CancellationId = cancellationId, Case = @case, OriginalGroup = originalGroup, OriginalInstructionId = instructionId,
                OriginalEndToEndId = endToEndId, OriginalTransactionId = transactionId, OriginalUetr = uetr,
                OriginalClearingSystemReference = clearingReference, OriginalInterbankSettlementAmount = amount,
                OriginalInterbankSettlementDate = date, CancellationReasons = reasons, OriginalTransactionReference = reference,
            }
            : null;
    }

    public static void Write(IsoXmlWriter w, CancellationRequest message)
    {
        w.Start(MessageKind.Camt056.RootElement());
        ComponentWriter.Assignment(w, message.Assignment, acmt: false);
        ComponentWriter.Case(w, "Case", message.Case);

        // Undrlyg is mandatory (1..n) even when it names neither the group nor a transaction.
        w.Start("Undrlyg");
        ComponentWriter.OriginalGroup(w, "OrgnlGrpInfAndCxl", message.OriginalGroup);
        foreach (var transaction in message.Transactions)
        {
            WriteTransaction(w, transaction);
        }

        w.End();
        w.End();
    }

    private static void WriteTransaction(IsoXmlWriter w, CancellationTransaction t)
    {
        // PaymentTransaction106 order. Assgnr/Assgne (agents per transaction) are not modelled.
        w.Start("TxInf");
        w.Text("CxlId", t.CancellationId);
        ComponentWriter.Case(w, "Case", t.Case);
        ComponentWriter.OriginalGroup(w, "OrgnlGrpInf", t.OriginalGroup);
        w.Text("OrgnlInstrId", t.OriginalInstructionId);
        w.Text("OrgnlEndToEndId", t.OriginalEndToEndId);
        w.Text("OrgnlTxId", t.OriginalTransactionId);
        w.Value("OrgnlUETR", t.OriginalUetr?.ToString());
        w.Text("OrgnlClrSysRef", t.OriginalClearingSystemReference);
        w.Amount("OrgnlIntrBkSttlmAmt", t.OriginalInterbankSettlementAmount);
        w.Date("OrgnlIntrBkSttlmDt", t.OriginalInterbankSettlementDate);
        ComponentWriter.Reasons(w, "CxlRsnInf", t.CancellationReasons);
        ComponentWriter.OriginalTransactionReference(w, t.OriginalTransactionReference);
        w.End();
    }
}
