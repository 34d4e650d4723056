using FsCheck;
using FsCheck.Fluent;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.TestKit;

public static partial class IsoGenerators
{
    // External code sets of the reason elements (real codes; random 1-4 letter codes are mixed in by ExternalCode).
    private static readonly string[] ReturnReasonCodes = ["AC01", "AC04", "AC06", "AM05", "BE01", "CUST", "DUPL", "FOCR", "FRAD", "MS02", "MS03", "NARR", "RR04", "TECH"];
    private static readonly string[] CancellationReasonCodes = ["DUPL", "FRAD", "CUST", "TECH", "UPAY", "AGNT", "CURR", "AM09", "AC03", "NARR"];
    private static readonly string[] CancellationRejectionCodes = ["LEGL", "CUST", "AGNT", "ARDT", "NOAS", "NOOR", "AC04", "AM04", "ARPL", "INDM"];
    private static readonly string[] VerificationReasonCodes = ["BE23", "AC01", "AC04", "AC06", "BE01", "NARR", "MS03"];

    // ExternalInvestigationExecutionConfirmation1Code (camt.029 Sts/Conf) and CancellationIndividualStatus1Code (TxCxlSts).
    private static readonly string[] InvestigationConfirmationCodes = ["CNCL", "RJCR", "PDCR", "MODI", "ACDA", "IPAY", "ICOV", "MCOV", "CWFW", "INFO", "CONF"];
    private static readonly string[] CancellationIndividualStatusCodes = ["ACCR", "RJCR", "PDCR"];

    /// <summary>
    /// True when <paramref name="version"/> can carry fields that the other version of its message cannot:
    /// pacs.008.001.13 (PostalAddress27, PartyIdentification272, CashAccount40, open document-type codes) and
    /// pacs.002.001.12 (CashAccount40 in <c>OrgnlTxRef</c>). pacs.004.001.10 adds nothing the model holds.
    /// </summary>
    public static bool HasNewerOnlyFields(MessageVersion version) =>
        version is MessageVersion.Pacs008V13 or MessageVersion.Pacs002V12;

    /// <summary>Messages valid for <paramref name="version"/>, using every capability that version's schema has.</summary>
    public static Gen<IsoMessage> ForVersion(MessageVersion version) => Message(version.Kind(), HasNewerOnlyFields(version));

    /// <summary>
    /// Messages of <paramref name="kind"/>. Without <paramref name="includeNewerVersionFields"/> they are valid in
    /// every supported version of the kind, so they survive translation between versions; with it they may use
    /// fields only the newest version carries.
    /// </summary>
    public static Gen<IsoMessage> Message(MessageKind kind, bool includeNewerVersionFields) => kind switch
    {
        MessageKind.Pacs008 => CustomerCreditTransfer(includeNewerVersionFields).Select(static m => (IsoMessage)m),
        MessageKind.Pacs002 => PaymentStatusReport(includeNewerVersionFields).Select(static m => (IsoMessage)m),
        MessageKind.Pacs004 => PaymentReturn().Select(static m => (IsoMessage)m),
        MessageKind.Pacs028 => PaymentStatusRequest().Select(static m => (IsoMessage)m),
        MessageKind.Camt056 => CancellationRequest().Select(static m => (IsoMessage)m),
        MessageKind.Camt029 => ResolutionOfInvestigation().Select(static m => (IsoMessage)m),
        MessageKind.Acmt023 => IdentificationVerificationRequest().Select(static m => (IsoMessage)m),
        MessageKind.Acmt024 => IdentificationVerificationReport().Select(static m => (IsoMessage)m),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown message kind."),
    };

    /// <summary>An envelope for <paramref name="version"/>: a message, and half of the time a header naming the version.</summary>
    public static Gen<IsoEnvelope> Envelope(MessageVersion version) =>
        from message in ForVersion(version)
        from header in Optional(BusinessApplicationHeader(version))
        select new IsoEnvelope(version, header, message);

    // ---------------------------------------------------------------- group headers

    /// <summary>
    /// A group header with the elements <paramref name="kind"/>'s schema has: pacs.008 and pacs.004 carry settlement
    /// (mandatory), date and agents (pacs.008 also the payment type; pacs.004's GroupHeader90 has no PmtTpInf);
    /// pacs.002 and pacs.028 carry only id, time and agents. <paramref name="total"/> is the sum written to
    /// <c>TtlIntrBkSttlmAmt</c>/<c>TtlRtrdIntrBkSttlmAmt</c>, or null.
    /// </summary>
    public static Gen<GroupHeader> GroupHeader(MessageKind kind, Money? total = null, IsoSchemaProfile profile = default)
    {
        var basics =
            from id in Max35Text()
            from created in DateTime()
            from instructing in Optional(Agent(profile))
            from instructed in Optional(Agent(profile))
            select new GroupHeader { MessageId = id, CreationDateTime = created, InstructingAgent = instructing, InstructedAgent = instructed };
        if (kind is not (MessageKind.Pacs008 or MessageKind.Pacs004))
        {
            return basics;
        }

        return from header in basics
               from settlement in SettlementInformation()
               from date in OptionalValue(Date())
               from paymentType in kind == MessageKind.Pacs008 ? Optional(PaymentTypeInformation()) : Gen.Constant<PaymentTypeInformation?>(null)
               from withTotal in Chance(70)
               select header with
               {
                   Settlement = settlement,
                   InterbankSettlementDate = date,
                   PaymentType = paymentType,
                   TotalInterbankSettlementAmount = withTotal ? total : null,
               };
    }

    // ---------------------------------------------------------------- pacs.008

    /// <summary>pacs.008: one to three credit transfers in one settlement currency; the header total, when present, is their sum.</summary>
    public static Gen<CustomerCreditTransfer> CustomerCreditTransfer(bool includeNewerVersionFields = false)
    {
        var profile = new IsoSchemaProfile(includeNewerVersionFields, includeNewerVersionFields);
        return from currency in Currency()
               from count in Gen.Frequency((4, Gen.Constant(1)), (1, Gen.Choose(2, 3)))
               from transactions in Gen.ArrayOf(CreditTransferTransaction(currency, profile), count)
               from header in GroupHeader(MessageKind.Pacs008, Sum(transactions.Select(static t => t.InterbankSettlementAmount)), profile)
               select new CustomerCreditTransfer { GroupHeader = header, Transactions = ValueList<CreditTransferTransaction>.TakeOwnership(transactions) };
    }

    /// <summary>One customer credit transfer settled in <paramref name="settlementCurrency"/>.</summary>
    public static Gen<CreditTransferTransaction> CreditTransferTransaction(Currency settlementCurrency, IsoSchemaProfile profile = default)
    {
        var amounts =
            from id in PaymentIdentification()
            from paymentType in Optional(PaymentTypeInformation())
            from settlementAmount in Money(settlementCurrency)
            from settlementDate in OptionalValue(Date(), 2, 1)
            from acceptance in OptionalValue(DateTime(), 2, 1)
            from instructed in OptionalValue(Money(), 2, 1)
            from rate in OptionalValue(ExchangeRate())
            from bearer in Gen.Elements(Enum.GetValues<ChargeBearer>())
            from charges in ListOf(Charge(profile), 0, 2)
            select (id, paymentType, settlementAmount, settlementDate, acceptance, instructed, rate, bearer, charges);
        var agents =
            from instructing in Optional(Agent(profile))
            from instructed in Optional(Agent(profile))
            from intermediary1 in Optional(Agent(profile))
            from intermediary1Account in Optional(Account(profile))
            from intermediary2 in Optional(Agent(profile))
            from intermediary2Account in Optional(Account(profile))
            select (instructing, instructed, intermediary1, intermediary1Account, intermediary2, intermediary2Account);
        var debtorSide =
            from ultimateDebtor in Optional(Party(profile), 1, 2)
            from initiating in Optional(Party(profile), 1, 3)
            from debtor in Party(profile)
            from debtorAccount in Optional(Account(profile), 2, 1)
            from debtorAgent in Agent(profile)
            from debtorAgentAccount in Optional(Account(profile), 1, 3)
            select (ultimateDebtor, initiating, debtor, debtorAccount, debtorAgent, debtorAgentAccount);
        var creditorSide =
            from creditorAgent in Agent(profile)
            from creditorAgentAccount in Optional(Account(profile), 1, 3)
            from creditor in Party(profile)
            from creditorAccount in Optional(Account(profile), 2, 1)
            from ultimateCreditor in Optional(Party(profile), 1, 2)
            from purpose in OptionalValue(CodeOrProprietary(ExternalCode(4, PurposeCodes)))
            from reporting in ListOf(RegulatoryReporting(), 0, 2)
            from remittance in Optional(RemittanceInformation(profile))
            select (creditorAgent, creditorAgentAccount, creditor, creditorAccount, ultimateCreditor, purpose, reporting, remittance);
        return from a in amounts
               from g in agents
               from d in debtorSide
               from c in creditorSide
               select new CreditTransferTransaction
               {
                   PaymentId = a.id,
                   PaymentType = a.paymentType,
                   InterbankSettlementAmount = a.settlementAmount,
                   InterbankSettlementDate = a.settlementDate,
                   AcceptanceDateTime = a.acceptance,
                   InstructedAmount = a.instructed,
                   ExchangeRate = a.rate,
                   ChargeBearer = a.bearer,
                   Charges = a.charges,
                   InstructingAgent = g.instructing,
                   InstructedAgent = g.instructed,

                   // An intermediary's account travels only with the intermediary (CBPR+ rule; the XSD alone allows it).
                   IntermediaryAgent1 = g.intermediary1,
                   IntermediaryAgent1Account = g.intermediary1 is null ? null : g.intermediary1Account,
                   IntermediaryAgent2 = g.intermediary2,
                   IntermediaryAgent2Account = g.intermediary2 is null ? null : g.intermediary2Account,
                   UltimateDebtor = d.ultimateDebtor,
                   InitiatingParty = d.initiating,
                   Debtor = d.debtor,
                   DebtorAccount = d.debtorAccount,
                   DebtorAgent = d.debtorAgent,
                   DebtorAgentAccount = d.debtorAgentAccount,
                   CreditorAgent = c.creditorAgent,
                   CreditorAgentAccount = c.creditorAgentAccount,
                   Creditor = c.creditor,
                   CreditorAccount = c.creditorAccount,
                   UltimateCreditor = c.ultimateCreditor,
                   Purpose = c.purpose,
                   RegulatoryReporting = c.reporting,
                   RemittanceInformation = c.remittance,
               };
    }

    // ---------------------------------------------------------------- pacs.002

    /// <summary>pacs.002 with at least one group status or transaction status.</summary>
    public static Gen<PaymentStatusReport> PaymentStatusReport(bool includeNewerVersionFields = false)
    {
        var profile = new IsoSchemaProfile(PostalAddress27: false, AccountIdOptional: includeNewerVersionFields);
        return from header in GroupHeader(MessageKind.Pacs002)
               from groups in ListOf(OriginalGroupStatus(), 0, 2)
               from transactions in ListOf(TransactionStatusInformation(profile), groups.IsEmpty ? 1 : 0, 3)
               select new PaymentStatusReport { GroupHeader = header, OriginalGroups = groups, Transactions = transactions };
    }

    /// <summary>The status of a whole original message.</summary>
    public static Gen<OriginalGroupStatus> OriginalGroupStatus() =>
        from original in OriginalGroupInformation()
        from status in OptionalValue(Gen.Elements(Enum.GetValues<TransactionStatus>()), 3, 1)
        from reasons in ListOf(ReasonInformation(StatusReasonCode()), 0, 2)
        select new OriginalGroupStatus { Original = original, GroupStatus = status, StatusReasons = reasons };

    /// <summary>The status of one original transaction; <c>OrgnlTxRef</c> accounts follow <paramref name="profile"/>.</summary>
    public static Gen<TransactionStatusInformation> TransactionStatusInformation(IsoSchemaProfile profile = default)
    {
        var ids =
            from statusId in Optional(Max35Text())
            from originalGroup in Optional(OriginalGroupInformation(), 1, 2)
            from instruction in Optional(Max35Text())
            from endToEnd in Optional(Max35Text(), 2, 1)
            from transaction in Optional(Max35Text())
            from uetr in OptionalValue(Uetr(), 3, 1)
            select (statusId, originalGroup, instruction, endToEnd, transaction, uetr);
        var status =
            from code in OptionalValue(Gen.Elements(Enum.GetValues<TransactionStatus>()), 4, 1)
            from reasons in ListOf(ReasonInformation(StatusReasonCode()), 0, 2)
            from acceptance in OptionalValue(DateTime())
            from clearingReference in Optional(Max35Text(), 1, 2)
            from instructing in Optional(Agent(), 1, 2)
            from instructed in Optional(Agent(), 1, 2)
            from reference in Optional(OriginalTransactionReference(profile), 1, 2)
            select (code, reasons, acceptance, clearingReference, instructing, instructed, reference);
        return from i in ids
               from s in status
               select new TransactionStatusInformation
               {
                   StatusId = i.statusId,
                   OriginalGroup = i.originalGroup,
                   OriginalInstructionId = i.instruction,
                   OriginalEndToEndId = i.endToEnd,
                   OriginalTransactionId = i.transaction,
                   OriginalUetr = i.uetr,
                   Status = s.code,
                   StatusReasons = s.reasons,
                   AcceptanceDateTime = s.acceptance,
                   ClearingSystemReference = s.clearingReference,
                   InstructingAgent = s.instructing,
                   InstructedAgent = s.instructed,
                   OriginalTransactionReference = s.reference,
               };
    }

    // ---------------------------------------------------------------- pacs.004

    /// <summary>pacs.004: one to three returned transactions in one currency; the header total, when present, is their sum.</summary>
    public static Gen<PaymentReturn> PaymentReturn() =>
        from currency in Currency()
        from count in Gen.Frequency((4, Gen.Constant(1)), (1, Gen.Choose(2, 3)))
        from transactions in Gen.ArrayOf(PaymentReturnTransaction(currency), count)
        from header in GroupHeader(MessageKind.Pacs004, Sum(transactions.Select(static t => t.ReturnedInterbankSettlementAmount)))
        from original in Optional(OriginalGroupInformation())
        select new PaymentReturn
        {
            GroupHeader = header,
            OriginalGroup = original,
            Transactions = ValueList<PaymentReturnTransaction>.TakeOwnership(transactions),
        };

    /// <summary>One returned transaction, returned in <paramref name="currency"/>.</summary>
    public static Gen<PaymentReturnTransaction> PaymentReturnTransaction(Currency currency)
    {
        var ids =
            from returnId in Optional(Max35Text(), 2, 1)
            from originalGroup in Optional(OriginalGroupInformation(), 1, 2)
            from instruction in Optional(Max35Text())
            from endToEnd in Optional(Max35Text(), 2, 1)
            from transaction in Optional(Max35Text())
            from uetr in OptionalValue(Uetr(), 3, 1)
            from clearingReference in Optional(Max35Text(), 1, 2)
            select (returnId, originalGroup, instruction, endToEnd, transaction, uetr, clearingReference);
        var amounts =
            from originalAmount in OptionalValue(Money(), 2, 1)
            from originalDate in OptionalValue(Date())
            from returned in Money(currency)
            from date in OptionalValue(Date())
            from returnedInstructed in OptionalValue(Money())
            from rate in OptionalValue(ExchangeRate())
            from bearer in OptionalValue(Gen.Elements(Enum.GetValues<ChargeBearer>()))
            from charges in ListOf(Charge(), 0, 2)
            select (originalAmount, originalDate, returned, date, returnedInstructed, rate, bearer, charges);
        var rest =
            from instructing in Optional(Agent(), 1, 2)
            from instructed in Optional(Agent(), 1, 2)
            from reasons in ListOf(ReasonInformation(ExternalCode(4, ReturnReasonCodes)), 0, 2)
            from reference in Optional(OriginalTransactionReference(), 1, 2)
            select (instructing, instructed, reasons, reference);
        return from i in ids
               from a in amounts
               from r in rest
               select new PaymentReturnTransaction
               {
                   ReturnId = i.returnId,
                   OriginalGroup = i.originalGroup,
                   OriginalInstructionId = i.instruction,
                   OriginalEndToEndId = i.endToEnd,
                   OriginalTransactionId = i.transaction,
                   OriginalUetr = i.uetr,
                   OriginalClearingSystemReference = i.clearingReference,
                   OriginalInterbankSettlementAmount = a.originalAmount,
                   OriginalInterbankSettlementDate = a.originalDate,
                   ReturnedInterbankSettlementAmount = a.returned,
                   InterbankSettlementDate = a.date,
                   ReturnedInstructedAmount = a.returnedInstructed,
                   ExchangeRate = a.rate,
                   ChargeBearer = a.bearer,
                   Charges = a.charges,
                   InstructingAgent = r.instructing,
                   InstructedAgent = r.instructed,
                   ReturnReasons = r.reasons,
                   OriginalTransactionReference = r.reference,
               };
    }

    // ---------------------------------------------------------------- pacs.028

    /// <summary>pacs.028 with at least one original group or transaction.</summary>
    public static Gen<PaymentStatusRequest> PaymentStatusRequest() =>
        from header in GroupHeader(MessageKind.Pacs028)
        from groups in ListOf(OriginalGroupInformation(), 0, 2)
        from transactions in ListOf(StatusRequestTransaction(), groups.IsEmpty ? 1 : 0, 3)
        select new PaymentStatusRequest { GroupHeader = header, OriginalGroups = groups, Transactions = transactions };

    /// <summary>One transaction whose status is asked for.</summary>
    public static Gen<StatusRequestTransaction> StatusRequestTransaction() =>
        from requestId in Optional(Max35Text(), 2, 1)
        from originalGroup in Optional(OriginalGroupInformation(), 1, 2)
        from instruction in Optional(Max35Text())
        from endToEnd in Optional(Max35Text(), 2, 1)
        from transaction in Optional(Max35Text())
        from uetr in OptionalValue(Uetr(), 3, 1)
        from acceptance in OptionalValue(DateTime())
        from instructing in Optional(Agent(), 1, 2)
        from instructed in Optional(Agent(), 1, 2)
        from reference in Optional(OriginalTransactionReference(), 1, 2)
        select new StatusRequestTransaction
        {
            StatusRequestId = requestId,
            OriginalGroup = originalGroup,
            OriginalInstructionId = instruction,
            OriginalEndToEndId = endToEnd,
            OriginalTransactionId = transaction,
            OriginalUetr = uetr,
            AcceptanceDateTime = acceptance,
            InstructingAgent = instructing,
            InstructedAgent = instructed,
            OriginalTransactionReference = reference,
        };

    // ---------------------------------------------------------------- camt.056

    /// <summary>camt.056: a recall of zero to three transactions.</summary>
    public static Gen<CancellationRequest> CancellationRequest() =>
        from assignment in Assignment()
        from investigation in Optional(InvestigationCase())
        from original in Optional(OriginalGroupInformation())
        from transactions in ListOf(CancellationTransaction(), original is null ? 1 : 0, 3)
        select new CancellationRequest { Assignment = assignment, Case = investigation, OriginalGroup = original, Transactions = transactions };

    /// <summary>One transaction to cancel.</summary>
    public static Gen<CancellationTransaction> CancellationTransaction()
    {
        var ids =
            from cancellationId in Optional(Max35Text(), 2, 1)
            from investigation in Optional(InvestigationCase(), 1, 2)
            from originalGroup in Optional(OriginalGroupInformation(), 1, 2)
            from instruction in Optional(Max35Text())
            from endToEnd in Optional(Max35Text(), 2, 1)
            from transaction in Optional(Max35Text())
            from uetr in OptionalValue(Uetr(), 3, 1)
            select (cancellationId, investigation, originalGroup, instruction, endToEnd, transaction, uetr);
        var rest =
            from clearingReference in Optional(Max35Text(), 1, 2)
            from amount in OptionalValue(Money(), 2, 1)
            from date in OptionalValue(Date())
            from reasons in ListOf(ReasonInformation(ExternalCode(4, CancellationReasonCodes)), 0, 2)
            from reference in Optional(OriginalTransactionReference(), 1, 2)
            select (clearingReference, amount, date, reasons, reference);
        return from i in ids
               from r in rest
               select new CancellationTransaction
               {
                   CancellationId = i.cancellationId,
                   Case = i.investigation,
                   OriginalGroup = i.originalGroup,
                   OriginalInstructionId = i.instruction,
                   OriginalEndToEndId = i.endToEnd,
                   OriginalTransactionId = i.transaction,
                   OriginalUetr = i.uetr,
                   OriginalClearingSystemReference = r.clearingReference,
                   OriginalInterbankSettlementAmount = r.amount,
                   OriginalInterbankSettlementDate = r.date,
                   CancellationReasons = r.reasons,
                   OriginalTransactionReference = r.reference,
               };
    }

    // ---------------------------------------------------------------- camt.029

    /// <summary>camt.029: <c>Sts/Conf</c> is mandatory (InvestigationStatus5Choice is 1..1), so it is always set.</summary>
    public static Gen<ResolutionOfInvestigation> ResolutionOfInvestigation() =>
        from assignment in Assignment()
        from resolved in Optional(InvestigationCase())
        from confirmation in ExternalCode(4, InvestigationConfirmationCodes)
        from original in Optional(OriginalGroupInformation())
        from transactions in ListOf(CancellationStatusTransaction(), 0, 3)
        select new ResolutionOfInvestigation
        {
            Assignment = assignment,
            ResolvedCase = resolved,
            StatusConfirmation = confirmation,
            OriginalGroup = original,
            Transactions = transactions,
        };

    /// <summary>The cancellation status of one transaction.</summary>
    public static Gen<CancellationStatusTransaction> CancellationStatusTransaction()
    {
        var ids =
            from statusId in Optional(Max35Text(), 2, 1)
            from resolved in Optional(InvestigationCase(), 1, 2)
            from originalGroup in Optional(OriginalGroupInformation(), 1, 2)
            from instruction in Optional(Max35Text())
            from endToEnd in Optional(Max35Text(), 2, 1)
            from transaction in Optional(Max35Text())
            from clearingReference in Optional(Max35Text(), 1, 2)
            from uetr in OptionalValue(Uetr(), 3, 1)
            select (statusId, resolved, originalGroup, instruction, endToEnd, transaction, clearingReference, uetr);
        var rest =
            from status in Optional(Gen.Elements(CancellationIndividualStatusCodes), 3, 1)
            from reasons in ListOf(ReasonInformation(ExternalCode(4, CancellationRejectionCodes)), 0, 2)
            from amount in OptionalValue(Money(), 2, 1)
            from date in OptionalValue(Date())
            from reference in Optional(OriginalTransactionReference(), 1, 2)
            select (status, reasons, amount, date, reference);
        return from i in ids
               from r in rest
               select new CancellationStatusTransaction
               {
                   CancellationStatusId = i.statusId,
                   ResolvedCase = i.resolved,
                   OriginalGroup = i.originalGroup,
                   OriginalInstructionId = i.instruction,
                   OriginalEndToEndId = i.endToEnd,
                   OriginalTransactionId = i.transaction,
                   OriginalClearingSystemReference = i.clearingReference,
                   OriginalUetr = i.uetr,
                   TransactionCancellationStatus = r.status,
                   CancellationStatusReasons = r.reasons,
                   OriginalInterbankSettlementAmount = r.amount,
                   OriginalInterbankSettlementDate = r.date,
                   OriginalTransactionReference = r.reference,
               };
    }

    // ---------------------------------------------------------------- acmt.023 / acmt.024

    /// <summary>acmt.023: one to three verifications (typically a proxy lookup).</summary>
    public static Gen<IdentificationVerificationRequest> IdentificationVerificationRequest() =>
        from assignment in Assignment()
        from verifications in ListOf(VerificationRequest(), 1, 3)
        select new IdentificationVerificationRequest { Assignment = assignment, Verifications = verifications };

    /// <summary>One verification asked for.</summary>
    public static Gen<VerificationRequest> VerificationRequest() =>
        from id in Max35Text()
        from subject in PartyAndAccount()
        select new VerificationRequest { Id = id, PartyAndAccount = subject };

    /// <summary>acmt.024: one to three verification results.</summary>
    public static Gen<IdentificationVerificationReport> IdentificationVerificationReport() =>
        from assignment in Assignment()
        from originalId in Optional(Max35Text(), 2, 1)
        from originalCreated in OptionalValue(DateTime())
        from reports in ListOf(VerificationResult(), 1, 3)
        select new IdentificationVerificationReport
        {
            Assignment = assignment,
            OriginalAssignmentMessageId = originalId,
            OriginalAssignmentCreationDateTime = originalCreated,
            Reports = reports,
        };

    /// <summary>One verification result; the reason <c>Cd</c> is 1-4 upper-case letters (ExternalVerificationReason1Code).</summary>
    public static Gen<VerificationResult> VerificationResult() =>
        from originalId in Max35Text()
        from verified in Gen.Elements(true, false)
        from reason in OptionalValue(CodeOrProprietary(ExternalCode(4, VerificationReasonCodes)))
        from original in Optional(PartyAndAccount())
        from updated in Optional(PartyAndAccount())
        select new VerificationResult
        {
            OriginalId = originalId,
            Verified = verified,
            Reason = reason,
            OriginalPartyAndAccount = original,
            UpdatedPartyAndAccount = updated,
        };

    // ---------------------------------------------------------------- helpers

    private static Money? Sum(IEnumerable<Money> amounts)
    {
        // The header total is meaningful only in one currency and within 18 digits.
        Money? total = null;
        foreach (var amount in amounts)
        {
            if (total is { } t)
            {
                if (t.Currency != amount.Currency || amount.AmountMinor > Domain.Money.MaxAmountMinor - t.AmountMinor)
                {
                    return null;
                }

                total = t.Add(amount);
            }
            else
            {
                total = amount;
            }
        }

        return total;
    }
}
