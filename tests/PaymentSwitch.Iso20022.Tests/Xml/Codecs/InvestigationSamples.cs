using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Iso20022.Tests.Xml.Codecs;

/// <summary>
/// Hand-built data for the investigation (camt.056/029) and verification (acmt.023/024) codec tests: a
/// SGD to THB payment from DBS Singapore to Kasikorn Bank that the debtor agent recalls as a duplicate,
/// and a PayNow mobile-number lookup.
/// </summary>
internal static class InvestigationSamples
{
    public static readonly Agent Dbs = new()
    {
        Bicfi = Bic.Parse("DBSSSGSGXXX"),
        Name = "DBS Bank Ltd",
        PostalAddress = new PostalAddress
        {
            StreetName = "Marina Boulevard", BuildingNumber = "12", PostCode = "018982", TownName = "Singapore", Country = CountryCode.SG,
        },
    };

    public static readonly Agent Kasikorn = Agent.FromBic(Bic.Parse("KASITHBKXXX"));

    public static readonly Agent Ocbc = Agent.FromBic(Bic.Parse("OCBCSGSGXXX"));

    public static readonly Agent PayNowDirectory = new()
    {
        ClearingSystemMember = new ClearingSystemMember { ClearingSystem = CodeOrProprietary.FromProprietary("PAYNOW"), MemberId = "PNDIR" },
        Name = "PayNow Central Addressing Scheme",
    };

    public static readonly Uetr PaymentUetr = Uetr.Parse("e3b0c442-98fc-4c14-9afb-f4c8996fb924");

    public static readonly OriginalGroupInformation OriginalPayment = new()
    {
        OriginalMessageId = "DBS20250312PACS0007",
        OriginalMessageNameId = "pacs.008.001.08",
        OriginalCreationDateTime = new DateTimeOffset(2025, 3, 12, 9, 58, 4, 120, TimeSpan.FromHours(8)),
    };

    public static readonly InvestigationCase RecallCase = new()
    {
        Id = "DBS-CASE-20250312-0001",
        Creator = new PartyOrAgent { Agent = Dbs },
    };

    public static readonly Money SettledThb = new(2_561_234, Currency.THB);

    public static readonly DateOnly SettlementDate = new(2025, 3, 12);

    public static OriginalTransactionReference OriginalReference => new()
    {
        InterbankSettlementAmount = SettledThb,
        InstructedAmount = new Money(100_000, Currency.SGD),
        InterbankSettlementDate = SettlementDate,
        Settlement = new SettlementInformation { Method = SettlementMethod.CLRG, ClearingSystem = CodeOrProprietary.FromProprietary("NEXUS") },
        PaymentType = new PaymentTypeInformation
        {
            InstructionPriority = Priority.HIGH,
            ServiceLevels = ValueList<CodeOrProprietary>.Of(CodeOrProprietary.FromCode("URGP")),
            LocalInstrument = CodeOrProprietary.FromProprietary("NEXUS"),
        },
        RemittanceInformation = new RemittanceInformation { Unstructured = ValueList<string>.Of("Invoice 2025-031 rent March") },
        Debtor = new PartyOrAgent
        {
            Party = new Party
            {
                Name = "Lim Wei Ling",
                PostalAddress = new PostalAddress { TownName = "Singapore", Country = CountryCode.SG, AddressLines = ValueList<string>.Of("8 Tampines Central 1", "#04-12") },
            },
        },
        DebtorAccount = new Account { Other = new GenericIdentification { Id = "0721234567" }, Currency = Currency.SGD },
        DebtorAgent = Dbs,
        CreditorAgent = Kasikorn,
        Creditor = new PartyOrAgent { Party = new Party { Name = "Somchai Jaidee", CountryOfResidence = CountryCode.TH } },
        CreditorAccount = new Account { Other = new GenericIdentification { Id = "1234567890" }, Name = "Somchai Jaidee" },
        Purpose = CodeOrProprietary.FromCode("RENT"),
    };

    /// <summary>The debtor agent recalls the payment because the customer's app sent it twice (DUPL).</summary>
    public static CancellationRequest Recall() => new()
    {
        Assignment = new Assignment
        {
            Id = "DBSCXL20250312000001",
            Assigner = new PartyOrAgent { Agent = Agent.FromBic(Bic.Parse("DBSSSGSGXXX")) },
            Assignee = new PartyOrAgent { Agent = Kasikorn },
            CreationDateTime = new DateTimeOffset(2025, 3, 12, 10, 15, 0, TimeSpan.FromHours(8)),
        },
        Case = RecallCase,
        OriginalGroup = OriginalPayment,
        Transactions = ValueList<CancellationTransaction>.Of(new CancellationTransaction
        {
            CancellationId = "DBSCXL20250312000001-1",
            OriginalGroup = OriginalPayment,
            OriginalInstructionId = "DBSINSTR0007",
            OriginalEndToEndId = "E2E-LWL-20250312-01",
            OriginalTransactionId = "DBSTX20250312000007",
            OriginalUetr = PaymentUetr,
            OriginalClearingSystemReference = "NXS0000009876",
            OriginalInterbankSettlementAmount = SettledThb,
            OriginalInterbankSettlementDate = SettlementDate,
            CancellationReasons = ValueList<ReasonInformation>.Of(new ReasonInformation
            {
                Originator = new Party { Name = "DBS Bank Ltd" },
                Reason = CodeOrProprietary.FromCode("DUPL"),
                AdditionalInformation = ValueList<string>.Of("Customer app submitted the transfer twice; the second is a duplicate."),
            }),
            OriginalTransactionReference = OriginalReference,
        }),
    };

    /// <summary>Kasikorn's answer: the payment was cancelled (CNCL) and the funds are coming back (ACCR).</summary>
    public static ResolutionOfInvestigation Cancelled() => new()
    {
        Assignment = new Assignment
        {
            Id = "KASIRES20250312000042",
            Assigner = new PartyOrAgent { Agent = Kasikorn },
            Assignee = new PartyOrAgent { Agent = Agent.FromBic(Bic.Parse("DBSSSGSGXXX")) },
            CreationDateTime = new DateTimeOffset(2025, 3, 12, 10, 41, 30, TimeSpan.FromHours(7)),
        },
        ResolvedCase = RecallCase,
        StatusConfirmation = "CNCL",
        OriginalGroup = OriginalPayment,
        Transactions = ValueList<CancellationStatusTransaction>.Of(new CancellationStatusTransaction
        {
            CancellationStatusId = "KASICXLSTS0042",
            ResolvedCase = RecallCase,
            OriginalGroup = OriginalPayment,
            OriginalInstructionId = "DBSINSTR0007",
            OriginalEndToEndId = "E2E-LWL-20250312-01",
            OriginalTransactionId = "DBSTX20250312000007",
            OriginalClearingSystemReference = "NXS0000009876",
            OriginalUetr = PaymentUetr,
            TransactionCancellationStatus = "ACCR",
            CancellationStatusReasons = ValueList<ReasonInformation>.Of(new ReasonInformation
            {
                Originator = new Party { Name = "Kasikorn Bank PCL" },
                AdditionalInformation = ValueList<string>.Of("Funds returned with pacs.004 KASIRTR20250312000042."),
            }),
            OriginalInterbankSettlementAmount = SettledThb,
            OriginalInterbankSettlementDate = SettlementDate,
            OriginalTransactionReference = OriginalReference,
        }),
    };

    public static readonly Account MobileProxy = new()
    {
        Proxy = new Proxy { Type = CodeOrProprietary.FromCode("TELE"), Id = "+6591234567" },
    };

    /// <summary>DBS asks the PayNow directory whose account the mobile number +65 9123 4567 is.</summary>
    public static IdentificationVerificationRequest ProxyLookup() => new()
    {
        Assignment = new Assignment
        {
            Id = "DBSVRF20250312000311",
            Assigner = new PartyOrAgent { Agent = Agent.FromBic(Bic.Parse("DBSSSGSGXXX")) },
            Assignee = new PartyOrAgent { Agent = PayNowDirectory },
            CreationDateTime = new DateTimeOffset(2025, 3, 12, 9, 57, 58, 250, TimeSpan.FromHours(8)),
        },
        Verifications = ValueList<VerificationRequest>.Of(new VerificationRequest
        {
            Id = "DBSVRF20250312000311-1",
            PartyAndAccount = new PartyAndAccount { Account = MobileProxy },
        }),
    };

    /// <summary>The directory's answer: the number belongs to Tan Ah Kow's OCBC account.</summary>
    public static IdentificationVerificationReport ProxyResolved() => new()
    {
        Assignment = new Assignment
        {
            Id = "PNDIRRPT20250312000311",
            Assigner = new PartyOrAgent { Agent = PayNowDirectory },
            Assignee = new PartyOrAgent { Agent = Agent.FromBic(Bic.Parse("DBSSSGSGXXX")) },
            CreationDateTime = new DateTimeOffset(2025, 3, 12, 9, 57, 58, 730, TimeSpan.FromHours(8)),
        },
        OriginalAssignmentMessageId = "DBSVRF20250312000311",
        OriginalAssignmentCreationDateTime = new DateTimeOffset(2025, 3, 12, 9, 57, 58, 250, TimeSpan.FromHours(8)),
        Reports = ValueList<VerificationResult>.Of(new VerificationResult
        {
            OriginalId = "DBSVRF20250312000311-1",
            Verified = true,
            OriginalPartyAndAccount = new PartyAndAccount { Account = MobileProxy },
            UpdatedPartyAndAccount = new PartyAndAccount
            {
                Party = new Party { Name = "TAN AH KOW" },
                Account = new Account
                {
                    Other = new GenericIdentification { Id = "5012345678", SchemeName = CodeOrProprietary.FromCode("BBAN") },
                    Currency = Currency.SGD,
                    Name = "Tan Ah Kow",
                    Proxy = MobileProxy.Proxy,
                },
                Agent = Ocbc,
            },
        }),
    };

    /// <summary>Writes, checks the XML against the official schema, reads back, and returns the message read.</summary>
    public static T RoundTrip<T>(T message, MessageVersion version)
        where T : IsoMessage
    {
        SharedFiles.RequireOrSkip();
        var xml = IsoXml.Write(message, version, indent: true);

        var schemaErrors = XsdValidator.Validate(xml, version);
        Assert.True(schemaErrors.Count == 0, XsdValidator.Describe(schemaErrors) + Environment.NewLine + xml);

        var result = IsoXml.Read(xml);
        Assert.True(result.Errors.IsEmpty, string.Join(Environment.NewLine, result.Errors));
        Assert.NotNull(result.Envelope);
        Assert.Equal(version, result.Envelope.Version);
        return Assert.IsType<T>(result.Envelope.Message);
    }

    /// <summary>Wraps a message element in a Document of the given version.</summary>
    public static string Document(MessageVersion version, string body) =>
        $"<Document xmlns=\"{version.XmlNamespace()}\">{body}</Document>";

    /// <summary>An agent given by BIC, as XML (a Party40Choice <c>Agt</c>).</summary>
    public static string AgentXml(string bic) => $"<Agt><FinInstnId><BICFI>{bic}</BICFI></FinInstnId></Agt>";

    public static void AssertError(IsoReadResult result, string path, StatusReasonCode reason)
    {
        Assert.True(
            result.Errors.AsSpan().ToArray().Any(e => e.Path == path && e.Reason == reason),
            $"Expected {StatusReasons.ToCode(reason)} at {path}; got:{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors)}");
    }
}
