using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>
/// pacs.008 FIToFICustomerCreditTransfer, versions .08 (CBPR+) and .13 (Nexus). The two differ where
/// the acceptance time lives (<c>AccptncDtTm</c> vs <c>AddtlDtTm/AccptncDtTm</c>) and in the component
/// family (.13 allows longer address texts, <c>CareOf</c> and <c>UnitNb</c>, typed remittance amounts).
/// </summary>
internal static class Pacs008Xml
{
    public static CustomerCreditTransfer? Read(IsoXmlCursor c)
    {
        GroupHeader? header = null;
        int? declaredCount = null;
        var transactions = new List<CreditTransferTransaction>(1);
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
                    case "CdtTrfTxInf":
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
            c.ErrorAt("GrpHdr/NbOfTxs", $"NbOfTxs says {declaredCount} but the message has {seen} CdtTrfTxInf.", StatusReasonCode.FF01);
        }

        if (seen == 0)
        {
            c.Missing("CdtTrfTxInf");
        }

        return transactions.Count == seen && seen > 0
            ? new CustomerCreditTransfer { GroupHeader = header, Transactions = ValueList<CreditTransferTransaction>.TakeOwnership([.. transactions]) }
            : null;
    }

    private static CreditTransferTransaction? ReadTransaction(IsoXmlCursor c)
    {
        PaymentIdentification? paymentId = null;
        PaymentTypeInformation? paymentType = null;
        Money? settlementAmount = null, instructedAmount = null;
        DateOnly? settlementDate = null;
        DateTimeOffset? acceptance = null;
        decimal? rate = null;
        ChargeBearer? chargeBearer = null;
        List<Charge>? charges = null;
        Agent? instructing = null, instructed = null, intermediary1 = null, intermediary2 = null, debtorAgent = null, creditorAgent = null;
        Account? intermediary1Account = null, intermediary2Account = null, debtorAccount = null, debtorAgentAccount = null;
        Account? creditorAgentAccount = null, creditorAccount = null;
        Party? ultimateDebtor = null, initiatingParty = null, debtor = null, creditor = null, ultimateCreditor = null;
        CodeOrProprietary? purpose = null;
        List<RegulatoryReporting>? regulatory = null;
        RemittanceInformation? remittance = null;
        var hasDebtor = false;
        var hasCreditor = false;
        if (c.BeginChildren())
        {
            while (c.NextChild())
            {
                switch (c.Name)
                {
                    case "PmtId": paymentId = ComponentReader.PaymentIdentification(c); break;
                    case "PmtTpInf": paymentType = ComponentReader.PaymentType(c); break;
                    case "IntrBkSttlmAmt": settlementAmount = c.ReadAmount(); break;
                    case "IntrBkSttlmDt": settlementDate = c.ReadDate(); break;
                    case "AccptncDtTm": acceptance = c.ReadDateTime(); break;
                    case "AddtlDtTm":
                        if (c.BeginChildren())
                        {
                            while (c.NextChild())
                            {
                                switch (c.Name)
                                {
                                    case "AccptncDtTm": acceptance = c.ReadDateTime(); break;
                                    default: c.SkipUnknown(); break;
                                }
                            }
                        }

                        break;
                    case "InstdAmt": instructedAmount = c.ReadAmount(); break;
                    case "XchgRate": rate = c.ReadRate(); break;
                    case "ChrgBr": chargeBearer = c.ReadEnum<ChargeBearer>(); break;
                    case "ChrgsInf":
                        charges ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        if (ComponentReader.Charge(c) is { } charge)
                        {
                            charges.Add(charge);
                        }

                        break;
                    case "InstgAgt": instructing = ComponentReader.Agent(c); break;
                    case "InstdAgt": instructed = ComponentReader.Agent(c); break;
                    case "IntrmyAgt1": intermediary1 = ComponentReader.Agent(c); break;
                    case "IntrmyAgt1Acct": intermediary1Account = ComponentReader.Account(c); break;
                    case "IntrmyAgt2": intermediary2 = ComponentReader.Agent(c); break;
                    case "IntrmyAgt2Acct": intermediary2Account = ComponentReader.Account(c); break;
                    case "UltmtDbtr": ultimateDebtor = ComponentReader.Party(c); break;
                    case "InitgPty": initiatingParty = ComponentReader.Party(c); break;
                    case "Dbtr":
                        hasDebtor = true;
                        debtor = ComponentReader.Party(c);
                        break;
                    case "DbtrAcct": debtorAccount = ComponentReader.Account(c); break;
                    case "DbtrAgt": debtorAgent = ComponentReader.Agent(c); break;
                    case "DbtrAgtAcct": debtorAgentAccount = ComponentReader.Account(c); break;
                    case "CdtrAgt": creditorAgent = ComponentReader.Agent(c); break;
                    case "CdtrAgtAcct": creditorAgentAccount = ComponentReader.Account(c); break;
                    case "Cdtr":
                        hasCreditor = true;
                        creditor = ComponentReader.Party(c);
                        break;
                    case "CdtrAcct": creditorAccount = ComponentReader.Account(c); break;
                    case "UltmtCdtr": ultimateCreditor = ComponentReader.Party(c); break;
                    case "Purp": purpose = ComponentReader.CodeOrProprietary(c, 4); break;
                    case "RgltryRptg":
                        regulatory ??= [];
                        c.MarkRepeated(c.SiblingIndex);
                        if (regulatory.Count >= 10)
                        {
                            c.TooMany(10);
                            c.SkipUnknown();
                            break;
                        }

                        regulatory.Add(ComponentReader.RegulatoryReporting(c));
                        break;
                    case "RmtInf": remittance = ComponentReader.RemittanceInformation(c); break;
                    default: c.SkipUnknown(); break;
                }
            }
        }

        var complete = true;
        complete &= Require(c, paymentId, "PmtId");
        complete &= Require(c, settlementAmount, "IntrBkSttlmAmt");
        complete &= Require(c, chargeBearer, "ChrgBr");
        complete &= Require(c, hasDebtor ? debtor ?? new Party() : null, "Dbtr");
        complete &= Require(c, debtorAgent, "DbtrAgt");
        complete &= Require(c, creditorAgent, "CdtrAgt");
        complete &= Require(c, hasCreditor ? creditor ?? new Party() : null, "Cdtr");
        if (!complete)
        {
            return null;
        }

        return new CreditTransferTransaction
        {
            PaymentId = paymentId!, PaymentType = paymentType, InterbankSettlementAmount = settlementAmount!.Value,
            InterbankSettlementDate = settlementDate, AcceptanceDateTime = acceptance, InstructedAmount = instructedAmount,
            ExchangeRate = rate, ChargeBearer = chargeBearer!.Value, Charges = charges, InstructingAgent = instructing,
            InstructedAgent = instructed, IntermediaryAgent1 = intermediary1, IntermediaryAgent1Account = intermediary1Account,
            IntermediaryAgent2 = intermediary2, IntermediaryAgent2Account = intermediary2Account, UltimateDebtor = ultimateDebtor,
            InitiatingParty = initiatingParty, Debtor = debtor!, DebtorAccount = debtorAccount, DebtorAgent = debtorAgent!,
            DebtorAgentAccount = debtorAgentAccount, CreditorAgent = creditorAgent!, CreditorAgentAccount = creditorAgentAccount,
            Creditor = creditor!, CreditorAccount = creditorAccount, UltimateCreditor = ultimateCreditor, Purpose = purpose,
            RegulatoryReporting = regulatory, RemittanceInformation = remittance,
        };
    }

    private static bool Require(IsoXmlCursor c, object? value, string name)
    {
        if (value is null)
        {
            c.Missing(name);
            return false;
        }

        return true;
    }

    public static void Write(IsoXmlWriter w, CustomerCreditTransfer message, MessageVersion version)
    {
        var header = message.GroupHeader;
        w.Start(MessageKind.Pacs008.RootElement());
        w.Start("GrpHdr");
        w.Text("MsgId", header.MessageId);
        w.DateTime("CreDtTm", header.CreationDateTime);
        w.Count("NbOfTxs", message.Transactions.Count);
        w.Amount("TtlIntrBkSttlmAmt", header.TotalInterbankSettlementAmount);
        w.Date("IntrBkSttlmDt", header.InterbankSettlementDate);
        ComponentWriter.Settlement(w, header.Settlement ?? throw new InvalidOperationException("pacs.008 requires GrpHdr/SttlmInf."));
        ComponentWriter.PaymentType(w, header.PaymentType);
        ComponentWriter.Agent(w, "InstgAgt", header.InstructingAgent);
        ComponentWriter.Agent(w, "InstdAgt", header.InstructedAgent);
        w.End();
        foreach (var transaction in message.Transactions)
        {
            WriteTransaction(w, transaction, version);
        }

        w.End();
    }

    private static void WriteTransaction(IsoXmlWriter w, CreditTransferTransaction t, MessageVersion version)
    {
        w.Start("CdtTrfTxInf");
        ComponentWriter.PaymentIdentification(w, t.PaymentId);
        ComponentWriter.PaymentType(w, t.PaymentType);
        w.Amount("IntrBkSttlmAmt", t.InterbankSettlementAmount);
        w.Date("IntrBkSttlmDt", t.InterbankSettlementDate);
        if (t.AcceptanceDateTime is not null)
        {
            if (version == MessageVersion.Pacs008V13)
            {
                w.Start("AddtlDtTm");
                w.DateTime("AccptncDtTm", t.AcceptanceDateTime);
                w.End();
            }
            else
            {
                w.DateTime("AccptncDtTm", t.AcceptanceDateTime);
            }
        }

        w.Amount("InstdAmt", t.InstructedAmount);
        w.Rate("XchgRate", t.ExchangeRate);
        w.Code<ChargeBearer>("ChrgBr", t.ChargeBearer);
        ComponentWriter.Charges(w, t.Charges);
        ComponentWriter.Agent(w, "InstgAgt", t.InstructingAgent);
        ComponentWriter.Agent(w, "InstdAgt", t.InstructedAgent);
        ComponentWriter.Agent(w, "IntrmyAgt1", t.IntermediaryAgent1);
        ComponentWriter.Account(w, "IntrmyAgt1Acct", t.IntermediaryAgent1Account);
        ComponentWriter.Agent(w, "IntrmyAgt2", t.IntermediaryAgent2);
        ComponentWriter.Account(w, "IntrmyAgt2Acct", t.IntermediaryAgent2Account);
        ComponentWriter.Party(w, "UltmtDbtr", t.UltimateDebtor);
        ComponentWriter.Party(w, "InitgPty", t.InitiatingParty);
        ComponentWriter.Party(w, "Dbtr", t.Debtor);
        ComponentWriter.Account(w, "DbtrAcct", t.DebtorAccount);
        ComponentWriter.Agent(w, "DbtrAgt", t.DebtorAgent);
        ComponentWriter.Account(w, "DbtrAgtAcct", t.DebtorAgentAccount);
        ComponentWriter.Agent(w, "CdtrAgt", t.CreditorAgent);
        ComponentWriter.Account(w, "CdtrAgtAcct", t.CreditorAgentAccount);
        ComponentWriter.Party(w, "Cdtr", t.Creditor);
        ComponentWriter.Account(w, "CdtrAcct", t.CreditorAccount);
        ComponentWriter.Party(w, "UltmtCdtr", t.UltimateCreditor);
        ComponentWriter.CodeOrProprietary(w, "Purp", t.Purpose);
        ComponentWriter.RegulatoryReporting(w, t.RegulatoryReporting);
        ComponentWriter.RemittanceInformation(w, t.RemittanceInformation);
        w.End();
    }
}
