using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Tests.MessagePack;

/// <summary>
/// Hand-built messages for the MessagePack tests: a Singapore-to-Thailand pacs.008 that fills every position of every
/// record (so a position that is written but not read, or read into the wrong field, shows up as an inequality), and
/// one message of each other kind.
/// </summary>
internal static class IsoSamples
{
    public static readonly Bic Dbs = Bic.Parse("DBSSSGSGXXX");
    public static readonly Bic Ocbc = Bic.Parse("OCBCSGSG");
    public static readonly Bic BangkokBank = Bic.Parse("BKKBTHBKXXX");
    public static readonly Bic Kasikorn = Bic.Parse("KASITHBKXXX");
    public static readonly Lei DbsLei = Lei.Parse("5493001KJTIIGC8Y1R12");
    public static readonly Lei AcmeLei = Lei.Parse("254900OPPU84GM83MG36");
    public static readonly Uetr PaymentUetr = Uetr.Parse("8a562c67-ca16-48ba-b074-65581be6f001");

    // Singapore time, so a lost offset shows even though DateTimeOffset equality compares instants only.
    public static readonly DateTimeOffset Created = new(2026, 11, 23, 9, 30, 15, 123, TimeSpan.FromHours(8));
    public static readonly DateOnly SettlementDate = new(2026, 11, 23);

    private static readonly Money Sgd1000 = new(100_000, Currency.SGD);
    private static readonly Money Thb26712 = new(2_671_235, Currency.THB);

    public static Agent DbsAgent => new()
    {
        Bicfi = Dbs,
        ClearingSystemMember = new ClearingSystemMember { ClearingSystem = CodeOrProprietary.FromCode("SGIBG"), MemberId = "7171" },
        Lei = DbsLei,
        Name = "DBS Bank Ltd",
        PostalAddress = new PostalAddress { StreetName = "Marina Boulevard", BuildingNumber = "12", PostCode = "018982", TownName = "Singapore", Country = CountryCode.SG },
    };

    public static Agent BangkokBankAgent => new() { Bicfi = BangkokBank, Name = "Bangkok Bank Public Company Limited" };

    public static PostalAddress FullAddress => new()
    {
        CareOf = "c/o Treasury",
        Department = "Payments",
        SubDepartment = "Cross-border",
        StreetName = "Orchard Road",
        BuildingNumber = "391",
        BuildingName = "Ngee Ann City",
        Floor = "24",
        UnitNumber = "24-01",
        PostBox = "PO 1234",
        Room = "2401",
        PostCode = "238872",
        TownName = "Singapore",
        TownLocationName = "Orchard",
        DistrictName = "Central Region",
        CountrySubDivision = "Central",
        Country = CountryCode.SG,
        AddressLines = ValueList<string>.Of("391 Orchard Road", "#24-01 Ngee Ann City Tower A"),
    };

    public static Party Debtor => new()
    {
        Name = "Tan Wei Ming",
        PostalAddress = FullAddress,
        Identification = new PartyIdentification
        {
            Kind = PartyKind.Person,
            DateAndPlaceOfBirth = new DateAndPlaceOfBirth
            {
                BirthDate = new DateOnly(1985, 4, 12),
                ProvinceOfBirth = "Central",
                CityOfBirth = "Singapore",
                CountryOfBirth = CountryCode.SG,
            },
            Other = ValueList<GenericIdentification>.Of(new GenericIdentification
            {
                Id = "S8512345D",
                SchemeName = CodeOrProprietary.FromCode("NIDN"),
                Issuer = "ICA",
            }),
        },
        CountryOfResidence = CountryCode.SG,
    };

    public static Party Creditor => new()
    {
        Name = "Somchai Jaidee ร้านอาหาร",
        PostalAddress = new PostalAddress { StreetName = "ถนนสุขุมวิท", TownName = "กรุงเทพ", Country = CountryCode.TH },
        CountryOfResidence = CountryCode.TH,
    };

    public static Party Company => new()
    {
        Name = "Acme Trading Pte Ltd",
        Identification = new PartyIdentification
        {
            Kind = PartyKind.Organisation,
            AnyBic = Ocbc,
            Lei = AcmeLei,
            Other = ValueList<GenericIdentification>.Of(
                new GenericIdentification { Id = "201912345K", SchemeName = CodeOrProprietary.FromProprietary("UEN") },
                new GenericIdentification { Id = "GST-2019-12345" }),
        },
    };

    public static Account ProxyAccount => new()
    {
        Other = new GenericIdentification { Id = "0123456789", SchemeName = CodeOrProprietary.FromCode("BBAN"), Issuer = "KASITHBK" },
        Type = CodeOrProprietary.FromCode("CACC"),
        Currency = Currency.THB,
        Name = "Somchai Jaidee",
        Proxy = new Proxy { Type = CodeOrProprietary.FromCode("TELE"), Id = "+66-812345678" },
    };

    public static Account IbanAccount => new() { Iban = Iban.Parse("GB82WEST12345698765432"), Currency = Currency.GBP };

    public static GroupHeader Pacs008Header => new()
    {
        MessageId = "DBS20261123-000123",
        CreationDateTime = Created,
        TotalInterbankSettlementAmount = Thb26712,
        InterbankSettlementDate = SettlementDate,
        Settlement = new SettlementInformation { Method = SettlementMethod.CLRG, ClearingSystem = CodeOrProprietary.FromProprietary("NEXUS") },
        PaymentType = new PaymentTypeInformation
        {
            InstructionPriority = Priority.HIGH,
            ServiceLevels = ValueList<CodeOrProprietary>.Of(CodeOrProprietary.FromCode("G001"), CodeOrProprietary.FromProprietary("NEXUS-INST")),
            LocalInstrument = CodeOrProprietary.FromProprietary("INST"),
            CategoryPurpose = CodeOrProprietary.FromCode("CASH"),
        },
        InstructingAgent = Agent.FromBic(Dbs),
        InstructedAgent = Agent.FromBic(Kasikorn),
    };

    public static CreditTransferTransaction SgdToThbTransaction => new()
    {
        PaymentId = new PaymentIdentification
        {
            InstructionId = "INSTR-000123",
            EndToEndId = "E2E-TAN-0001",
            TransactionId = "TX-000123",
            Uetr = PaymentUetr,
            ClearingSystemReference = "NXS-42",
        },
        PaymentType = new PaymentTypeInformation { InstructionPriority = Priority.NORM, ServiceLevels = ValueList<CodeOrProprietary>.Of(CodeOrProprietary.FromCode("SEPA")) },
        InterbankSettlementAmount = Thb26712,
        InterbankSettlementDate = SettlementDate,
        AcceptanceDateTime = Created.AddSeconds(1),
        InstructedAmount = Sgd1000,
        ExchangeRate = 26.71235000m,
        ChargeBearer = ChargeBearer.SHAR,
        Charges = ValueList<Charge>.Of(
            new Charge { Amount = new Money(500, Currency.SGD), Agent = Agent.FromBic(Dbs) },
            new Charge { Amount = new Money(0, Currency.THB), Agent = Agent.FromBic(Kasikorn) }),
        InstructingAgent = Agent.FromBic(Dbs),
        InstructedAgent = Agent.FromBic(Kasikorn),
        IntermediaryAgent1 = DbsAgent,
        IntermediaryAgent1Account = IbanAccount,
        IntermediaryAgent2 = BangkokBankAgent,
        IntermediaryAgent2Account = new Account { Other = new GenericIdentification { Id = "SAP-TH-001" } },
        UltimateDebtor = Company,
        InitiatingParty = new Party { Name = "Acme Payroll" },
        Debtor = Debtor,
        DebtorAccount = new Account { Other = new GenericIdentification { Id = "0720123456" }, Currency = Currency.SGD },
        DebtorAgent = DbsAgent,
        DebtorAgentAccount = new Account { Name = "DBS nostro" },
        CreditorAgent = Agent.FromBic(Kasikorn),
        CreditorAgentAccount = new Account { Type = CodeOrProprietary.FromProprietary("NOSTRO") },
        Creditor = Creditor,
        CreditorAccount = ProxyAccount,
        UltimateCreditor = new Party { Name = "Somchai's Noodle Shop" },
        Purpose = CodeOrProprietary.FromCode("SUPP"),
        RegulatoryReporting = ValueList<RegulatoryReporting>.Of(new RegulatoryReporting
        {
            Side = RegulatoryReportingSide.BOTH,
            Authority = new RegulatoryAuthority { Name = "Bank of Thailand", Country = CountryCode.TH },
            Details = ValueList<RegulatoryReportingDetail>.Of(new RegulatoryReportingDetail
            {
                Type = "FX",
                Date = SettlementDate,
                Country = CountryCode.TH,
                Code = "318021",
                Amount = Thb26712,
                Information = ValueList<string>.Of("Payment for goods", "Invoice INV-2026-77"),
            }),
        }),
        RemittanceInformation = new RemittanceInformation
        {
            Unstructured = ValueList<string>.Of("Invoice INV-2026-77 noodles & rice <bulk>"),
            Structured = ValueList<StructuredRemittance>.Of(new StructuredRemittance
            {
                ReferredDocuments = ValueList<ReferredDocument>.Of(new ReferredDocument
                {
                    Type = CodeOrProprietary.FromCode("CINV"),
                    TypeIssuer = "Acme",
                    Number = "INV-2026-77",
                    RelatedDate = new DateOnly(2026, 11, 1),
                }),
                DuePayableAmount = Sgd1000,
                RemittedAmount = Sgd1000,
                CreditorReference = new CreditorReference { Type = CodeOrProprietary.FromCode("SCOR"), TypeIssuer = "ISO", Reference = "RF18539007547034" },
                Invoicer = Creditor,
                Invoicee = Company,
                AdditionalInformation = ValueList<string>.Of("NEXUS-QUOTE-9f1c"),
            }),
        },
    };

    /// <summary>The SGD to THB customer credit transfer.</summary>
    public static CustomerCreditTransfer SgdToThbCreditTransfer() => new()
    {
        GroupHeader = Pacs008Header,
        Transactions = ValueList<CreditTransferTransaction>.Of(SgdToThbTransaction),
    };

    public static OriginalGroupInformation OriginalPacs008 => new()
    {
        OriginalMessageId = "DBS20261123-000123",
        OriginalMessageNameId = "pacs.008.001.08",
        OriginalCreationDateTime = Created,
    };

    public static OriginalTransactionReference OriginalReference => new()
    {
        InterbankSettlementAmount = Thb26712,
        InstructedAmount = Sgd1000,
        InterbankSettlementDate = SettlementDate,
        Settlement = new SettlementInformation { Method = SettlementMethod.INDA },
        PaymentType = new PaymentTypeInformation { LocalInstrument = CodeOrProprietary.FromProprietary("INST") },
        RemittanceInformation = new RemittanceInformation { Unstructured = ValueList<string>.Of("Invoice INV-2026-77") },
        UltimateDebtor = new PartyOrAgent { Party = Company },
        Debtor = new PartyOrAgent { Party = Debtor },
        DebtorAccount = new Account { Other = new GenericIdentification { Id = "0720123456" } },
        DebtorAgent = Agent.FromBic(Dbs),
        CreditorAgent = Agent.FromBic(Kasikorn),
        Creditor = new PartyOrAgent { Party = Creditor },
        CreditorAccount = ProxyAccount,
        UltimateCreditor = new PartyOrAgent { Agent = BangkokBankAgent },
        Purpose = CodeOrProprietary.FromCode("SUPP"),
    };

    public static PaymentStatusReport StatusReport() => new()
    {
        GroupHeader = new GroupHeader { MessageId = "KASI-STS-991", CreationDateTime = Created.AddSeconds(4), InstructingAgent = Agent.FromBic(Kasikorn), InstructedAgent = Agent.FromBic(Dbs) },
        OriginalGroups = ValueList<OriginalGroupStatus>.Of(new OriginalGroupStatus
        {
            Original = OriginalPacs008,
            GroupStatus = TransactionStatus.PDNG,
            StatusReasons = ValueList<ReasonInformation>.Of(new ReasonInformation { Reason = CodeOrProprietary.FromProprietary("WAIT") }),
        }),
        Transactions = ValueList<TransactionStatusInformation>.Of(new TransactionStatusInformation
        {
            StatusId = "STS-1",
            OriginalGroup = OriginalPacs008,
            OriginalInstructionId = "INSTR-000123",
            OriginalEndToEndId = "E2E-TAN-0001",
            OriginalTransactionId = "TX-000123",
            OriginalUetr = PaymentUetr,
            Status = TransactionStatus.RJCT,
            StatusReasons = ValueList<ReasonInformation>.Of(
                ReasonInformation.FromCode(StatusReasonCode.AC04, "Account closed"),
                new ReasonInformation { Originator = new Party { Name = "Kasikorn" }, Reason = CodeOrProprietary.FromCode("AM09") }),
            AcceptanceDateTime = Created.AddSeconds(3),
            ClearingSystemReference = "NXS-42",
            InstructingAgent = Agent.FromBic(Kasikorn),
            InstructedAgent = Agent.FromBic(Dbs),
            OriginalTransactionReference = OriginalReference,
        }),
    };

    public static PaymentReturn Return() => new()
    {
        GroupHeader = new GroupHeader
        {
            MessageId = "KASI-RTR-17",
            CreationDateTime = Created.AddDays(1),
            TotalInterbankSettlementAmount = Thb26712,
            InterbankSettlementDate = SettlementDate.AddDays(1),
            Settlement = new SettlementInformation { Method = SettlementMethod.CLRG },
        },
        OriginalGroup = OriginalPacs008,
        Transactions = ValueList<PaymentReturnTransaction>.Of(new PaymentReturnTransaction
        {
            ReturnId = "RTR-1",
            OriginalGroup = OriginalPacs008,
            OriginalInstructionId = "INSTR-000123",
            OriginalEndToEndId = "E2E-TAN-0001",
            OriginalTransactionId = "TX-000123",
            OriginalUetr = PaymentUetr,
            OriginalClearingSystemReference = "NXS-42",
            OriginalInterbankSettlementAmount = Thb26712,
            OriginalInterbankSettlementDate = SettlementDate,
            ReturnedInterbankSettlementAmount = Thb26712,
            InterbankSettlementDate = SettlementDate.AddDays(1),
            ReturnedInstructedAmount = Sgd1000,
            ExchangeRate = 26.71235m,
            ChargeBearer = ChargeBearer.CRED,
            Charges = ValueList<Charge>.Of(new Charge { Amount = new Money(1_500, Currency.THB), Agent = Agent.FromBic(Kasikorn) }),
            InstructingAgent = Agent.FromBic(Kasikorn),
            InstructedAgent = Agent.FromBic(Dbs),
            ReturnReasons = ValueList<ReasonInformation>.Of(ReasonInformation.FromCode(StatusReasonCode.AC04)),
            OriginalTransactionReference = OriginalReference,
        }),
    };

    public static PaymentStatusRequest StatusRequest() => new()
    {
        GroupHeader = new GroupHeader { MessageId = "DBS-STSREQ-5", CreationDateTime = Created.AddMinutes(1) },
        OriginalGroups = ValueList<OriginalGroupInformation>.Of(OriginalPacs008),
        Transactions = ValueList<StatusRequestTransaction>.Of(new StatusRequestTransaction
        {
            StatusRequestId = "SR-1",
            OriginalGroup = OriginalPacs008,
            OriginalInstructionId = "INSTR-000123",
            OriginalEndToEndId = "E2E-TAN-0001",
            OriginalTransactionId = "TX-000123",
            OriginalUetr = PaymentUetr,
            AcceptanceDateTime = Created,
            InstructingAgent = Agent.FromBic(Dbs),
            InstructedAgent = Agent.FromBic(Kasikorn),
            OriginalTransactionReference = new OriginalTransactionReference { InterbankSettlementAmount = Thb26712 },
        }),
    };

    public static Assignment DbsToKasikorn(string id) => new()
    {
        Id = id,
        Assigner = new PartyOrAgent { Agent = Agent.FromBic(Dbs) },
        Assignee = new PartyOrAgent { Agent = Agent.FromBic(Kasikorn) },
        CreationDateTime = Created.AddHours(2),
    };

    public static CancellationRequest Recall() => new()
    {
        Assignment = DbsToKasikorn("DBS-CXL-3"),
        Case = new InvestigationCase { Id = "CASE-77", Creator = new PartyOrAgent { Party = Debtor } },
        OriginalGroup = OriginalPacs008,
        Transactions = ValueList<CancellationTransaction>.Of(new CancellationTransaction
        {
            CancellationId = "CXL-1",
            Case = new InvestigationCase { Id = "CASE-77", Creator = new PartyOrAgent { Agent = Agent.FromBic(Dbs) } },
            OriginalGroup = OriginalPacs008,
            OriginalInstructionId = "INSTR-000123",
            OriginalEndToEndId = "E2E-TAN-0001",
            OriginalTransactionId = "TX-000123",
            OriginalUetr = PaymentUetr,
            OriginalClearingSystemReference = "NXS-42",
            OriginalInterbankSettlementAmount = Thb26712,
            OriginalInterbankSettlementDate = SettlementDate,
            CancellationReasons = ValueList<ReasonInformation>.Of(new ReasonInformation
            {
                Originator = new Party { Name = "Tan Wei Ming" },
                Reason = CodeOrProprietary.FromCode("DUPL"),
                AdditionalInformation = ValueList<string>.Of("Sent twice by mistake"),
            }),
            OriginalTransactionReference = OriginalReference,
        }),
    };

    public static ResolutionOfInvestigation RecallAnswer() => new()
    {
        Assignment = DbsToKasikorn("KASI-RSL-3"),
        ResolvedCase = new InvestigationCase { Id = "CASE-77", Creator = new PartyOrAgent { Agent = Agent.FromBic(Dbs) } },
        StatusConfirmation = "CNCL",
        OriginalGroup = OriginalPacs008,
        Transactions = ValueList<CancellationStatusTransaction>.Of(new CancellationStatusTransaction
        {
            CancellationStatusId = "CXLSTS-1",
            ResolvedCase = new InvestigationCase { Id = "CASE-77", Creator = new PartyOrAgent { Agent = Agent.FromBic(Dbs) } },
            OriginalGroup = OriginalPacs008,
            OriginalInstructionId = "INSTR-000123",
            OriginalEndToEndId = "E2E-TAN-0001",
            OriginalTransactionId = "TX-000123",
            OriginalClearingSystemReference = "NXS-42",
            OriginalUetr = PaymentUetr,
            TransactionCancellationStatus = "ACCR",
            CancellationStatusReasons = ValueList<ReasonInformation>.Of(new ReasonInformation { Reason = CodeOrProprietary.FromCode("CUST") }),
            OriginalInterbankSettlementAmount = Thb26712,
            OriginalInterbankSettlementDate = SettlementDate,
            OriginalTransactionReference = OriginalReference,
        }),
    };

    public static IdentificationVerificationRequest ProxyLookup() => new()
    {
        Assignment = DbsToKasikorn("DBS-VRF-9"),
        Verifications = ValueList<VerificationRequest>.Of(new VerificationRequest
        {
            Id = "VRF-1",
            PartyAndAccount = new PartyAndAccount
            {
                Account = new Account { Proxy = new Proxy { Type = CodeOrProprietary.FromCode("TELE"), Id = "+66-812345678" } },
                Agent = Agent.FromBic(Kasikorn),
            },
        }),
    };

    public static IdentificationVerificationReport ProxyLookupAnswer() => new()
    {
        Assignment = DbsToKasikorn("KASI-VRF-9"),
        OriginalAssignmentMessageId = "DBS-VRF-9",
        OriginalAssignmentCreationDateTime = Created.AddHours(2),
        Reports = ValueList<VerificationResult>.Of(
            new VerificationResult
            {
                OriginalId = "VRF-1",
                Verified = true,
                OriginalPartyAndAccount = new PartyAndAccount { Account = new Account { Proxy = new Proxy { Id = "+66-812345678" } } },
                UpdatedPartyAndAccount = new PartyAndAccount { Party = new Party { Name = "Somchai Jaidee" }, Account = ProxyAccount, Agent = Agent.FromBic(Kasikorn) },
            },
            new VerificationResult { OriginalId = "VRF-2", Verified = false, Reason = CodeOrProprietary.FromCode("BE23") }),
    };

    /// <summary>One hand-built message of <paramref name="kind"/>.</summary>
    public static IsoMessage Of(MessageKind kind) => kind switch
    {
        MessageKind.Pacs008 => SgdToThbCreditTransfer(),
        MessageKind.Pacs002 => StatusReport(),
        MessageKind.Pacs004 => Return(),
        MessageKind.Pacs028 => StatusRequest(),
        MessageKind.Camt056 => Recall(),
        MessageKind.Camt029 => RecallAnswer(),
        MessageKind.Acmt023 => ProxyLookup(),
        MessageKind.Acmt024 => ProxyLookupAnswer(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static BusinessApplicationHeader Header => new()
    {
        From = Agent.FromBic(Dbs),
        To = new Agent { Bicfi = Kasikorn, Lei = DbsLei },
        BusinessMessageId = "DBS20261123-000123",
        MessageDefinitionId = "pacs.008.001.08",
        BusinessService = "swift.cbprplus.02",
        CreationDate = Created,
        PossibleDuplicate = false,
        Priority = Priority.HIGH,
    };
}
