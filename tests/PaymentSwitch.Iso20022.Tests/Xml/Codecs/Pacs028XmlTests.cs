using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;
using static PaymentSwitch.Iso20022.Tests.Xml.Codecs.PacsSamples;

namespace PaymentSwitch.Iso20022.Tests.Xml.Codecs;

public sealed class Pacs028XmlTests
{
    private const string Root = "/Document/FIToFIPmtStsReq";
    private const string Uetr = "8a562c67-ca16-48ba-b074-65581be6f011";

    private static PaymentStatusRequest Request() => new()
    {
        GroupHeader = new GroupHeader
        {
            MessageId = "DBS20250310STQ0000001",
            CreationDateTime = Created.AddMinutes(1),
            InstructingAgent = DebtorAgent,
            InstructedAgent = SwitchAgent,
        },
        OriginalGroups = ValueList<OriginalGroupInformation>.Of(
            OriginalPacs008,
            new OriginalGroupInformation { OriginalMessageId = "20250310B1QDRCQR000002", OriginalMessageNameId = "pacs.008.001.13" }),
        Transactions = ValueList<StatusRequestTransaction>.Of(
            new StatusRequestTransaction
            {
                StatusRequestId = "STQ-0001",
                OriginalGroup = OriginalPacs008,
                OriginalInstructionId = "INSTR-0001",
                OriginalEndToEndId = "E2E-INV-2025-0042",
                OriginalTransactionId = "TX-0001",
                OriginalUetr = PaymentUetr,
                AcceptanceDateTime = OriginalCreated,
                InstructingAgent = DebtorAgent,
                InstructedAgent = SwitchAgent,
                OriginalTransactionReference = FullReference,
            },
            new StatusRequestTransaction { OriginalUetr = SecondUetr }),
    };

    [Fact]
    public void Write_FullRequest_RoundTripsEqual()
    {
        var sut = Request();

        var (xml, read) = RoundTrip(sut, MessageVersion.Pacs028V03);

        Assert.True(read.IsSuccess, Errors(read) + Environment.NewLine + xml);
        Assert.Equal(MessageVersion.Pacs028V03, read.Envelope!.Version);
        Assert.Equal(sut, read.Envelope.Message);
        Assert.True(read.Warnings.IsEmpty, string.Join(", ", read.Warnings));
    }

    [SkippableFact]
    public void Write_FullRequest_ValidatesAgainstOfficialSchema()
    {
        var sut = Request();

        var xml = IsoXml.Write(sut, MessageVersion.Pacs028V03);

        AssertSchemaValid(xml, MessageVersion.Pacs028V03);
    }

    [Fact]
    public void WriteDetailed_HeaderWithTotalAmount_OmitsItAndSaysSo()
    {
        var sut = Request() with { GroupHeader = Request().GroupHeader with { TotalInterbankSettlementAmount = new Money(100, Currency.SGD) } };

        var result = IsoXml.WriteDetailed(sut, MessageVersion.Pacs028V03);

        Assert.DoesNotContain("TtlIntrBkSttlmAmt", result.Xml, StringComparison.Ordinal);
        var omitted = Assert.Single(result.Omitted);
        Assert.StartsWith("/Document/FIToFIPmtStsReq/GrpHdr/TtlIntrBkSttlmAmt (", omitted, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Read_FedwireSamples_ReadWithoutErrors()
    {
        var problems = ReadFedwireSamples("pacs.028", MessageKind.Pacs028);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Read_SecondTransactionOriginalGroupWithoutId_ReportsCh21AtItsPath()
    {
        var xml = Document(
            $"<TxInf><OrgnlUETR>{Uetr}</OrgnlUETR></TxInf>",
            "<TxInf><OrgnlGrpInf><OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId></OrgnlGrpInf><OrgnlEndToEndId>E2E</OrgnlEndToEndId></TxInf>");

        var sut = IsoXml.Read(xml);

        Assert.Null(sut.Envelope);
        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInf[2]/OrgnlGrpInf/OrgnlMsgId", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_AgentWithoutFinancialInstitution_ReportsCh21()
    {
        var xml = Document($"<TxInf><OrgnlUETR>{Uetr}</OrgnlUETR><InstgAgt><BrnchId><Id>1</Id></BrnchId></InstgAgt></TxInf>");

        var sut = IsoXml.Read(xml);

        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInf[1]/InstgAgt/FinInstnId", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_OriginalGroupWithoutMessageName_ReportsCh21()
    {
        var xml = Document("<OrgnlGrpInf><OrgnlMsgId>M0</OrgnlMsgId></OrgnlGrpInf>");

        var sut = IsoXml.Read(xml);

        Assert.Null(sut.Envelope);
        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/OrgnlGrpInf[1]/OrgnlMsgNmId", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_HeaderWithoutCreationTime_ReportsCh21()
    {
        var xml = $"""
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.028.001.03"><FIToFIPmtStsReq>
            <GrpHdr><MsgId>M1</MsgId></GrpHdr><TxInf><OrgnlUETR>{Uetr}</OrgnlUETR></TxInf>
            </FIToFIPmtStsReq></Document>
            """;

        var sut = IsoXml.Read(xml);

        Assert.Null(sut.Envelope);
        Assert.Contains(sut.Errors, e => e.Path == $"{Root}/GrpHdr/CreDtTm" && e.Reason == StatusReasonCode.CH21);
    }

    [Fact]
    public void Read_NothingAskedFor_ReportsCh21()
    {
        var xml = Document();

        var sut = IsoXml.Read(xml);

        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInf", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_OriginalAmountNegative_ReportsAm09()
    {
        var xml = Document($"<TxInf><OrgnlUETR>{Uetr}</OrgnlUETR><OrgnlTxRef><IntrBkSttlmAmt Ccy=\"SGD\">-1.00</IntrBkSttlmAmt></OrgnlTxRef></TxInf>");

        var sut = IsoXml.Read(xml);

        var error = Assert.Single(sut.Errors);
        Assert.Equal($"{Root}/TxInf[1]/OrgnlTxRef/IntrBkSttlmAmt", error.Path);
        Assert.Equal(StatusReasonCode.AM09, error.Reason);
    }

    [Fact]
    public void Read_UnmodelledGroupTotals_SkippedWithWarnings()
    {
        var xml = Document("<OrgnlGrpInf><OrgnlMsgId>M0</OrgnlMsgId><OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId><OrgnlNbOfTxs>1</OrgnlNbOfTxs></OrgnlGrpInf>");

        var sut = IsoXml.Read(xml);

        Assert.True(sut.IsSuccess, Errors(sut));
        Assert.Contains($"{Root}/OrgnlGrpInf[1]/OrgnlNbOfTxs", sut.Warnings);
    }

    private static string Document(params string[] parts) =>
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.028.001.03\"><FIToFIPmtStsReq>"
        + "<GrpHdr><MsgId>M1</MsgId><CreDtTm>2025-03-10T09:01:00-04:00</CreDtTm></GrpHdr>"
        + string.Concat(parts)
        + "</FIToFIPmtStsReq></Document>";
}
