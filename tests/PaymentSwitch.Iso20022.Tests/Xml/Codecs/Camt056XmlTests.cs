using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;
using static PaymentSwitch.Iso20022.Tests.Xml.Codecs.InvestigationSamples;

namespace PaymentSwitch.Iso20022.Tests.Xml.Codecs;

public sealed class Camt056XmlTests
{
    private const string Root = "/Document/FIToFIPmtCxlReq";

    private static readonly string ValidAssignment =
        $"<Assgnmt><Id>DBSCXL1</Id><Assgnr>{AgentXml("DBSSSGSGXXX")}</Assgnr><Assgne>{AgentXml("KASITHBKXXX")}</Assgne>"
        + "<CreDtTm>2025-03-12T10:15:00+08:00</CreDtTm></Assgnmt>";

    private static IsoReadResult Read(string body) => IsoXml.Read(Document(MessageVersion.Camt056V08, $"<FIToFIPmtCxlReq>{body}</FIToFIPmtCxlReq>"));

    [SkippableFact]
    public void Write_RecallOfSgdToThbPayment_RoundTripsAndValidates()
    {
        var sut = Recall();

        var read = RoundTrip(sut, MessageVersion.Camt056V08);

        Assert.Equal(sut, read);
    }

    [SkippableFact]
    public void Write_MinimalRecall_WritesMandatoryUndrlygAndRoundTrips()
    {
        var sut = Recall() with { Case = null, OriginalGroup = null, Transactions = default };

        var read = RoundTrip(sut, MessageVersion.Camt056V08);

        Assert.Equal(sut, read);
        Assert.Contains("<Undrlyg />", IsoXml.Write(sut, MessageVersion.Camt056V08), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Recall_PutsElementsInSchemaOrder()
    {
        var sut = IsoXml.Write(Recall(), MessageVersion.Camt056V08);

        // PaymentTransaction106: OrgnlUETR before OrgnlClrSysRef, CxlRsnInf before OrgnlTxRef.
        Assert.True(sut.IndexOf("<OrgnlUETR>", StringComparison.Ordinal) < sut.IndexOf("<OrgnlClrSysRef>", StringComparison.Ordinal));
        Assert.True(sut.IndexOf("<CxlRsnInf>", StringComparison.Ordinal) < sut.IndexOf("<OrgnlTxRef>", StringComparison.Ordinal));
        Assert.Contains("<Rsn><Cd>DUPL</Cd></Rsn>", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HandWrittenRecall_MapsEveryModelledField()
    {
        var sut = Read(
            ValidAssignment
            + $"<Case><Id>CASE1</Id><Cretr>{AgentXml("DBSSSGSGXXX")}</Cretr><ReopCaseIndctn>false</ReopCaseIndctn></Case>"
            + "<Undrlyg><OrgnlGrpInfAndCxl><OrgnlMsgId>M1</OrgnlMsgId><OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId></OrgnlGrpInfAndCxl>"
            + "<TxInf><CxlId>C1</CxlId><OrgnlEndToEndId>E2E1</OrgnlEndToEndId><OrgnlUETR>e3b0c442-98fc-4c14-9afb-f4c8996fb924</OrgnlUETR>"
            + "<OrgnlIntrBkSttlmAmt Ccy=\"THB\">25612.34</OrgnlIntrBkSttlmAmt>"
            + "<Assgnr><FinInstnId><BICFI>DBSSSGSGXXX</BICFI></FinInstnId></Assgnr>"
            + "<CxlRsnInf><Rsn><Cd>DUPL</Cd></Rsn></CxlRsnInf><CxlRsnInf><Rsn><Prtry>CUSTOMER ASKED</Prtry></Rsn></CxlRsnInf></TxInf></Undrlyg>");

        Assert.True(sut.Errors.IsEmpty, string.Join(Environment.NewLine, sut.Errors));
        var message = Assert.IsType<CancellationRequest>(sut.Envelope!.Message);
        Assert.Equal("DBSCXL1", message.Assignment.Id);
        Assert.Equal("CASE1", message.Case!.Id);
        Assert.Equal("M1", message.OriginalGroup!.OriginalMessageId);
        var transaction = Assert.Single(message.Transactions.AsSpan().ToArray());
        Assert.Equal(PaymentUetr, transaction.OriginalUetr);
        Assert.Equal(SettledThb, transaction.OriginalInterbankSettlementAmount);
        Assert.Equal(CodeOrProprietary.FromCode("DUPL"), transaction.CancellationReasons[0].Reason);
        Assert.Equal(CodeOrProprietary.FromProprietary("CUSTOMER ASKED"), transaction.CancellationReasons[1].Reason);

        // Per-transaction assigner agents and the reopen indicator are not modelled: skipped with a warning.
        Assert.Contains($"{Root}/Undrlyg[1]/TxInf[1]/Assgnr", sut.Warnings.AsSpan().ToArray());
        Assert.Contains($"{Root}/Case/ReopCaseIndctn", sut.Warnings.AsSpan().ToArray());
    }

    [Fact]
    public void Read_MissingAssignment_ReportsCh21()
    {
        var sut = Read("<Undrlyg/>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/Assgnmt", StatusReasonCode.CH21);
    }

    [Fact]
    public void Read_AssignmentWithoutCreationTime_ReportsCh21AtCreDtTm()
    {
        var sut = Read($"<Assgnmt><Id>X</Id><Assgnr>{AgentXml("DBSSSGSGXXX")}</Assgnr><Assgne>{AgentXml("KASITHBKXXX")}</Assgne></Assgnmt><Undrlyg/>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/Assgnmt/CreDtTm", StatusReasonCode.CH21);
        Assert.DoesNotContain(sut.Errors.AsSpan().ToArray(), e => e.Path == $"{Root}/Assgnmt");
    }

    [Fact]
    public void Read_AssignmentWithAcmtMsgId_ReportsCh21AtId()
    {
        var sut = Read(ValidAssignment.Replace("<Id>DBSCXL1</Id>", "<MsgId>DBSCXL1</MsgId>", StringComparison.Ordinal) + "<Undrlyg/>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/Assgnmt/Id", StatusReasonCode.CH21);
    }

    [Fact]
    public void Read_AssignerWithNeitherPartyNorAgent_ReportsCh21()
    {
        var sut = Read(ValidAssignment.Replace(AgentXml("DBSSSGSGXXX"), string.Empty, StringComparison.Ordinal) + "<Undrlyg/>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/Assgnmt/Assgnr/Pty", StatusReasonCode.CH21);
    }

    [Fact]
    public void Read_MissingUnderlying_ReportsCh21()
    {
        var sut = Read(ValidAssignment);

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/Undrlyg", StatusReasonCode.CH21);
    }

    [Fact]
    public void Read_TwoUnderlyings_ReportsFf01AtTheSecond()
    {
        var sut = Read(ValidAssignment + "<Undrlyg/><Undrlyg/>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/Undrlyg[2]", StatusReasonCode.FF01);
    }

    [Fact]
    public void Read_CaseWithoutCreator_ReportsCh21AtCretr()
    {
        var sut = Read(ValidAssignment + "<Case><Id>CASE1</Id></Case><Undrlyg/>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/Case/Cretr", StatusReasonCode.CH21);
    }

    [Fact]
    public void Read_OriginalGroupWithoutMessageName_ReportsCh21()
    {
        var sut = Read(ValidAssignment + "<Undrlyg><OrgnlGrpInfAndCxl><OrgnlMsgId>M1</OrgnlMsgId></OrgnlGrpInfAndCxl></Undrlyg>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/Undrlyg[1]/OrgnlGrpInfAndCxl/OrgnlMsgNmId", StatusReasonCode.CH21);
    }

    [Fact]
    public void Read_ReasonCodeLongerThanFour_ReportsFf01AtCd()
    {
        var sut = Read(ValidAssignment + "<Undrlyg><TxInf><CxlRsnInf><Rsn><Cd>DUPLICATE</Cd></Rsn></CxlRsnInf></TxInf></Undrlyg>");

        AssertError(sut, $"{Root}/Undrlyg[1]/TxInf[1]/CxlRsnInf[1]/Rsn/Cd", StatusReasonCode.FF01);
    }

    [Fact]
    public void Read_SecondTransactionWithEmptyOriginalGroup_ReportsCh21AtItsIndexAndNoMessage()
    {
        var sut = Read(ValidAssignment + "<Undrlyg><TxInf><CxlId>1</CxlId></TxInf><TxInf><CxlId>2</CxlId><OrgnlGrpInf/></TxInf></Undrlyg>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/Undrlyg[1]/TxInf[2]/OrgnlGrpInf/OrgnlMsgId", StatusReasonCode.CH21);
        AssertError(sut, $"{Root}/Undrlyg[1]/TxInf[2]/OrgnlGrpInf/OrgnlMsgNmId", StatusReasonCode.CH21);
    }

    [Fact]
    public void Read_UppercaseUetr_ReportsErrorAtOrgnlUetr()
    {
        var sut = Read(ValidAssignment + "<Undrlyg><TxInf><OrgnlUETR>E3B0C442-98FC-4C14-9AFB-F4C8996FB924</OrgnlUETR></TxInf></Undrlyg>");

        Assert.Contains(sut.Errors.AsSpan().ToArray(), e => e.Path == $"{Root}/Undrlyg[1]/TxInf[1]/OrgnlUETR");
    }
}
