namespace PaymentSwitch.Domain.Iso20022;

// Building blocks shared by every business message. Each record is the canonical, version-independent
// form of an ISO 20022 component; the XML element it maps to is named in its documentation. Text
// lengths are enforced by the readers (ISO 20022 MaxNNText types), so a model that came from a reader
// can always be written back.

/// <summary>An ISO 20022 "code or proprietary" choice (<c>Cd</c> | <c>Prtry</c>). Exactly one is set.</summary>
public readonly record struct CodeOrProprietary(string? Code, string? Proprietary)
{
    /// <summary>A choice carrying an external code (<c>Cd</c>).</summary>
    public static CodeOrProprietary FromCode(string code) => new(code, null);

    /// <summary>A choice carrying a proprietary value (<c>Prtry</c>).</summary>
    public static CodeOrProprietary FromProprietary(string proprietary) => new(null, proprietary);

    /// <inheritdoc/>
    public override string ToString() => Code ?? $"Prtry:{Proprietary}";
}

/// <summary>Settlement method (<c>SttlmMtd</c>, SettlementMethod1Code).</summary>
public enum SettlementMethod
{
    /// <summary>INDA: settled through the instructed agent's account.</summary>
    INDA,

    /// <summary>INGA: settled through the instructing agent's account.</summary>
    INGA,

    /// <summary>COVE: settled through a cover payment.</summary>
    COVE,

    /// <summary>CLRG: settled through a clearing system.</summary>
    CLRG,
}

/// <summary>Who bears the charges (<c>ChrgBr</c>, ChargeBearerType1Code).</summary>
public enum ChargeBearer
{
    /// <summary>DEBT: borne by the debtor.</summary>
    DEBT,

    /// <summary>CRED: borne by the creditor.</summary>
    CRED,

    /// <summary>SHAR: shared.</summary>
    SHAR,

    /// <summary>SLEV: following the service level.</summary>
    SLEV,
}

/// <summary>Instruction priority (<c>InstrPrty</c>, Priority2Code).</summary>
public enum Priority
{
    /// <summary>HIGH: the switch times the payment end to end.</summary>
    HIGH,

    /// <summary>NORM: the destination owns the final status.</summary>
    NORM,
}

/// <summary>Settlement information (<c>SttlmInf</c>): method and clearing system.</summary>
public sealed record SettlementInformation
{
    /// <summary><c>SttlmMtd</c>.</summary>
    public required SettlementMethod Method { get; init; }

    /// <summary><c>ClrSys</c>: <c>Cd</c> (ExternalCashClearingSystem1Code, 3 chars) or <c>Prtry</c>.</summary>
    public CodeOrProprietary? ClearingSystem { get; init; }
}

/// <summary>Postal address (<c>PstlAdr</c>, PostalAddress24 / PostalAddress27).</summary>
public sealed record PostalAddress
{
    /// <summary><c>CareOf</c> (PostalAddress27 only; not carried by .08 messages).</summary>
    public string? CareOf { get; init; }

    /// <summary><c>Dept</c>.</summary>
    public string? Department { get; init; }

    /// <summary><c>SubDept</c>.</summary>
    public string? SubDepartment { get; init; }

    /// <summary><c>StrtNm</c>.</summary>
    public string? StreetName { get; init; }

    /// <summary><c>BldgNb</c>.</summary>
    public string? BuildingNumber { get; init; }

    /// <summary><c>BldgNm</c>.</summary>
    public string? BuildingName { get; init; }

    /// <summary><c>Flr</c>.</summary>
    public string? Floor { get; init; }

    /// <summary><c>UnitNb</c> (PostalAddress27 only; not carried by .08 messages).</summary>
    public string? UnitNumber { get; init; }

    /// <summary><c>PstBx</c>.</summary>
    public string? PostBox { get; init; }

    /// <summary><c>Room</c>.</summary>
    public string? Room { get; init; }

    /// <summary><c>PstCd</c>.</summary>
    public string? PostCode { get; init; }

    /// <summary><c>TwnNm</c>.</summary>
    public string? TownName { get; init; }

    /// <summary><c>TwnLctnNm</c>.</summary>
    public string? TownLocationName { get; init; }

    /// <summary><c>DstrctNm</c>.</summary>
    public string? DistrictName { get; init; }

    /// <summary><c>CtrySubDvsn</c>.</summary>
    public string? CountrySubDivision { get; init; }

    /// <summary><c>Ctry</c>.</summary>
    public CountryCode? Country { get; init; }

    /// <summary><c>AdrLine</c>, at most 7 lines of 70 characters.</summary>
    public ValueList<string> AddressLines { get; init; }
}

/// <summary>A clearing-system member id (<c>ClrSysMmbId</c>): the system and the member's id in it.</summary>
public sealed record ClearingSystemMember
{
    /// <summary><c>ClrSysId</c>: <c>Cd</c> (ExternalClearingSystemIdentification1Code, up to 5 chars) or <c>Prtry</c>.</summary>
    public CodeOrProprietary? ClearingSystem { get; init; }

    /// <summary><c>MmbId</c>.</summary>
    public required string MemberId { get; init; }
}

/// <summary>
/// A financial institution acting as an agent (<c>BranchAndFinancialInstitutionIdentification6/8</c>,
/// its <c>FinInstnId</c>): debtor agent, creditor agent, instructing agent, intermediary.
/// </summary>
public sealed record Agent
{
    /// <summary><c>BICFI</c>.</summary>
    public Bic? Bicfi { get; init; }

    /// <summary><c>ClrSysMmbId</c>.</summary>
    public ClearingSystemMember? ClearingSystemMember { get; init; }

    /// <summary><c>LEI</c>.</summary>
    public Lei? Lei { get; init; }

    /// <summary><c>Nm</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>PstlAdr</c>.</summary>
    public PostalAddress? PostalAddress { get; init; }

    /// <summary>An agent identified by BIC only.</summary>
    public static Agent FromBic(Bic bic) => new() { Bicfi = bic };
}

/// <summary>A generic identification (<c>Othr</c>): id, scheme and issuer.</summary>
public sealed record GenericIdentification
{
    /// <summary><c>Id</c> (Max35Text; Max34Text for accounts).</summary>
    public required string Id { get; init; }

    /// <summary><c>SchmeNm</c>: <c>Cd</c> or <c>Prtry</c>.</summary>
    public CodeOrProprietary? SchemeName { get; init; }

    /// <summary><c>Issr</c>.</summary>
    public string? Issuer { get; init; }
}

/// <summary>Date and place of birth of a person (<c>DtAndPlcOfBirth</c>).</summary>
public sealed record DateAndPlaceOfBirth
{
    /// <summary><c>BirthDt</c>.</summary>
    public required DateOnly BirthDate { get; init; }

    /// <summary><c>PrvcOfBirth</c>.</summary>
    public string? ProvinceOfBirth { get; init; }

    /// <summary><c>CityOfBirth</c>.</summary>
    public required string CityOfBirth { get; init; }

    /// <summary><c>CtryOfBirth</c>.</summary>
    public required CountryCode CountryOfBirth { get; init; }
}

/// <summary>Whether a party is identified as an organisation or a person (<c>Id</c> choice).</summary>
public enum PartyKind
{
    /// <summary><c>OrgId</c>.</summary>
    Organisation,

    /// <summary><c>PrvtId</c>.</summary>
    Person,
}

/// <summary>A party's identification (<c>Id</c>, Party38Choice / Party52Choice).</summary>
public sealed record PartyIdentification
{
    /// <summary>Which branch of the choice is used.</summary>
    public required PartyKind Kind { get; init; }

    /// <summary><c>OrgId/AnyBIC</c> (organisations only).</summary>
    public Bic? AnyBic { get; init; }

    /// <summary><c>OrgId/LEI</c> (organisations only).</summary>
    public Lei? Lei { get; init; }

    /// <summary><c>PrvtId/DtAndPlcOfBirth</c> (persons only).</summary>
    public DateAndPlaceOfBirth? DateAndPlaceOfBirth { get; init; }

    /// <summary><c>OrgId/Othr</c> or <c>PrvtId/Othr</c>.</summary>
    public ValueList<GenericIdentification> Other { get; init; }
}

/// <summary>A party: debtor, creditor, ultimate parties, originator (<c>PartyIdentification135/272</c>).</summary>
public sealed record Party
{
    /// <summary><c>Nm</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>PstlAdr</c>.</summary>
    public PostalAddress? PostalAddress { get; init; }

    /// <summary><c>Id</c>.</summary>
    public PartyIdentification? Identification { get; init; }

    /// <summary><c>CtryOfRes</c>.</summary>
    public CountryCode? CountryOfResidence { get; init; }
}

/// <summary>A party that may be given either as a party or as an agent (<c>Party40Choice</c>: <c>Pty</c> | <c>Agt</c>).</summary>
public sealed record PartyOrAgent
{
    /// <summary><c>Pty</c>.</summary>
    public Party? Party { get; init; }

    /// <summary><c>Agt</c>.</summary>
    public Agent? Agent { get; init; }
}

/// <summary>An account proxy (<c>Prxy</c>): mobile number, national id, business registration number.</summary>
public sealed record Proxy
{
    /// <summary><c>Tp</c>: <c>Cd</c> (ExternalProxyAccountType1Code, e.g. TELE, NIDN) or <c>Prtry</c>.</summary>
    public CodeOrProprietary? Type { get; init; }

    /// <summary><c>Id</c> (Max2048Text in every version supported here).</summary>
    public required string Id { get; init; }
}

/// <summary>A cash account (<c>CashAccount38/40</c>): IBAN or other id, type, currency, name, proxy.</summary>
public sealed record Account
{
    /// <summary><c>Id/IBAN</c>.</summary>
    public Iban? Iban { get; init; }

    /// <summary><c>Id/Othr</c>.</summary>
    public GenericIdentification? Other { get; init; }

    /// <summary><c>Tp</c>: <c>Cd</c> (ExternalCashAccountType1Code) or <c>Prtry</c>.</summary>
    public CodeOrProprietary? Type { get; init; }

    /// <summary><c>Ccy</c>.</summary>
    public Currency? Currency { get; init; }

    /// <summary><c>Nm</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>Prxy</c>.</summary>
    public Proxy? Proxy { get; init; }
}

/// <summary>Payment identification (<c>PmtId</c>).</summary>
public sealed record PaymentIdentification
{
    /// <summary><c>InstrId</c>.</summary>
    public string? InstructionId { get; init; }

    /// <summary><c>EndToEndId</c>.</summary>
    public required string EndToEndId { get; init; }

    /// <summary><c>TxId</c>.</summary>
    public string? TransactionId { get; init; }

    /// <summary><c>UETR</c>: the primary key of a payment in PaymentSwitch.</summary>
    public Uetr? Uetr { get; init; }

    /// <summary><c>ClrSysRef</c>.</summary>
    public string? ClearingSystemReference { get; init; }
}

/// <summary>Payment type information (<c>PmtTpInf</c>).</summary>
public sealed record PaymentTypeInformation
{
    /// <summary><c>InstrPrty</c>.</summary>
    public Priority? InstructionPriority { get; init; }

    /// <summary><c>SvcLvl</c> (0..n).</summary>
    public ValueList<CodeOrProprietary> ServiceLevels { get; init; }

    /// <summary><c>LclInstrm</c>.</summary>
    public CodeOrProprietary? LocalInstrument { get; init; }

    /// <summary><c>CtgyPurp</c>.</summary>
    public CodeOrProprietary? CategoryPurpose { get; init; }
}

/// <summary>A charge taken by an agent (<c>ChrgsInf</c>).</summary>
public sealed record Charge
{
    /// <summary><c>Amt</c>.</summary>
    public required Money Amount { get; init; }

    /// <summary><c>Agt</c>.</summary>
    public required Agent Agent { get; init; }
}

/// <summary>Regulatory authority (<c>RgltryRptg/Authrty</c>).</summary>
public sealed record RegulatoryAuthority
{
    /// <summary><c>Nm</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>Ctry</c>.</summary>
    public CountryCode? Country { get; init; }
}

/// <summary>Whether regulatory reporting applies to the debit side, the credit side or both (<c>DbtCdtRptgInd</c>).</summary>
public enum RegulatoryReportingSide
{
    /// <summary>CRED.</summary>
    CRED,

    /// <summary>DEBT.</summary>
    DEBT,

    /// <summary>BOTH.</summary>
    BOTH,
}

/// <summary>One regulatory reporting detail (<c>RgltryRptg/Dtls</c>).</summary>
public sealed record RegulatoryReportingDetail
{
    /// <summary><c>Tp</c>.</summary>
    public string? Type { get; init; }

    /// <summary><c>Dt</c>.</summary>
    public DateOnly? Date { get; init; }

    /// <summary><c>Ctry</c>.</summary>
    public CountryCode? Country { get; init; }

    /// <summary><c>Cd</c> (Max10Text).</summary>
    public string? Code { get; init; }

    /// <summary><c>Amt</c>.</summary>
    public Money? Amount { get; init; }

    /// <summary><c>Inf</c> (Max35Text, 0..n).</summary>
    public ValueList<string> Information { get; init; }
}

/// <summary>Regulatory reporting (<c>RgltryRptg</c>), at most 10 per transaction.</summary>
public sealed record RegulatoryReporting
{
    /// <summary><c>DbtCdtRptgInd</c>.</summary>
    public RegulatoryReportingSide? Side { get; init; }

    /// <summary><c>Authrty</c>.</summary>
    public RegulatoryAuthority? Authority { get; init; }

    /// <summary><c>Dtls</c>.</summary>
    public ValueList<RegulatoryReportingDetail> Details { get; init; }
}

/// <summary>A referred document, e.g. an invoice (<c>Strd/RfrdDocInf</c>).</summary>
public sealed record ReferredDocument
{
    /// <summary><c>Tp/CdOrPrtry</c> (e.g. <c>Cd</c> CINV for a commercial invoice).</summary>
    public CodeOrProprietary? Type { get; init; }

    /// <summary><c>Tp/Issr</c>.</summary>
    public string? TypeIssuer { get; init; }

    /// <summary><c>Nb</c>: the document number.</summary>
    public string? Number { get; init; }

    /// <summary><c>RltdDt</c>: the document date.</summary>
    public DateOnly? RelatedDate { get; init; }
}

/// <summary>Creditor reference (<c>Strd/CdtrRefInf</c>), e.g. an RF reference.</summary>
public sealed record CreditorReference
{
    /// <summary><c>Tp/CdOrPrtry</c> (e.g. <c>Cd</c> SCOR).</summary>
    public CodeOrProprietary? Type { get; init; }

    /// <summary><c>Tp/Issr</c>.</summary>
    public string? TypeIssuer { get; init; }

    /// <summary><c>Ref</c>.</summary>
    public string? Reference { get; init; }
}

/// <summary>Structured remittance information (<c>RmtInf/Strd</c>).</summary>
public sealed record StructuredRemittance
{
    /// <summary><c>RfrdDocInf</c> (0..n).</summary>
    public ValueList<ReferredDocument> ReferredDocuments { get; init; }

    /// <summary><c>RfrdDocAmt/DuePyblAmt</c>.</summary>
    public Money? DuePayableAmount { get; init; }

    /// <summary><c>RfrdDocAmt/RmtdAmt</c>.</summary>
    public Money? RemittedAmount { get; init; }

    /// <summary><c>CdtrRefInf</c>.</summary>
    public CreditorReference? CreditorReference { get; init; }

    /// <summary><c>Invcr</c>.</summary>
    public Party? Invoicer { get; init; }

    /// <summary><c>Invcee</c>.</summary>
    public Party? Invoicee { get; init; }

    /// <summary><c>AddtlRmtInf</c> (Max140Text, at most 3). Nexus carries the FX quote id here.</summary>
    public ValueList<string> AdditionalInformation { get; init; }
}

/// <summary>Remittance information (<c>RmtInf</c>).</summary>
public sealed record RemittanceInformation
{
    /// <summary><c>Ustrd</c> (Max140Text, 0..n).</summary>
    public ValueList<string> Unstructured { get; init; }

    /// <summary><c>Strd</c> (0..n).</summary>
    public ValueList<StructuredRemittance> Structured { get; init; }
}

/// <summary>A reference to the original message (<c>OrgnlGrpInf</c>).</summary>
public sealed record OriginalGroupInformation
{
    /// <summary><c>OrgnlMsgId</c>.</summary>
    public required string OriginalMessageId { get; init; }

    /// <summary><c>OrgnlMsgNmId</c>, e.g. <c>pacs.008.001.08</c>.</summary>
    public required string OriginalMessageNameId { get; init; }

    /// <summary><c>OrgnlCreDtTm</c>.</summary>
    public DateTimeOffset? OriginalCreationDateTime { get; init; }
}

/// <summary>
/// A reason with its originator and free text: status reason (<c>StsRsnInf</c>), return reason
/// (<c>RtrRsnInf</c>), cancellation reason (<c>CxlRsnInf</c>), cancellation status reason (<c>CxlStsRsnInf</c>).
/// </summary>
public sealed record ReasonInformation
{
    /// <summary><c>Orgtr</c>.</summary>
    public Party? Originator { get; init; }

    /// <summary><c>Rsn</c>: <c>Cd</c> (an ISO external reason code such as AC04) or <c>Prtry</c>.</summary>
    public CodeOrProprietary? Reason { get; init; }

    /// <summary><c>AddtlInf</c> (Max105Text, 0..n).</summary>
    public ValueList<string> AdditionalInformation { get; init; }

    /// <summary>A reason carrying one of the reason codes PaymentSwitch knows.</summary>
    public static ReasonInformation FromCode(StatusReasonCode code, string? additionalInformation = null) => new()
    {
        Reason = CodeOrProprietary.FromCode(StatusReasons.ToCode(code)),
        AdditionalInformation = additionalInformation is null ? default : ValueList<string>.Of(additionalInformation),
    };
}

/// <summary>
/// Key elements of the original transaction (<c>OrgnlTxRef</c>), as carried by status reports, returns,
/// status requests and cancellations.
/// </summary>
public sealed record OriginalTransactionReference
{
    /// <summary><c>IntrBkSttlmAmt</c>.</summary>
    public Money? InterbankSettlementAmount { get; init; }

    /// <summary><c>Amt/InstdAmt</c>.</summary>
    public Money? InstructedAmount { get; init; }

    /// <summary><c>IntrBkSttlmDt</c>.</summary>
    public DateOnly? InterbankSettlementDate { get; init; }

    /// <summary><c>SttlmInf</c>.</summary>
    public SettlementInformation? Settlement { get; init; }

    /// <summary><c>PmtTpInf</c>.</summary>
    public PaymentTypeInformation? PaymentType { get; init; }

    /// <summary><c>RmtInf</c>.</summary>
    public RemittanceInformation? RemittanceInformation { get; init; }

    /// <summary><c>UltmtDbtr</c>.</summary>
    public PartyOrAgent? UltimateDebtor { get; init; }

    /// <summary><c>Dbtr</c>.</summary>
    public PartyOrAgent? Debtor { get; init; }

    /// <summary><c>DbtrAcct</c>.</summary>
    public Account? DebtorAccount { get; init; }

    /// <summary><c>DbtrAgt</c>.</summary>
    public Agent? DebtorAgent { get; init; }

    /// <summary><c>CdtrAgt</c>.</summary>
    public Agent? CreditorAgent { get; init; }

    /// <summary><c>Cdtr</c>.</summary>
    public PartyOrAgent? Creditor { get; init; }

    /// <summary><c>CdtrAcct</c>.</summary>
    public Account? CreditorAccount { get; init; }

    /// <summary><c>UltmtCdtr</c>.</summary>
    public PartyOrAgent? UltimateCreditor { get; init; }

    /// <summary><c>Purp</c>.</summary>
    public CodeOrProprietary? Purpose { get; init; }
}

/// <summary>
/// The group header (<c>GrpHdr</c>). One record serves every pacs message; each message version
/// writes the elements its schema has (pacs.002 and pacs.028 carry only the id, time and agents).
/// </summary>
public sealed record GroupHeader
{
    /// <summary><c>MsgId</c>.</summary>
    public required string MessageId { get; init; }

    /// <summary><c>CreDtTm</c>.</summary>
    public required DateTimeOffset CreationDateTime { get; init; }

    /// <summary><c>TtlIntrBkSttlmAmt</c> (pacs.008) or <c>TtlRtrdIntrBkSttlmAmt</c> (pacs.004).</summary>
    public Money? TotalInterbankSettlementAmount { get; init; }

    /// <summary><c>IntrBkSttlmDt</c> (pacs.008, pacs.004).</summary>
    public DateOnly? InterbankSettlementDate { get; init; }

    /// <summary><c>SttlmInf</c> (mandatory in pacs.008 and pacs.004).</summary>
    public SettlementInformation? Settlement { get; init; }

    /// <summary><c>PmtTpInf</c> (pacs.008 only; other messages report it as omitted).</summary>
    public PaymentTypeInformation? PaymentType { get; init; }

    /// <summary><c>InstgAgt</c>.</summary>
    public Agent? InstructingAgent { get; init; }

    /// <summary><c>InstdAgt</c>.</summary>
    public Agent? InstructedAgent { get; init; }
}

/// <summary>
/// The case assignment of an investigation or verification message (<c>Assgnmt</c>): camt.056,
/// camt.029, acmt.023, acmt.024.
/// </summary>
public sealed record Assignment
{
    /// <summary><c>Id</c> (camt) or <c>MsgId</c> (acmt).</summary>
    public required string Id { get; init; }

    /// <summary><c>Assgnr</c>.</summary>
    public required PartyOrAgent Assigner { get; init; }

    /// <summary><c>Assgne</c>.</summary>
    public required PartyOrAgent Assignee { get; init; }

    /// <summary><c>CreDtTm</c>.</summary>
    public required DateTimeOffset CreationDateTime { get; init; }
}

/// <summary>An investigation case (<c>Case</c>, <c>RslvdCase</c>).</summary>
public sealed record InvestigationCase
{
    /// <summary><c>Id</c>.</summary>
    public required string Id { get; init; }

    /// <summary><c>Cretr</c>.</summary>
    public required PartyOrAgent Creator { get; init; }
}
