using System.Globalization;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Examples;

/// <summary>
/// Realistic, valid ASEAN example messages for every <see cref="MessageKind"/>, all about one story: a Singapore
/// PayNow customer of DBS pays a Thai PromptPay customer of Bangkok Bank SGD 1,000.00 through Nexus, converted at
/// 25.8530 THB per SGD into THB 25,853.00. Every id is fixed or derived from the date of <see cref="TimeProvider"/>,
/// so the same clock gives the same messages (tests use a <c>FakeTimeProvider</c>).
/// </summary>
/// <remarks>
/// The banks' BICs are their published ones; account numbers, names, mobile numbers and the FX provider are made up.
/// Agents: DBS (source PSP), OCBC (source settlement access provider, IntrmyAgt1), Kasikornbank (destination
/// settlement access provider, IntrmyAgt2), Bangkok Bank (destination PSP).
/// </remarks>
public static class AseanExamples
{
    /// <summary>The UETR of the example payment (a fixed version 4 UUID).</summary>
    public static readonly Uetr PaymentUetr = Uetr.Parse("8a562c67-ca16-48ba-b074-65581be6f001");

    /// <summary>The Nexus FX quote id the payment was priced with (carried in <c>Strd/AddtlRmtInf</c>).</summary>
    public const string QuoteId = "7d2f4c1a-93b6-4e58-a0f1-2b6c8d9e4f30";

    /// <summary>The exchange rate of the example quote: THB per SGD (<c>XchgRate</c>, BaseOneRate).</summary>
    public const decimal SgdThbRate = 25.8530m;

    /// <summary>The clearing system the example settles through (<c>SttlmInf/ClrSys/Prtry</c>).</summary>
    public const string NexusClearingSystem = "NEXUS";

    /// <summary>DBS Bank Ltd, Singapore: the source PSP.</summary>
    public static readonly Bic DbsBic = Bic.Parse("DBSSSGSGXXX");

    /// <summary>Bangkok Bank, Thailand: the destination PSP.</summary>
    public static readonly Bic BangkokBankBic = Bic.Parse("BKKBTHBKXXX");

    /// <summary>OCBC Bank, Singapore: the FX provider's settlement access provider in Singapore (IntrmyAgt1).</summary>
    public static readonly Bic OcbcBic = Bic.Parse("OCBCSGSGXXX");

    /// <summary>Kasikornbank, Thailand: the FX provider's settlement access provider in Thailand (IntrmyAgt2).</summary>
    public static readonly Bic KasikornBic = Bic.Parse("KASITHBKXXX");

    /// <summary>The proxy the sender typed: the recipient's Thai mobile number, registered with PromptPay.</summary>
    public const string CreditorMobile = "+66-812345678";

    private const string CreditorAccountNumber = "1234567890";
    private const string DebtorAccountNumber = "0721234567";
    private const string Pacs008Id = "pacs.008.001.13";

    private static readonly TimeSpan Singapore = TimeSpan.FromHours(8);
    private static readonly TimeSpan Bangkok = TimeSpan.FromHours(7);

    private static readonly Money InstructedSgd = new(1_000_00, Currency.SGD);
    private static readonly Money SettledThb = new(25_853_00, Currency.THB);

    /// <summary>
    /// The pacs.008 as Nexus carries it to Thailand: SGD 1,000.00 instructed, THB 25,853.00 settled at 25.8530,
    /// charges SLEV, priority HIGH, the two settlement access providers as intermediaries, the creditor account
    /// with its PromptPay mobile proxy, and the FX quote id in structured remittance information.
    /// </summary>
    public static CustomerCreditTransfer CreditTransfer(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var sent = Sent(time);
        return new CustomerCreditTransfer
        {
            GroupHeader = new GroupHeader
            {
                MessageId = MessageId("DBSS", sent, "P8"),
                CreationDateTime = sent,
                TotalInterbankSettlementAmount = SettledThb,
                InterbankSettlementDate = DateOnly.FromDateTime(sent.DateTime),
                Settlement = NexusSettlement(),
            },
            Transactions = ValueList<CreditTransferTransaction>.Of(new CreditTransferTransaction
            {
                PaymentId = PaymentId(sent),
                PaymentType = new PaymentTypeInformation
                {
                    InstructionPriority = Priority.HIGH,
                    ServiceLevels = ValueList<CodeOrProprietary>.Of(CodeOrProprietary.FromProprietary("NEXUS")),
                    CategoryPurpose = CodeOrProprietary.FromCode("CASH"),
                },
                InterbankSettlementAmount = SettledThb,
                InterbankSettlementDate = DateOnly.FromDateTime(sent.DateTime),
                AcceptanceDateTime = sent,
                InstructedAmount = InstructedSgd,
                ExchangeRate = SgdThbRate,
                ChargeBearer = ChargeBearer.SLEV,
                InstructingAgent = Dbs(),
                InstructedAgent = BangkokBank(),
                IntermediaryAgent1 = Ocbc(),
                IntermediaryAgent1Account = new Account
                {
                    Other = new GenericIdentification { Id = "5012345678" },
                    Currency = Currency.SGD,
                    Name = "Lion City FX Pte Ltd",
                },
                IntermediaryAgent2 = Kasikorn(),
                IntermediaryAgent2Account = new Account
                {
                    Other = new GenericIdentification { Id = "0038765432" },
                    Currency = Currency.THB,
                    Name = "Lion City FX Pte Ltd",
                },
                Debtor = Debtor(),
                DebtorAccount = new Account
                {
                    Other = new GenericIdentification { Id = DebtorAccountNumber, SchemeName = CodeOrProprietary.FromCode("BBAN") },
                    Currency = Currency.SGD,
                },
                DebtorAgent = Dbs(),
                CreditorAgent = BangkokBank(),
                Creditor = Creditor(),
                CreditorAccount = CreditorAccount(),
                Purpose = CodeOrProprietary.FromCode("FAMI"),
                RemittanceInformation = new RemittanceInformation
                {
                    Unstructured = ValueList<string>.Of("Family support from Singapore"),
                    Structured = ValueList<StructuredRemittance>.Of(new StructuredRemittance
                    {
                        // Nexus has no element for the FX quote, so it travels in AddtlRmtInf (Nexus pacs.008 guide).
                        AdditionalInformation = ValueList<string>.Of($"NexusQuoteId:{QuoteId}"),
                    }),
                },
            }),
        };
    }

    /// <summary>Bangkok Bank's pacs.002 ACCC: the creditor has been credited.</summary>
    public static PaymentStatusReport Accepted(TimeProvider time) =>
        StatusReport(time, TransactionStatus.ACCC, default, "ACCC");

    /// <summary>Bangkok Bank's pacs.002 RJCT with reason AC04: the creditor's account is closed.</summary>
    public static PaymentStatusReport Rejected(TimeProvider time) =>
        StatusReport(
            time,
            TransactionStatus.RJCT,
            ValueList<ReasonInformation>.Of(ReasonInformation.FromCode(StatusReasonCode.AC04, "Creditor account closed")),
            "RJCT");

    /// <summary>
    /// Bangkok Bank's pacs.004 returning the payment after settlement (account closed), at the original rate:
    /// THB 25,853.00 back, which is SGD 1,000.00 at 25.8530, so the sender is made whole.
    /// </summary>
    public static PaymentReturn Return(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var original = Sent(time);
        var returned = Answered(time, TimeSpan.FromMinutes(30));
        return new PaymentReturn
        {
            GroupHeader = new GroupHeader
            {
                MessageId = MessageId("BKKB", returned, "P4"),
                CreationDateTime = returned,
                TotalInterbankSettlementAmount = SettledThb,
                InterbankSettlementDate = DateOnly.FromDateTime(returned.DateTime),
                Settlement = NexusSettlement(),
            },
            Transactions = ValueList<PaymentReturnTransaction>.Of(new PaymentReturnTransaction
            {
                ReturnId = MessageId("BKKB", returned, "RT"),
                OriginalGroup = OriginalPayment(original),
                OriginalInstructionId = InstructionId(original),
                OriginalEndToEndId = EndToEndId(original),
                OriginalTransactionId = TransactionId(original),
                OriginalUetr = PaymentUetr,
                OriginalInterbankSettlementAmount = SettledThb,
                OriginalInterbankSettlementDate = DateOnly.FromDateTime(original.DateTime),
                ReturnedInterbankSettlementAmount = SettledThb,
                InterbankSettlementDate = DateOnly.FromDateTime(returned.DateTime),
                ReturnedInstructedAmount = InstructedSgd,
                ExchangeRate = SgdThbRate,
                ChargeBearer = ChargeBearer.SLEV,
                InstructingAgent = BangkokBank(),
                InstructedAgent = Dbs(),
                ReturnReasons = ValueList<ReasonInformation>.Of(ReasonInformation.FromCode(StatusReasonCode.AC04, "Creditor account closed after posting")),
            }),
        };
    }

    /// <summary>DBS's pacs.028 asking what happened to the payment (sent when no pacs.002 came back in time).</summary>
    public static PaymentStatusRequest StatusRequest(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var original = Sent(time);
        var asked = original.AddSeconds(60);
        return new PaymentStatusRequest
        {
            GroupHeader = new GroupHeader
            {
                MessageId = MessageId("DBSS", asked, "SR"),
                CreationDateTime = asked,
                InstructingAgent = Dbs(),
                InstructedAgent = BangkokBank(),
            },
            Transactions = ValueList<StatusRequestTransaction>.Of(new StatusRequestTransaction
            {
                StatusRequestId = MessageId("DBSS", asked, "SQ"),
                OriginalGroup = OriginalPayment(original),
                OriginalInstructionId = InstructionId(original),
                OriginalEndToEndId = EndToEndId(original),
                OriginalTransactionId = TransactionId(original),
                OriginalUetr = PaymentUetr,
                AcceptanceDateTime = original,
                OriginalTransactionReference = new OriginalTransactionReference
                {
                    InterbankSettlementAmount = SettledThb,
                    InterbankSettlementDate = DateOnly.FromDateTime(original.DateTime),
                },
            }),
        };
    }

    /// <summary>DBS's camt.056 recalling the payment because it was sent twice (reason DUPL).</summary>
    public static CancellationRequest Recall(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var original = Sent(time);
        var recalled = original.AddMinutes(10);
        return new CancellationRequest
        {
            Assignment = new Assignment
            {
                Id = MessageId("DBSS", recalled, "CX"),
                Assigner = new PartyOrAgent { Agent = Dbs() },
                Assignee = new PartyOrAgent { Agent = BangkokBank() },
                CreationDateTime = recalled,
            },
            Case = RecallCase(recalled),
            Transactions = ValueList<CancellationTransaction>.Of(new CancellationTransaction
            {
                CancellationId = MessageId("DBSS", recalled, "CI"),
                OriginalGroup = OriginalPayment(original),
                OriginalInstructionId = InstructionId(original),
                OriginalEndToEndId = EndToEndId(original),
                OriginalTransactionId = TransactionId(original),
                OriginalUetr = PaymentUetr,
                OriginalInterbankSettlementAmount = SettledThb,
                OriginalInterbankSettlementDate = DateOnly.FromDateTime(original.DateTime),
                CancellationReasons = ValueList<ReasonInformation>.Of(new ReasonInformation
                {
                    Originator = new Party { Name = "DBS Bank Ltd" },
                    Reason = CodeOrProprietary.FromCode(StatusReasons.ToCode(StatusReasonCode.DUPL)),
                    AdditionalInformation = ValueList<string>.Of("Customer sent the same payment twice"),
                }),
            }),
        };
    }

    /// <summary>Bangkok Bank's camt.029 answering the recall: cancelled (CNCL), transaction ACCR.</summary>
    public static ResolutionOfInvestigation RecallResolution(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var original = Sent(time);
        var recalled = original.AddMinutes(10);
        var resolved = Answered(time, TimeSpan.FromMinutes(25));
        return new ResolutionOfInvestigation
        {
            Assignment = new Assignment
            {
                Id = MessageId("BKKB", resolved, "RS"),
                Assigner = new PartyOrAgent { Agent = BangkokBank() },
                Assignee = new PartyOrAgent { Agent = Dbs() },
                CreationDateTime = resolved,
            },
            ResolvedCase = RecallCase(recalled),
            StatusConfirmation = "CNCL",
            Transactions = ValueList<CancellationStatusTransaction>.Of(new CancellationStatusTransaction
            {
                CancellationStatusId = MessageId("BKKB", resolved, "CS"),
                OriginalGroup = OriginalPayment(original),
                OriginalInstructionId = InstructionId(original),
                OriginalEndToEndId = EndToEndId(original),
                OriginalTransactionId = TransactionId(original),
                OriginalUetr = PaymentUetr,
                TransactionCancellationStatus = "ACCR",
                OriginalInterbankSettlementAmount = SettledThb,
                OriginalInterbankSettlementDate = DateOnly.FromDateTime(original.DateTime),
            }),
        };
    }

    /// <summary>DBS's acmt.023 asking the PromptPay proxy directory whose mobile number <see cref="CreditorMobile"/> is.</summary>
    public static IdentificationVerificationRequest ProxyLookup(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var asked = Sent(time).AddMinutes(-2);
        return new IdentificationVerificationRequest
        {
            Assignment = new Assignment
            {
                Id = MessageId("DBSS", asked, "PL"),
                Assigner = new PartyOrAgent { Agent = Dbs() },
                Assignee = new PartyOrAgent { Agent = ProxyDirectory() },
                CreationDateTime = asked,
            },
            Verifications = ValueList<VerificationRequest>.Of(new VerificationRequest
            {
                Id = MessageId("DBSS", asked, "PV"),
                PartyAndAccount = new PartyAndAccount { Account = new Account { Proxy = MobileProxy() } },
            }),
        };
    }

    /// <summary>The PromptPay proxy directory's acmt.024: the number belongs to an account at Bangkok Bank.</summary>
    public static IdentificationVerificationReport ProxyLookupAnswer(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var asked = Sent(time).AddMinutes(-2);
        var answered = asked.AddSeconds(1).ToOffset(Bangkok);
        return new IdentificationVerificationReport
        {
            Assignment = new Assignment
            {
                Id = MessageId("ITMX", answered, "PR"),
                Assigner = new PartyOrAgent { Agent = ProxyDirectory() },
                Assignee = new PartyOrAgent { Agent = Dbs() },
                CreationDateTime = answered,
            },
            OriginalAssignmentMessageId = MessageId("DBSS", asked, "PL"),
            OriginalAssignmentCreationDateTime = asked,
            Reports = ValueList<VerificationResult>.Of(new VerificationResult
            {
                OriginalId = MessageId("DBSS", asked, "PV"),
                Verified = true,
                OriginalPartyAndAccount = new PartyAndAccount { Account = new Account { Proxy = MobileProxy() } },
                UpdatedPartyAndAccount = new PartyAndAccount
                {
                    Party = new Party { Name = "Somchai Jaidee" },
                    Account = new Account
                    {
                        Other = new GenericIdentification { Id = CreditorAccountNumber, SchemeName = CodeOrProprietary.FromCode("BBAN") },
                        Currency = Currency.THB,

                        // The masked display name shown to the sender before approval (PayNow-PromptPay practice).
                        Name = "SOMCHAI J***",
                        Proxy = MobileProxy(),
                    },
                    Agent = BangkokBank(),
                },
            }),
        };
    }

    /// <summary>The example of a business message kind; for pacs.002 the ACCC answer.</summary>
    public static IsoMessage Example(MessageKind kind, TimeProvider time) => kind switch
    {
        MessageKind.Pacs008 => CreditTransfer(time),
        MessageKind.Pacs002 => Accepted(time),
        MessageKind.Pacs004 => Return(time),
        MessageKind.Pacs028 => StatusRequest(time),
        MessageKind.Camt056 => Recall(time),
        MessageKind.Camt029 => RecallResolution(time),
        MessageKind.Acmt023 => ProxyLookup(time),
        MessageKind.Acmt024 => ProxyLookupAnswer(time),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown message kind."),
    };

    /// <summary>
    /// A business application header (head.001.001.02) for an example message written in <paramref name="version"/>:
    /// from the message's sender to its receiver, with the message's own id.
    /// </summary>
    public static BusinessApplicationHeader Header(IsoMessage message, MessageVersion version)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (from, to, id, created) = message switch
        {
            CustomerCreditTransfer m => (Dbs(), BangkokBank(), m.GroupHeader.MessageId, m.GroupHeader.CreationDateTime),
            PaymentStatusReport m => (BangkokBank(), Dbs(), m.GroupHeader.MessageId, m.GroupHeader.CreationDateTime),
            PaymentReturn m => (BangkokBank(), Dbs(), m.GroupHeader.MessageId, m.GroupHeader.CreationDateTime),
            PaymentStatusRequest m => (Dbs(), BangkokBank(), m.GroupHeader.MessageId, m.GroupHeader.CreationDateTime),
            CancellationRequest m => (Dbs(), BangkokBank(), m.Assignment.Id, m.Assignment.CreationDateTime),
            ResolutionOfInvestigation m => (BangkokBank(), Dbs(), m.Assignment.Id, m.Assignment.CreationDateTime),
            IdentificationVerificationRequest m => (Dbs(), BangkokBank(), m.Assignment.Id, m.Assignment.CreationDateTime),
            IdentificationVerificationReport m => (BangkokBank(), Dbs(), m.Assignment.Id, m.Assignment.CreationDateTime),
            _ => throw new ArgumentException($"Unsupported message type {message.GetType().Name}.", nameof(message)),
        };
        return new BusinessApplicationHeader
        {
            From = Agent.FromBic(from.Bicfi!.Value),
            To = Agent.FromBic(to.Bicfi!.Value),
            BusinessMessageId = id,
            MessageDefinitionId = version.Identifier(),
            CreationDate = created,
            Priority = message is CustomerCreditTransfer ? Priority.HIGH : null,
        };
    }

    private static PaymentStatusReport StatusReport(TimeProvider time, TransactionStatus status, ValueList<ReasonInformation> reasons, string suffix)
    {
        ArgumentNullException.ThrowIfNull(time);
        var original = Sent(time);
        var answered = Answered(time, TimeSpan.FromSeconds(4));
        return new PaymentStatusReport
        {
            GroupHeader = new GroupHeader
            {
                MessageId = MessageId("BKKB", answered, suffix[..2]),
                CreationDateTime = answered,
                InstructingAgent = BangkokBank(),
                InstructedAgent = Dbs(),
            },
            Transactions = ValueList<TransactionStatusInformation>.Of(new TransactionStatusInformation
            {
                OriginalGroup = OriginalPayment(original),
                OriginalInstructionId = InstructionId(original),
                OriginalEndToEndId = EndToEndId(original),
                OriginalTransactionId = TransactionId(original),
                OriginalUetr = PaymentUetr,
                Status = status,
                StatusReasons = reasons,
                AcceptanceDateTime = status == TransactionStatus.ACCC ? answered : null,
                InstructingAgent = BangkokBank(),
                InstructedAgent = Dbs(),
            }),
        };
    }

    // The payment was sent "now" by the injected clock, in Singapore time, to whole seconds (ISO 20022
    // date-times carry seconds; dropping the fraction keeps XML round trips exact).
    private static DateTimeOffset Sent(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).ToOffset(Singapore);
    }

    private static DateTimeOffset Answered(TimeProvider time, TimeSpan after) => Sent(time).Add(after).ToOffset(Bangkok);

    private static string MessageId(string institution, DateTimeOffset at, string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{institution}{at:yyyyMMddHHmmss}{kind}0001");

    private static string InstructionId(DateTimeOffset sent) => MessageId("DBSS", sent, "IN");

    private static string EndToEndId(DateTimeOffset sent) => string.Create(CultureInfo.InvariantCulture, $"PAYNOW-{sent:yyyyMMdd}-000417");

    private static string TransactionId(DateTimeOffset sent) => MessageId("DBSS", sent, "TX");

    private static PaymentIdentification PaymentId(DateTimeOffset sent) => new()
    {
        InstructionId = InstructionId(sent),
        EndToEndId = EndToEndId(sent),
        TransactionId = TransactionId(sent),
        Uetr = PaymentUetr,
    };

    private static OriginalGroupInformation OriginalPayment(DateTimeOffset sent) => new()
    {
        OriginalMessageId = MessageId("DBSS", sent, "P8"),
        OriginalMessageNameId = Pacs008Id,
        OriginalCreationDateTime = sent,
    };

    private static InvestigationCase RecallCase(DateTimeOffset recalled) => new()
    {
        Id = MessageId("DBSS", recalled, "CA"),
        Creator = new PartyOrAgent { Agent = Dbs() },
    };

    private static SettlementInformation NexusSettlement() => new()
    {
        Method = SettlementMethod.CLRG,
        ClearingSystem = CodeOrProprietary.FromProprietary(NexusClearingSystem),
    };

    private static Proxy MobileProxy() => new() { Type = CodeOrProprietary.FromCode("MBNO"), Id = CreditorMobile };

    private static Agent Dbs() => new() { Bicfi = DbsBic, Name = "DBS Bank Ltd" };

    private static Agent BangkokBank() => new() { Bicfi = BangkokBankBic, Name = "Bangkok Bank Public Company Limited" };

    private static Agent Ocbc() => new() { Bicfi = OcbcBic, Name = "Oversea-Chinese Banking Corporation Limited" };

    private static Agent Kasikorn() => new() { Bicfi = KasikornBic, Name = "Kasikornbank Public Company Limited" };

    private static Agent ProxyDirectory() => new() { Name = "PromptPay Proxy Directory (National ITMX)", PostalAddress = Address("Bangkok", CountryCode.TH) };

    private static Party Debtor() => new()
    {
        Name = "Tan Wei Ming",
        // A Singapore HDB flat: the unit number (#05-123) has its own element only from PostalAddress27 (.13) on.
        PostalAddress = Address("Singapore", CountryCode.SG, street: "Tampines Street 81", building: "821", postCode: "520821") with { UnitNumber = "#05-123" },
        CountryOfResidence = CountryCode.SG,
    };

    private static Party Creditor() => new()
    {
        Name = "Somchai Jaidee",
        PostalAddress = Address("Bangkok", CountryCode.TH, street: "Sukhumvit Road", building: "199", postCode: "10110"),
        CountryOfResidence = CountryCode.TH,
    };

    private static Account CreditorAccount() => new()
    {
        Other = new GenericIdentification { Id = CreditorAccountNumber, SchemeName = CodeOrProprietary.FromCode("BBAN") },
        Currency = Currency.THB,
        Proxy = MobileProxy(),
    };

    private static PostalAddress Address(string town, CountryCode country, string? street = null, string? building = null, string? postCode = null) => new()
    {
        StreetName = street,
        BuildingNumber = building,
        PostCode = postCode,
        TownName = town,
        Country = country,
    };
}
