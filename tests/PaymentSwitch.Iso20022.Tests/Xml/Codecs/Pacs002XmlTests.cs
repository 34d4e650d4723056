using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;
using static PaymentSwitch.Iso20022.Tests.Xml.Codecs.PacsSamples;

namespace PaymentSwitch.Iso20022.Tests.Xml.Codecs;

public sealed class Pacs002XmlTests
{
    private const string Root = "/Document/FIToFIPmtStsRpt";

    public static TheoryData<MessageVersion> Versions => new() { MessageVersion.Pacs002V10, MessageVersion.Pacs002V12 };

    private static PaymentStatusReport Report() => new()
    {
        GroupHeader = new GroupHeader
        {
            MessageId = "PSW20250310STS0000001",
            CreationDateTime = Created,
            InstructingAgent = SwitchAgent,
            InstructedAgent = DebtorAgent,
        },
        OriginalGroups = ValueList<OriginalGroupStatus>.Of(new OriginalGroupStatus
        {
            Original = OriginalPacs008,
            GroupStatus = TransactionStatus.PDNG,
            StatusReasons = ValueList<ReasonInformation>.Of(Reason("NARR", "One of two transactions is still pending.")),
        }),
        Transactions = ValueList<TransactionStatusInformation>.Of(
            new TransactionStatusInformation
            {
                StatusId = "STS-0001",
                OriginalGroup = OriginalPacs008,
                OriginalInstructionId = "INSTR-0001",
                OriginalEndToEndId = "E2E-INV-2025-0042",
                OriginalTransactionId = "TX-0001",
                OriginalUetr = PaymentUetr,
                Status = TransactionStatus.ACCC,
                AcceptanceDateTime = Created,
                ClearingSystemReference = "NXS-7781",
                InstructingAgent = SwitchAgent,
                InstructedAgent = DebtorAgent,
                OriginalTransactionReference = FullReference,
            },
            new TransactionStatusInformation
            {
                OriginalEndToEndId = "E2E-INV-2025-0043",
                OriginalUetr = SecondUetr,
                Status = TransactionStatus.RJCT,
                StatusReasons = ValueList<ReasonInformation>.Of(
                    ReasonInformation.FromCode(StatusReasonCode.AC04, "Creditor account closed."),
                    new ReasonInformation { Reason = CodeOrProprietary.FromProprietary("NEXUS-TIMEOUT") }),
            }),
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void Write_FullReport_RoundTripsEqual(MessageVersion version)
    {
        var sut = Report();

        var (xml, read) = RoundTrip(sut, version);

        Assert.True(read.IsSuccess, Errors(read) + Environment.NewLine + xml);
        Assert.Equal(version, read.Envelope!.Version);
        Assert.Equal(sut, read.Envelope.Message);
        Assert.True(read.Warnings.IsEmpty, string.Join(", ", read.Warnings));
    }

    [SkippableTheory]
    [MemberData(nameof(Versions))]
    public void Write_FullReport_ValidatesAgainstOfficialSchema(MessageVersion version)
    {
        var sut = Report();

        var xml = IsoXml.Write(sut, version);

        AssertSchemaValid(xml, version);
    }

    [SkippableTheory]
    [MemberData(nameof(Versions))]
    public void Write_MinimalReport_ValidatesAndRoundTrips(MessageVersion version)
    {
        var sut = new PaymentStatusReport
        {
            GroupHeader = new GroupHeader { MessageId = "M1", CreationDateTime = Created },
            Transactions = ValueList<TransactionStatusInformation>.Of(new TransactionStatusInformation { OriginalUetr = PaymentUetr, Status = TransactionStatus.ACSP }),
        };

        var (xml, read) = RoundTrip(sut, version);

        Assert.Equal(sut, read.Envelope?.Message);
        AssertSchemaValid(xml, version);
    }

    [Fact]
    public void WriteDetailed_HeaderWithSettlementFields_OmitsThemAndSaysSo()
    {
        var sut = Report() with
        {
            GroupHeader = Report().GroupHeader with
            {
                Settlement = new SettlementInformation { Method = SettlementMethod.CLRG },
                InterbankSettlementDate = new DateOnly(2025, 3, 10),
            },
        };

        var result = IsoXml.WriteDetailed(sut, MessageVersion.Pacs002V10);

        Assert.DoesNotContain("SttlmInf>", result.Xml.Split("<TxInfAndSts>")[0], StringComparison.Ordinal);
        Assert.Contains(result.Omitted, o => o.Contains("/GrpHdr/SttlmInf (", StringComparison.Ordinal));
        Assert.Contains(result.Omitted, o => o.Contains("/GrpHdr/IntrBkSttlmDt (", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void WriteDetailed_AccountWithoutIdInV10_OmitsItAndStaysValid()
    {
        // CashAccount40 (pacs.002.001.12) allows an account known only by its proxy; CashAccount38 (.10) requires Id.
        var proxyOnly = new Account { Proxy = new Proxy { Type = CodeOrProprietary.FromCode("TELE"), Id = "+6591234567" } };
        var report = Report();
        var first = report.Transactions[0];
        var sut = report with
        {
            Transactions = ValueList<TransactionStatusInformation>.Of(
                first with { OriginalTransactionReference = FullReference with { CreditorAccount = proxyOnly } },
                report.Transactions[1]),
        };

        var v12 = IsoXml.WriteDetailed(sut, MessageVersion.Pacs002V12);
        var v10 = IsoXml.WriteDetailed(sut, MessageVersion.Pacs002V10);

        Assert.True(v12.Omitted.IsEmpty, string.Join(", ", v12.Omitted));
        Assert.Equal(sut, IsoXml.Read(v12.Xml).Envelope?.Message);
        var omitted = Assert.Single(v10.Omitted);
        Assert.Contains("/OrgnlTxRef/CdtrAcct (no Id", omitted, StringComparison.Ordinal);
        AssertSchemaValid(v12.Xml, MessageVersion.Pacs002V12);
        AssertSchemaValid(v10.Xml, MessageVersion.Pacs002V10);
    }

    [SkippableFact]
    public void Read_FedwireSamples_ReadWithoutErrors()
    {
        var problems = ReadFedwireSamples("pacs.002", MessageKind.Pacs002);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Read_SecondTransactionOriginalGroupWithoutName_ReportsCh21AtItsPath()
    {
        var xml = Document(
            Transaction("<OrgnlUETR>8a562c67-ca16-48ba-b074-65581be6f011</OrgnlUETR><TxSts>ACSC</TxSts>"),
            Transaction("<OrgnlGrpInf><OrgnlMsgId>M0</OrgnlMsgId></OrgnlGrpInf><OrgnlEndToEndId>E2E</OrgnlEndToEndId><TxSts>RJCT</TxSts>"));

        var sut = IsoXml.Read(xml);

        Assert.Null(sut.Envelope);
        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInfAndSts[2]/OrgnlGrpInf/OrgnlMsgNmId", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_OriginalSettlementWithoutMethod_ReportsCh21AtItsPath()
    {
        var xml = Document(Transaction(
            "<OrgnlUETR>8a562c67-ca16-48ba-b074-65581be6f011</OrgnlUETR><TxSts>ACSC</TxSts><OrgnlTxRef><SttlmInf><ClrSys><Cd>FDW</Cd></ClrSys></SttlmInf></OrgnlTxRef>"));

        var sut = IsoXml.Read(xml);

        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInfAndSts[1]/OrgnlTxRef/SttlmInf/SttlmMtd", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_TransactionWithoutUetrAndStatus_ReadsThemAsAbsent()
    {
        // Both are optional in the schema and the model; CBPR+ requires them, and that is the hub's rule, not the codec's.
        var xml = Document(Transaction("<OrgnlEndToEndId>E2E</OrgnlEndToEndId>"));

        var sut = IsoXml.Read(xml);

        Assert.True(sut.IsSuccess, Errors(sut));
        var transaction = Assert.Single(((PaymentStatusReport)sut.Envelope!.Message).Transactions);
        Assert.Null(transaction.OriginalUetr);
        Assert.Null(transaction.Status);
        Assert.Equal("E2E", transaction.OriginalEndToEndId);
    }

    [Theory]
    [InlineData("PART")]
    [InlineData("acsc")]
    [InlineData("XXXX")]
    public void Read_UnknownTransactionStatus_ReportsFf01Only(string code)
    {
        var xml = Document(Transaction($"<OrgnlUETR>8a562c67-ca16-48ba-b074-65581be6f011</OrgnlUETR><TxSts>{code}</TxSts>"));

        var sut = IsoXml.Read(xml);

        Assert.Null(sut.Envelope);
        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInfAndSts[1]/TxSts", error.Path);
        Assert.Equal(StatusReasonCode.FF01, error.Reason);
    }

    [Fact]
    public void Read_UnknownGroupStatus_ReportsFf01()
    {
        var xml = Document("<OrgnlGrpInfAndSts><OrgnlMsgId>M0</OrgnlMsgId><OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId><GrpSts>RCVD</GrpSts></OrgnlGrpInfAndSts>");

        var sut = IsoXml.Read(xml);

        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/OrgnlGrpInfAndSts[1]/GrpSts", error.Path);
        Assert.Equal(StatusReasonCode.FF01, error.Reason);
    }

    [Fact]
    public void Read_GroupStatusWithoutOriginalMessageName_ReportsCh21()
    {
        var xml = Document("<OrgnlGrpInfAndSts><OrgnlMsgId>M0</OrgnlMsgId><GrpSts>RJCT</GrpSts></OrgnlGrpInfAndSts>");

        var sut = IsoXml.Read(xml);

        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/OrgnlGrpInfAndSts[1]/OrgnlMsgNmId", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_TransactionOriginalGroupWithoutMessageId_ReportsCh21()
    {
        var xml = Document(Transaction(
            "<OrgnlGrpInf><OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId></OrgnlGrpInf><OrgnlUETR>8a562c67-ca16-48ba-b074-65581be6f011</OrgnlUETR><TxSts>ACSC</TxSts>"));

        var sut = IsoXml.Read(xml);

        Assert.Null(sut.Envelope);
        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInfAndSts[1]/OrgnlGrpInf/OrgnlMsgId", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_NoGroupHeader_ReportsCh21()
    {
        const string xml = """
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10"><FIToFIPmtStsRpt>
            <TxInfAndSts><OrgnlUETR>8a562c67-ca16-48ba-b074-65581be6f011</OrgnlUETR><TxSts>ACSC</TxSts></TxInfAndSts>
            </FIToFIPmtStsRpt></Document>
            """;

        var sut = IsoXml.Read(xml);

        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/GrpHdr", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_HeaderOnly_ReportsCh21ForTransactions()
    {
        var xml = Document();

        var sut = IsoXml.Read(xml);

        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInfAndSts", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_InvalidUetr_ReportsOneErrorNotAlsoMissing()
    {
        var xml = Document(Transaction("<OrgnlUETR>not-a-uuid</OrgnlUETR><TxSts>ACSC</TxSts>"));

        var sut = IsoXml.Read(xml);

        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInfAndSts[1]/OrgnlUETR", error.Path);
        Assert.NotEqual(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_UnmodelledElements_SkippedWithWarnings()
    {
        var xml = Document(Transaction(
            "<OrgnlUETR>8a562c67-ca16-48ba-b074-65581be6f011</OrgnlUETR><TxSts>ACSC</TxSts><FctvIntrBkSttlmDt><Dt>2025-03-10</Dt></FctvIntrBkSttlmDt>"));

        var sut = IsoXml.Read(xml);

        Assert.True(sut.IsSuccess, Errors(sut));
        Assert.Contains($"{Root}/TxInfAndSts[1]/FctvIntrBkSttlmDt", sut.Warnings);
    }

    private static string Transaction(string inner) => $"<TxInfAndSts>{inner}</TxInfAndSts>";

    private static string Document(params string[] parts) =>
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10\"><FIToFIPmtStsRpt>"
        + "<GrpHdr><MsgId>M1</MsgId><CreDtTm>2025-03-10T09:00:02-04:00</CreDtTm></GrpHdr>"
        + string.Concat(parts)
        + "</FIToFIPmtStsRpt></Document>";
}
