namespace PaymentSwitch.Domain.Iso20022;

/// <summary>
/// A canonical ISO 20022 business message, independent of the schema version it arrived in. The hub
/// works only with these; XML and MessagePack codecs translate at the edges.
/// </summary>
public abstract record IsoMessage
{
    /// <summary>Which business message this is.</summary>
    public abstract MessageKind Kind { get; }
}

/// <summary>pacs.008 FIToFICustomerCreditTransfer: one or more customer credit transfers.</summary>
public sealed record CustomerCreditTransfer : IsoMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Pacs008;

    /// <summary><c>GrpHdr</c>. <c>NbOfTxs</c> is not stored: writers derive it from <see cref="Transactions"/>.</summary>
    public required GroupHeader GroupHeader { get; init; }

    /// <summary><c>CdtTrfTxInf</c> (1..n).</summary>
    public required ValueList<CreditTransferTransaction> Transactions { get; init; }
}

/// <summary>One customer credit transfer (<c>CdtTrfTxInf</c>).</summary>
public sealed record CreditTransferTransaction
{
    /// <summary><c>PmtId</c>.</summary>
    public required PaymentIdentification PaymentId { get; init; }

    /// <summary><c>PmtTpInf</c>.</summary>
    public PaymentTypeInformation? PaymentType { get; init; }

    /// <summary><c>IntrBkSttlmAmt</c>: what moves between agents, in the settlement currency.</summary>
    public required Money InterbankSettlementAmount { get; init; }

    /// <summary><c>IntrBkSttlmDt</c>.</summary>
    public DateOnly? InterbankSettlementDate { get; init; }

    /// <summary><c>AccptncDtTm</c> (.08) or <c>AddtlDtTm/AccptncDtTm</c> (.13). Nexus times payments from it.</summary>
    public DateTimeOffset? AcceptanceDateTime { get; init; }

    /// <summary><c>InstdAmt</c>: the amount the debtor instructed, in the instructed currency.</summary>
    public Money? InstructedAmount { get; init; }

    /// <summary><c>XchgRate</c> (BaseOneRate: units of settlement currency per unit of instructed currency).</summary>
    public decimal? ExchangeRate { get; init; }

    /// <summary><c>ChrgBr</c>.</summary>
    public required ChargeBearer ChargeBearer { get; init; }

    /// <summary><c>ChrgsInf</c> (0..n).</summary>
    public ValueList<Charge> Charges { get; init; }

    /// <summary><c>InstgAgt</c>.</summary>
    public Agent? InstructingAgent { get; init; }

    /// <summary><c>InstdAgt</c>.</summary>
    public Agent? InstructedAgent { get; init; }

    /// <summary><c>IntrmyAgt1</c> (in Nexus: the source settlement access provider).</summary>
    public Agent? IntermediaryAgent1 { get; init; }

    /// <summary><c>IntrmyAgt1Acct</c>.</summary>
    public Account? IntermediaryAgent1Account { get; init; }

    /// <summary><c>IntrmyAgt2</c> (in Nexus: the destination settlement access provider).</summary>
    public Agent? IntermediaryAgent2 { get; init; }

    /// <summary><c>IntrmyAgt2Acct</c>.</summary>
    public Account? IntermediaryAgent2Account { get; init; }

    /// <summary><c>UltmtDbtr</c>.</summary>
    public Party? UltimateDebtor { get; init; }

    /// <summary><c>InitgPty</c>.</summary>
    public Party? InitiatingParty { get; init; }

    /// <summary><c>Dbtr</c>.</summary>
    public required Party Debtor { get; init; }

    /// <summary><c>DbtrAcct</c>.</summary>
    public Account? DebtorAccount { get; init; }

    /// <summary><c>DbtrAgt</c>.</summary>
    public required Agent DebtorAgent { get; init; }

    /// <summary><c>DbtrAgtAcct</c>.</summary>
    public Account? DebtorAgentAccount { get; init; }

    /// <summary><c>CdtrAgt</c>.</summary>
    public required Agent CreditorAgent { get; init; }

    /// <summary><c>CdtrAgtAcct</c>.</summary>
    public Account? CreditorAgentAccount { get; init; }

    /// <summary><c>Cdtr</c>.</summary>
    public required Party Creditor { get; init; }

    /// <summary><c>CdtrAcct</c>.</summary>
    public Account? CreditorAccount { get; init; }

    /// <summary><c>UltmtCdtr</c>.</summary>
    public Party? UltimateCreditor { get; init; }

    /// <summary><c>Purp</c>.</summary>
    public CodeOrProprietary? Purpose { get; init; }

    /// <summary><c>RgltryRptg</c> (at most 10).</summary>
    public ValueList<RegulatoryReporting> RegulatoryReporting { get; init; }

    /// <summary><c>RmtInf</c>.</summary>
    public RemittanceInformation? RemittanceInformation { get; init; }
}

/// <summary>pacs.002 FIToFIPaymentStatusReport.</summary>
public sealed record PaymentStatusReport : IsoMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Pacs002;

    /// <summary><c>GrpHdr</c> (id, time, agents).</summary>
    public required GroupHeader GroupHeader { get; init; }

    /// <summary><c>OrgnlGrpInfAndSts</c> (0..n).</summary>
    public ValueList<OriginalGroupStatus> OriginalGroups { get; init; }

    /// <summary><c>TxInfAndSts</c> (0..n).</summary>
    public ValueList<TransactionStatusInformation> Transactions { get; init; }
}

/// <summary>Status of a whole original message (<c>OrgnlGrpInfAndSts</c>).</summary>
public sealed record OriginalGroupStatus
{
    /// <summary><c>OrgnlMsgId</c>, <c>OrgnlMsgNmId</c>, <c>OrgnlCreDtTm</c>.</summary>
    public required OriginalGroupInformation Original { get; init; }

    /// <summary><c>GrpSts</c>.</summary>
    public TransactionStatus? GroupStatus { get; init; }

    /// <summary><c>StsRsnInf</c>.</summary>
    public ValueList<ReasonInformation> StatusReasons { get; init; }
}

/// <summary>Status of one original transaction (<c>TxInfAndSts</c>).</summary>
public sealed record TransactionStatusInformation
{
    /// <summary><c>StsId</c>.</summary>
    public string? StatusId { get; init; }

    /// <summary><c>OrgnlGrpInf</c>.</summary>
    public OriginalGroupInformation? OriginalGroup { get; init; }

    /// <summary><c>OrgnlInstrId</c>.</summary>
    public string? OriginalInstructionId { get; init; }

    /// <summary><c>OrgnlEndToEndId</c>.</summary>
    public string? OriginalEndToEndId { get; init; }

    /// <summary><c>OrgnlTxId</c>.</summary>
    public string? OriginalTransactionId { get; init; }

    /// <summary><c>OrgnlUETR</c>.</summary>
    public Uetr? OriginalUetr { get; init; }

    /// <summary><c>TxSts</c>.</summary>
    public TransactionStatus? Status { get; init; }

    /// <summary><c>StsRsnInf</c>.</summary>
    public ValueList<ReasonInformation> StatusReasons { get; init; }

    /// <summary><c>AccptncDtTm</c>.</summary>
    public DateTimeOffset? AcceptanceDateTime { get; init; }

    /// <summary><c>ClrSysRef</c>.</summary>
    public string? ClearingSystemReference { get; init; }

    /// <summary><c>InstgAgt</c>.</summary>
    public Agent? InstructingAgent { get; init; }

    /// <summary><c>InstdAgt</c>.</summary>
    public Agent? InstructedAgent { get; init; }

    /// <summary><c>OrgnlTxRef</c>.</summary>
    public OriginalTransactionReference? OriginalTransactionReference { get; init; }
}

/// <summary>pacs.004 PaymentReturn.</summary>
public sealed record PaymentReturn : IsoMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Pacs004;

    /// <summary><c>GrpHdr</c>; <see cref="GroupHeader.TotalInterbankSettlementAmount"/> maps to <c>TtlRtrdIntrBkSttlmAmt</c>.</summary>
    public required GroupHeader GroupHeader { get; init; }

    /// <summary><c>OrgnlGrpInf</c> at message level.</summary>
    public OriginalGroupInformation? OriginalGroup { get; init; }

    /// <summary><c>TxInf</c> (0..n).</summary>
    public ValueList<PaymentReturnTransaction> Transactions { get; init; }
}

/// <summary>One returned transaction (<c>TxInf</c>).</summary>
public sealed record PaymentReturnTransaction
{
    /// <summary><c>RtrId</c>.</summary>
    public string? ReturnId { get; init; }

    /// <summary><c>OrgnlGrpInf</c>.</summary>
    public OriginalGroupInformation? OriginalGroup { get; init; }

    /// <summary><c>OrgnlInstrId</c>.</summary>
    public string? OriginalInstructionId { get; init; }

    /// <summary><c>OrgnlEndToEndId</c>.</summary>
    public string? OriginalEndToEndId { get; init; }

    /// <summary><c>OrgnlTxId</c>.</summary>
    public string? OriginalTransactionId { get; init; }

    /// <summary><c>OrgnlUETR</c>.</summary>
    public Uetr? OriginalUetr { get; init; }

    /// <summary><c>OrgnlClrSysRef</c>.</summary>
    public string? OriginalClearingSystemReference { get; init; }

    /// <summary><c>OrgnlIntrBkSttlmAmt</c>.</summary>
    public Money? OriginalInterbankSettlementAmount { get; init; }

    /// <summary><c>OrgnlIntrBkSttlmDt</c>.</summary>
    public DateOnly? OriginalInterbankSettlementDate { get; init; }

    /// <summary><c>RtrdIntrBkSttlmAmt</c>.</summary>
    public required Money ReturnedInterbankSettlementAmount { get; init; }

    /// <summary><c>IntrBkSttlmDt</c>.</summary>
    public DateOnly? InterbankSettlementDate { get; init; }

    /// <summary><c>RtrdInstdAmt</c>.</summary>
    public Money? ReturnedInstructedAmount { get; init; }

    /// <summary><c>XchgRate</c>. A reversal uses the original payment's rate.</summary>
    public decimal? ExchangeRate { get; init; }

    /// <summary><c>ChrgBr</c>.</summary>
    public ChargeBearer? ChargeBearer { get; init; }

    /// <summary><c>ChrgsInf</c>.</summary>
    public ValueList<Charge> Charges { get; init; }

    /// <summary><c>InstgAgt</c>.</summary>
    public Agent? InstructingAgent { get; init; }

    /// <summary><c>InstdAgt</c>.</summary>
    public Agent? InstructedAgent { get; init; }

    /// <summary><c>RtrRsnInf</c>.</summary>
    public ValueList<ReasonInformation> ReturnReasons { get; init; }

    /// <summary><c>OrgnlTxRef</c>.</summary>
    public OriginalTransactionReference? OriginalTransactionReference { get; init; }
}

/// <summary>pacs.028 FIToFIPaymentStatusRequest: "what happened to this payment?".</summary>
public sealed record PaymentStatusRequest : IsoMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Pacs028;

    /// <summary><c>GrpHdr</c> (id, time, agents).</summary>
    public required GroupHeader GroupHeader { get; init; }

    /// <summary><c>OrgnlGrpInf</c> at message level (0..n).</summary>
    public ValueList<OriginalGroupInformation> OriginalGroups { get; init; }

    /// <summary><c>TxInf</c> (0..n).</summary>
    public ValueList<StatusRequestTransaction> Transactions { get; init; }
}

/// <summary>One transaction whose status is asked for (<c>TxInf</c>).</summary>
public sealed record StatusRequestTransaction
{
    /// <summary><c>StsReqId</c>.</summary>
    public string? StatusRequestId { get; init; }

    /// <summary><c>OrgnlGrpInf</c>.</summary>
    public OriginalGroupInformation? OriginalGroup { get; init; }

    /// <summary><c>OrgnlInstrId</c>.</summary>
    public string? OriginalInstructionId { get; init; }

    /// <summary><c>OrgnlEndToEndId</c>.</summary>
    public string? OriginalEndToEndId { get; init; }

    /// <summary><c>OrgnlTxId</c>.</summary>
    public string? OriginalTransactionId { get; init; }

    /// <summary><c>OrgnlUETR</c>.</summary>
    public Uetr? OriginalUetr { get; init; }

    /// <summary><c>AccptncDtTm</c>.</summary>
    public DateTimeOffset? AcceptanceDateTime { get; init; }

    /// <summary><c>InstgAgt</c>.</summary>
    public Agent? InstructingAgent { get; init; }

    /// <summary><c>InstdAgt</c>.</summary>
    public Agent? InstructedAgent { get; init; }

    /// <summary><c>OrgnlTxRef</c>.</summary>
    public OriginalTransactionReference? OriginalTransactionReference { get; init; }
}

/// <summary>camt.056 FIToFIPaymentCancellationRequest (a recall).</summary>
public sealed record CancellationRequest : IsoMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Camt056;

    /// <summary><c>Assgnmt</c>.</summary>
    public required Assignment Assignment { get; init; }

    /// <summary><c>Case</c>.</summary>
    public InvestigationCase? Case { get; init; }

    /// <summary><c>Undrlyg/OrgnlGrpInfAndCxl</c> (the original message, when the request names it).</summary>
    public OriginalGroupInformation? OriginalGroup { get; init; }

    /// <summary><c>Undrlyg/TxInf</c>: the transactions to cancel.</summary>
    public ValueList<CancellationTransaction> Transactions { get; init; }
}

/// <summary>One transaction to cancel (<c>Undrlyg/TxInf</c>).</summary>
public sealed record CancellationTransaction
{
    /// <summary><c>CxlId</c>.</summary>
    public string? CancellationId { get; init; }

    /// <summary><c>Case</c>.</summary>
    public InvestigationCase? Case { get; init; }

    /// <summary><c>OrgnlGrpInf</c>.</summary>
    public OriginalGroupInformation? OriginalGroup { get; init; }

    /// <summary><c>OrgnlInstrId</c>.</summary>
    public string? OriginalInstructionId { get; init; }

    /// <summary><c>OrgnlEndToEndId</c>.</summary>
    public string? OriginalEndToEndId { get; init; }

    /// <summary><c>OrgnlTxId</c>.</summary>
    public string? OriginalTransactionId { get; init; }

    /// <summary><c>OrgnlUETR</c>.</summary>
    public Uetr? OriginalUetr { get; init; }

    /// <summary><c>OrgnlClrSysRef</c>.</summary>
    public string? OriginalClearingSystemReference { get; init; }

    /// <summary><c>OrgnlIntrBkSttlmAmt</c>.</summary>
    public Money? OriginalInterbankSettlementAmount { get; init; }

    /// <summary><c>OrgnlIntrBkSttlmDt</c>.</summary>
    public DateOnly? OriginalInterbankSettlementDate { get; init; }

    /// <summary><c>CxlRsnInf</c> (e.g. <c>Cd</c> DUPL, FRAD, CUST).</summary>
    public ValueList<ReasonInformation> CancellationReasons { get; init; }

    /// <summary><c>OrgnlTxRef</c>.</summary>
    public OriginalTransactionReference? OriginalTransactionReference { get; init; }
}

/// <summary>camt.029 ResolutionOfInvestigation: the answer to a camt.056.</summary>
public sealed record ResolutionOfInvestigation : IsoMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Camt029;

    /// <summary><c>Assgnmt</c>.</summary>
    public required Assignment Assignment { get; init; }

    /// <summary><c>RslvdCase</c>.</summary>
    public InvestigationCase? ResolvedCase { get; init; }

    /// <summary><c>Sts/Conf</c>: ExternalInvestigationExecutionConfirmation1Code (CNCL cancelled, RJCR rejected, PDCR pending, ...).</summary>
    public string? StatusConfirmation { get; init; }

    /// <summary><c>CxlDtls/OrgnlGrpInfAndSts</c> (message id, name, time of the original).</summary>
    public OriginalGroupInformation? OriginalGroup { get; init; }

    /// <summary><c>CxlDtls/TxInfAndSts</c>.</summary>
    public ValueList<CancellationStatusTransaction> Transactions { get; init; }
}

/// <summary>Cancellation status of one transaction (<c>CxlDtls/TxInfAndSts</c>).</summary>
public sealed record CancellationStatusTransaction
{
    /// <summary><c>CxlStsId</c>.</summary>
    public string? CancellationStatusId { get; init; }

    /// <summary><c>RslvdCase</c>.</summary>
    public InvestigationCase? ResolvedCase { get; init; }

    /// <summary><c>OrgnlGrpInf</c>.</summary>
    public OriginalGroupInformation? OriginalGroup { get; init; }

    /// <summary><c>OrgnlInstrId</c>.</summary>
    public string? OriginalInstructionId { get; init; }

    /// <summary><c>OrgnlEndToEndId</c>.</summary>
    public string? OriginalEndToEndId { get; init; }

    /// <summary><c>OrgnlTxId</c>.</summary>
    public string? OriginalTransactionId { get; init; }

    /// <summary><c>OrgnlClrSysRef</c>.</summary>
    public string? OriginalClearingSystemReference { get; init; }

    /// <summary><c>OrgnlUETR</c>.</summary>
    public Uetr? OriginalUetr { get; init; }

    /// <summary><c>TxCxlSts</c>: CancellationIndividualStatus1Code (ACCR accepted, RJCR rejected, PDCR pending).</summary>
    public string? TransactionCancellationStatus { get; init; }

    /// <summary><c>CxlStsRsnInf</c>.</summary>
    public ValueList<ReasonInformation> CancellationStatusReasons { get; init; }

    /// <summary><c>OrgnlIntrBkSttlmAmt</c>.</summary>
    public Money? OriginalInterbankSettlementAmount { get; init; }

    /// <summary><c>OrgnlIntrBkSttlmDt</c>.</summary>
    public DateOnly? OriginalInterbankSettlementDate { get; init; }

    /// <summary><c>OrgnlTxRef</c>.</summary>
    public OriginalTransactionReference? OriginalTransactionReference { get; init; }
}

/// <summary>The party, account and agent being verified (<c>PtyAndAcctId</c>).</summary>
public sealed record PartyAndAccount
{
    /// <summary><c>Pty</c>.</summary>
    public Party? Party { get; init; }

    /// <summary><c>Acct</c> (for a proxy lookup: <c>Acct/Prxy</c>).</summary>
    public Account? Account { get; init; }

    /// <summary><c>Agt</c>.</summary>
    public Agent? Agent { get; init; }
}

/// <summary>acmt.023 IdentificationVerificationRequest: used for proxy lookups ("whose mobile number is this?").</summary>
public sealed record IdentificationVerificationRequest : IsoMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Acmt023;

    /// <summary><c>Assgnmt</c> (<see cref="Assignment.Id"/> is <c>MsgId</c>).</summary>
    public required Assignment Assignment { get; init; }

    /// <summary><c>Vrfctn</c> (1..n).</summary>
    public required ValueList<VerificationRequest> Verifications { get; init; }
}

/// <summary>One verification asked for (<c>Vrfctn</c>).</summary>
public sealed record VerificationRequest
{
    /// <summary><c>Id</c>.</summary>
    public required string Id { get; init; }

    /// <summary><c>PtyAndAcctId</c>.</summary>
    public required PartyAndAccount PartyAndAccount { get; init; }
}

/// <summary>acmt.024 IdentificationVerificationReport: the answer to an acmt.023.</summary>
public sealed record IdentificationVerificationReport : IsoMessage
{
    /// <inheritdoc/>
    public override MessageKind Kind => MessageKind.Acmt024;

    /// <summary><c>Assgnmt</c>.</summary>
    public required Assignment Assignment { get; init; }

    /// <summary><c>OrgnlAssgnmt/MsgId</c>.</summary>
    public string? OriginalAssignmentMessageId { get; init; }

    /// <summary><c>OrgnlAssgnmt/CreDtTm</c>.</summary>
    public DateTimeOffset? OriginalAssignmentCreationDateTime { get; init; }

    /// <summary><c>Rpt</c> (1..n).</summary>
    public required ValueList<VerificationResult> Reports { get; init; }
}

/// <summary>One verification result (<c>Rpt</c>).</summary>
public sealed record VerificationResult
{
    /// <summary><c>OrgnlId</c>.</summary>
    public required string OriginalId { get; init; }

    /// <summary><c>Vrfctn</c>: true when the identification was verified.</summary>
    public required bool Verified { get; init; }

    /// <summary><c>Rsn</c>: <c>Cd</c> (ExternalVerificationReason1Code) or <c>Prtry</c>; for an unknown proxy PaymentSwitch uses BE23.</summary>
    public CodeOrProprietary? Reason { get; init; }

    /// <summary><c>OrgnlPtyAndAcctId</c>.</summary>
    public PartyAndAccount? OriginalPartyAndAccount { get; init; }

    /// <summary><c>UpdtdPtyAndAcctId</c>: for a proxy lookup, the resolved account and the creditor's name.</summary>
    public PartyAndAccount? UpdatedPartyAndAccount { get; init; }
}

/// <summary>
/// The business application header (head.001.001.02 <c>AppHdr</c>) that may travel with a message.
/// </summary>
public sealed record BusinessApplicationHeader
{
    /// <summary><c>Fr/FIId/FinInstnId</c>.</summary>
    public required Agent From { get; init; }

    /// <summary><c>To/FIId/FinInstnId</c>.</summary>
    public required Agent To { get; init; }

    /// <summary><c>BizMsgIdr</c>.</summary>
    public required string BusinessMessageId { get; init; }

    /// <summary><c>MsgDefIdr</c>, e.g. <c>pacs.008.001.08</c>.</summary>
    public required string MessageDefinitionId { get; init; }

    /// <summary><c>BizSvc</c>, e.g. <c>swift.cbprplus.02</c>.</summary>
    public string? BusinessService { get; init; }

    /// <summary><c>CreDt</c>.</summary>
    public required DateTimeOffset CreationDate { get; init; }

    /// <summary><c>PssblDplct</c>.</summary>
    public bool? PossibleDuplicate { get; init; }

    /// <summary><c>Prty</c> (Priority2Code).</summary>
    public Priority? Priority { get; init; }
}

/// <summary>A message as read from or written to the wire: its version, optional header, and content.</summary>
public sealed record IsoEnvelope(MessageVersion Version, BusinessApplicationHeader? Header, IsoMessage Message);
