using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;
using static PaymentSwitch.Iso20022.Tests.Xml.Codecs.PacsSamples;

namespace PaymentSwitch.Iso20022.Tests.Xml.Codecs;

public sealed class Pacs004XmlTests
{
    private const string Root = "/Document/PmtRtr";
    private const string Uetr = "8a562c67-ca16-48ba-b074-65581be6f011";

    public static TheoryData<MessageVersion> Versions => new() { MessageVersion.Pacs004V09, MessageVersion.Pacs004V10 };

    private static PaymentReturn Return() => new()
    {
        GroupHeader = new GroupHeader
        {
            MessageId = "PSW20250312RTR0000001",
            CreationDateTime = Created.AddDays(2),
            TotalInterbankSettlementAmount = new Money(1_650_000, Currency.SGD),
            InterbankSettlementDate = new DateOnly(2025, 3, 12),
            Settlement = new SettlementInformation { Method = SettlementMethod.CLRG, ClearingSystem = CodeOrProprietary.FromProprietary("NEXUS") },
            InstructingAgent = CreditorAgent,
            InstructedAgent = SwitchAgent,
        },
        OriginalGroup = OriginalPacs008,
        Transactions = ValueList<PaymentReturnTransaction>.Of(
            new PaymentReturnTransaction
            {
                ReturnId = "RTR-0001",
                OriginalGroup = OriginalPacs008,
                OriginalInstructionId = "INSTR-0001",
                OriginalEndToEndId = "E2E-INV-2025-0042",
                OriginalTransactionId = "TX-0001",
                OriginalUetr = PaymentUetr,
                OriginalClearingSystemReference = "NXS-7781",
                OriginalInterbankSettlementAmount = new Money(1_500_000, Currency.SGD),
                OriginalInterbankSettlementDate = new DateOnly(2025, 3, 10),
                ReturnedInterbankSettlementAmount = new Money(1_500_000, Currency.SGD),
                InterbankSettlementDate = new DateOnly(2025, 3, 12),
                ReturnedInstructedAmount = new Money(38_250_000, Currency.THB),
                ExchangeRate = 0.0392156863m,
                ChargeBearer = ChargeBearer.SHAR,
                Charges = ValueList<Charge>.Of(new Charge { Amount = new Money(500, Currency.SGD), Agent = CreditorAgent }),
                InstructingAgent = CreditorAgent,
                InstructedAgent = SwitchAgent,
                ReturnReasons = ValueList<ReasonInformation>.Of(Reason("AC04", "Creditor account closed on 2025-03-11.")),
                OriginalTransactionReference = FullReference,
            },
            new PaymentReturnTransaction
            {
                OriginalUetr = SecondUetr,
                ReturnedInterbankSettlementAmount = new Money(150_000, Currency.SGD),
                ReturnReasons = ValueList<ReasonInformation>.Of(new ReasonInformation { Reason = CodeOrProprietary.FromCode("DUPL") }),
            }),
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void Write_FullReturn_RoundTripsEqual(MessageVersion version)
    {
        var sut = Return();

        var (xml, read) = RoundTrip(sut, version);

        Assert.True(read.IsSuccess, Errors(read) + Environment.NewLine + xml);
        Assert.Equal(version, read.Envelope!.Version);
        Assert.Equal(sut, read.Envelope.Message);
        Assert.True(read.Warnings.IsEmpty, string.Join(", ", read.Warnings));
    }

    [SkippableTheory]
    [MemberData(nameof(Versions))]
    public void Write_FullReturn_ValidatesAgainstOfficialSchema(MessageVersion version)
    {
        var sut = Return();

        var xml = IsoXml.Write(sut, version);

        AssertSchemaValid(xml, version);
    }

    [Fact]
    public void Write_AnyReturn_DerivesNbOfTxsFromTransactions()
    {
        var sut = Return();

        var xml = IsoXml.Write(sut, MessageVersion.Pacs004V09);

        Assert.Contains("<NbOfTxs>2</NbOfTxs>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteDetailed_HeaderWithPaymentType_OmitsItAndSaysSo()
    {
        var sut = Return() with
        {
            GroupHeader = Return().GroupHeader with { PaymentType = new PaymentTypeInformation { InstructionPriority = Priority.HIGH } },
        };

        var result = IsoXml.WriteDetailed(sut, MessageVersion.Pacs004V10);

        Assert.DoesNotContain("<InstrPrty>", result.Xml.Split("<TxInf>")[0], StringComparison.Ordinal);
        Assert.Contains(result.Omitted, o => o.Contains("/GrpHdr/PmtTpInf (", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_HeaderWithoutSettlement_Throws()
    {
        var sut = Return() with { GroupHeader = Return().GroupHeader with { Settlement = null } };

        Assert.Throws<InvalidOperationException>(() => IsoXml.Write(sut, MessageVersion.Pacs004V09));
    }

    [SkippableFact]
    public void Read_FedwireSamples_ReadWithoutErrors()
    {
        var problems = ReadFedwireSamples("pacs.004", MessageKind.Pacs004);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Read_SecondTransactionWithoutReturnedAmount_ReportsCh21AtItsPath()
    {
        var xml = Document(2, Transaction(Amount("100.00")), Transaction(string.Empty));

        var sut = IsoXml.Read(xml);

        Assert.Null(sut.Envelope);
        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInf[2]/RtrdIntrBkSttlmAmt", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_ChargeWithoutAgent_ReportsCh21AtItsPath()
    {
        var xml = Document(1, Transaction(Amount("100.00") + "<ChrgsInf><Amt Ccy=\"USD\">5.00</Amt></ChrgsInf><ChrgsInf><Amt Ccy=\"USD\">1.00</Amt></ChrgsInf>"));

        var sut = IsoXml.Read(xml);

        Assert.Equal(2, sut.Errors.Count);
        Assert.Equal($"{Root}/TxInf[1]/ChrgsInf[1]/Agt", sut.Errors[0].Path);
        Assert.Equal($"{Root}/TxInf[1]/ChrgsInf[2]/Agt", sut.Errors[1].Path);
        Assert.All(sut.Errors, e => Assert.Equal(StatusReasonCode.CH21, e.Reason));
    }

    [Fact]
    public void Read_InvalidUetr_ReportsFf01AndNoMessage()
    {
        var xml = Document(1, $"<TxInf><OrgnlUETR>8A562C67-CA16-48BA-B074-65581BE6F011X</OrgnlUETR>{Amount("100.00")}</TxInf>");

        var sut = IsoXml.Read(xml);

        Assert.Null(sut.Envelope);
        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInf[1]/OrgnlUETR", error.Path);
        Assert.Equal(StatusReasonCode.FF01, error.Reason);
    }

    [Theory]
    [InlineData("0.00", StatusReasonCode.AM01)]
    [InlineData("-5.00", StatusReasonCode.AM09)]
    public void Read_ReturnedAmountNotPositive_ReportsAmountError(string amount, StatusReasonCode expected)
    {
        var xml = Document(1, Transaction(Amount(amount)));

        var sut = IsoXml.Read(xml);

        Assert.Null(sut.Envelope);
        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInf[1]/RtrdIntrBkSttlmAmt", error.Path);
        Assert.Equal(expected, error.Reason);
    }

    [Fact]
    public void Read_OriginalAmountZero_ReportsAm01()
    {
        var xml = Document(1, Transaction("<OrgnlIntrBkSttlmAmt Ccy=\"USD\">0</OrgnlIntrBkSttlmAmt>" + Amount("100.00")));

        var sut = IsoXml.Read(xml);

        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInf[1]/OrgnlIntrBkSttlmAmt", error.Path);
        Assert.Equal(StatusReasonCode.AM01, error.Reason);
    }

    [Fact]
    public void Read_NbOfTxsDisagreesWithTransactions_ReportsFf01()
    {
        var xml = Document(3, Transaction(Amount("100.00")), Transaction(Amount("200.00")));

        var sut = IsoXml.Read(xml);

        Assert.Null(sut.Envelope);
        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/GrpHdr/NbOfTxs", error.Path);
        Assert.Equal(StatusReasonCode.FF01, error.Reason);
    }

    [Fact]
    public void Read_HeaderWithoutNbOfTxsAndSettlement_ReportsBothCh21()
    {
        var xml = $"""
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.004.001.09"><PmtRtr>
            <GrpHdr><MsgId>M1</MsgId><CreDtTm>2025-03-12T09:00:00Z</CreDtTm></GrpHdr>
            {Transaction(Amount("100.00"))}
            </PmtRtr></Document>
            """;

        var sut = IsoXml.Read(xml);

        Assert.Null(sut.Envelope);
        Assert.Equal(2, sut.Errors.Count);
        Assert.All(sut.Errors, e => Assert.Equal(StatusReasonCode.CH21, e.Reason));
        Assert.Contains(sut.Errors, e => e.Path == $"{Root}/GrpHdr/SttlmInf");
        Assert.Contains(sut.Errors, e => e.Path == $"{Root}/GrpHdr/NbOfTxs");
    }

    [Fact]
    public void Read_NoTransactions_ReportsCh21()
    {
        var xml = Document(0);

        var sut = IsoXml.Read(xml);

        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInf", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_ReturnReasonCodeTooLong_ReportsFf01AtCd()
    {
        var xml = Document(1, Transaction(Amount("100.00") + "<RtrRsnInf><Rsn><Cd>AC04X</Cd></Rsn></RtrRsnInf>"));

        var sut = IsoXml.Read(xml);

        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInf[1]/RtrRsnInf[1]/Rsn/Cd", error.Path);
        Assert.Equal(StatusReasonCode.FF01, error.Reason);
    }

    [Fact]
    public void Read_ReturnChain_SkippedWithWarning()
    {
        var xml = Document(1, Transaction(Amount("100.00") + "<RtrChain><Dbtr><Pty><Nm>Corporation B</Nm></Pty></Dbtr></RtrChain>"));

        var sut = IsoXml.Read(xml);

        Assert.True(sut.IsSuccess, Errors(sut));
        Assert.Contains($"{Root}/TxInf[1]/RtrChain", sut.Warnings);
    }

    private static string Amount(string value) => $"<RtrdIntrBkSttlmAmt Ccy=\"USD\">{value}</RtrdIntrBkSttlmAmt>";

    private static string Transaction(string inner) => $"<TxInf><OrgnlUETR>{Uetr}</OrgnlUETR>{inner}</TxInf>";

    private static string Document(int declaredCount, params string[] transactions) =>
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.004.001.10\"><PmtRtr>"
        + $"<GrpHdr><MsgId>M1</MsgId><CreDtTm>2025-03-12T09:00:00-04:00</CreDtTm><NbOfTxs>{declaredCount}</NbOfTxs>"
        + "<SttlmInf><SttlmMtd>CLRG</SttlmMtd><ClrSys><Cd>FDW</Cd></ClrSys></SttlmInf></GrpHdr>"
        + string.Concat(transactions)
        + "</PmtRtr></Document>";
}
