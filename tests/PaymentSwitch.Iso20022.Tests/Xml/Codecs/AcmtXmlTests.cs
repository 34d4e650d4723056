using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;
using static PaymentSwitch.Iso20022.Tests.Xml.Codecs.InvestigationSamples;

namespace PaymentSwitch.Iso20022.Tests.Xml.Codecs;

public sealed class AcmtXmlTests
{
    private const string RequestRoot = "/Document/IdVrfctnReq";
    private const string ReportRoot = "/Document/IdVrfctnRpt";

    private static readonly string ValidAssignment =
        $"<Assgnmt><MsgId>DBSVRF1</MsgId><CreDtTm>2025-03-12T09:57:58.25+08:00</CreDtTm><Assgnr>{AgentXml("DBSSSGSGXXX")}</Assgnr>"
        + $"<Assgne>{AgentXml("OCBCSGSGXXX")}</Assgne></Assgnmt>";

    private const string ProxyXml = "<PtyAndAcctId><Acct><Prxy><Tp><Cd>TELE</Cd></Tp><Id>+6591234567</Id></Prxy></Acct></PtyAndAcctId>";

    private static IsoReadResult ReadRequest(string body) => IsoXml.Read(Document(MessageVersion.Acmt023V03, $"<IdVrfctnReq>{body}</IdVrfctnReq>"));

    private static IsoReadResult ReadReport(string body) => IsoXml.Read(Document(MessageVersion.Acmt024V03, $"<IdVrfctnRpt>{body}</IdVrfctnRpt>"));

    [SkippableFact]
    public void Write_PayNowMobileProxyLookup_RoundTripsAndValidates()
    {
        var sut = ProxyLookup();

        var read = RoundTrip(sut, MessageVersion.Acmt023V03);

        Assert.Equal(sut, read);
    }

    [Fact]
    public void Write_PayNowMobileProxyLookup_WritesAssignmentInIdentificationAssignment3Order()
    {
        var sut = IsoXml.Write(ProxyLookup(), MessageVersion.Acmt023V03);

        Assert.Contains("<Assgnmt><MsgId>DBSVRF20250312000311</MsgId><CreDtTm>2025-03-12T09:57:58.25+08:00</CreDtTm><Assgnr>", sut, StringComparison.Ordinal);
        Assert.Contains("<Acct><Prxy><Tp><Cd>TELE</Cd></Tp><Id>+6591234567</Id></Prxy></Acct>", sut, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Write_ProxyResolvedToAccountAndName_RoundTripsAndValidates()
    {
        var sut = ProxyResolved();

        var read = RoundTrip(sut, MessageVersion.Acmt024V03);

        Assert.Equal(sut, read);
        Assert.Equal("TAN AH KOW", read.Reports[0].UpdatedPartyAndAccount!.Party!.Name);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Write_UnknownProxyNotVerifiedWithBe23_RoundTripsAndValidates(bool asCode)
    {
        var reason = asCode ? CodeOrProprietary.FromCode("BE23") : CodeOrProprietary.FromProprietary("BE23");
        var report = ProxyResolved().Reports[0] with { Verified = false, Reason = reason, UpdatedPartyAndAccount = null };
        var sut = ProxyResolved() with
        {
            OriginalAssignmentCreationDateTime = null,
            Reports = ValueList<VerificationResult>.Of(report),
        };

        var read = RoundTrip(sut, MessageVersion.Acmt024V03);

        Assert.Equal(sut, read);
        Assert.False(read.Reports[0].Verified);
        Assert.Equal(reason, read.Reports[0].Reason);
    }

    [SkippableFact]
    public void Write_ReportWithoutOriginalAssignment_OmitsOrgnlAssgnmtAndRoundTrips()
    {
        var sut = ProxyResolved() with { OriginalAssignmentMessageId = null, OriginalAssignmentCreationDateTime = null };

        var read = RoundTrip(sut, MessageVersion.Acmt024V03);

        Assert.Equal(sut, read);
        Assert.DoesNotContain("OrgnlAssgnmt", IsoXml.Write(sut, MessageVersion.Acmt024V03), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRequest_HandWrittenLookup_MapsProxy()
    {
        var sut = ReadRequest(ValidAssignment + $"<Vrfctn><Id>V1</Id>{ProxyXml}</Vrfctn>");

        Assert.True(sut.IsSuccess, string.Join(Environment.NewLine, sut.Errors));
        var message = Assert.IsType<IdentificationVerificationRequest>(sut.Envelope!.Message);
        Assert.Equal("DBSVRF1", message.Assignment.Id);
        Assert.Equal(MobileProxy, message.Verifications[0].PartyAndAccount.Account);
    }

    [Fact]
    public void ReadRequest_AssignmentWithCamtId_ReportsCh21AtMsgId()
    {
        var sut = ReadRequest(ValidAssignment.Replace("MsgId>", "Id>", StringComparison.Ordinal) + $"<Vrfctn><Id>V1</Id>{ProxyXml}</Vrfctn>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{RequestRoot}/Assgnmt/MsgId", StatusReasonCode.CH21);
    }

    [Fact]
    public void ReadRequest_AssignmentWithoutAssignee_ReportsCh21AtAssgne()
    {
        var sut = ReadRequest(
            $"<Assgnmt><MsgId>X</MsgId><CreDtTm>2025-03-12T09:57:58Z</CreDtTm><Assgnr>{AgentXml("DBSSSGSGXXX")}</Assgnr></Assgnmt><Vrfctn><Id>V1</Id>{ProxyXml}</Vrfctn>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{RequestRoot}/Assgnmt/Assgne", StatusReasonCode.CH21);
    }

    [Fact]
    public void ReadRequest_NoVerification_ReportsCh21()
    {
        var sut = ReadRequest(ValidAssignment);

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{RequestRoot}/Vrfctn", StatusReasonCode.CH21);
    }

    [Fact]
    public void ReadRequest_VerificationWithoutPartyAndAccount_ReportsCh21AtItsIndex()
    {
        var sut = ReadRequest(ValidAssignment + $"<Vrfctn><Id>V1</Id>{ProxyXml}</Vrfctn><Vrfctn><Id>V2</Id></Vrfctn>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{RequestRoot}/Vrfctn[2]/PtyAndAcctId", StatusReasonCode.CH21);
    }

    [Fact]
    public void ReadRequest_ProxyWithoutId_ReportsCh21AtPrxyId()
    {
        var sut = ReadRequest(ValidAssignment + "<Vrfctn><Id>V1</Id><PtyAndAcctId><Acct><Prxy><Tp><Cd>TELE</Cd></Tp></Prxy></Acct></PtyAndAcctId></Vrfctn>");

        AssertError(sut, $"{RequestRoot}/Vrfctn[1]/PtyAndAcctId/Acct/Prxy/Id", StatusReasonCode.CH21);
    }

    [Fact]
    public void ReadRequest_ProxyTypeLongerThanFour_ReportsFf01()
    {
        var sut = ReadRequest(ValidAssignment + "<Vrfctn><Id>V1</Id><PtyAndAcctId><Acct><Prxy><Tp><Cd>MOBILE</Cd></Tp><Id>+6591234567</Id></Prxy></Acct></PtyAndAcctId></Vrfctn>");

        AssertError(sut, $"{RequestRoot}/Vrfctn[1]/PtyAndAcctId/Acct/Prxy/Tp/Cd", StatusReasonCode.FF01);
    }

    [Fact]
    public void ReadReport_UnknownProxy_ReadsNotVerifiedWithReason()
    {
        var sut = ReadReport(ValidAssignment + "<OrgnlAssgnmt><MsgId>DBSVRF1</MsgId></OrgnlAssgnmt>"
            + $"<Rpt><OrgnlId>V1</OrgnlId><Vrfctn>false</Vrfctn><Rsn><Cd>BE23</Cd></Rsn><OrgnlPtyAndAcctId><Acct><Prxy><Id>+6599999999</Id></Prxy></Acct></OrgnlPtyAndAcctId></Rpt>");

        Assert.True(sut.IsSuccess, string.Join(Environment.NewLine, sut.Errors));
        var message = Assert.IsType<IdentificationVerificationReport>(sut.Envelope!.Message);
        Assert.Equal("DBSVRF1", message.OriginalAssignmentMessageId);
        Assert.Null(message.OriginalAssignmentCreationDateTime);
        var report = Assert.Single(message.Reports.AsSpan().ToArray());
        Assert.False(report.Verified);
        Assert.Equal(CodeOrProprietary.FromCode("BE23"), report.Reason);
        Assert.Equal("+6599999999", report.OriginalPartyAndAccount!.Account!.Proxy!.Id);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("TRUE")]
    [InlineData("2")]
    public void ReadReport_VerificationNotBoolean_ReportsFf01AndNoMessage(string value)
    {
        var sut = ReadReport(ValidAssignment + $"<Rpt><OrgnlId>V1</OrgnlId><Vrfctn>{value}</Vrfctn></Rpt>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{ReportRoot}/Rpt[1]/Vrfctn", StatusReasonCode.FF01);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData(" true ", true)]
    public void ReadReport_VerificationXsBooleanLexicalForms_Accepted(string value, bool expected)
    {
        var sut = ReadReport(ValidAssignment + $"<Rpt><OrgnlId>V1</OrgnlId><Vrfctn>{value}</Vrfctn></Rpt>");

        Assert.True(sut.IsSuccess, string.Join(Environment.NewLine, sut.Errors));
        Assert.Equal(expected, Assert.IsType<IdentificationVerificationReport>(sut.Envelope!.Message).Reports[0].Verified);
    }

    [Fact]
    public void ReadReport_MissingVerificationAndOriginalId_ReportsCh21ForBoth()
    {
        var sut = ReadReport(ValidAssignment + "<Rpt><Rsn><Prtry>BE23</Prtry></Rsn></Rpt>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{ReportRoot}/Rpt[1]/OrgnlId", StatusReasonCode.CH21);
        AssertError(sut, $"{ReportRoot}/Rpt[1]/Vrfctn", StatusReasonCode.CH21);
    }

    [Fact]
    public void ReadReport_NoReport_ReportsCh21()
    {
        var sut = ReadReport(ValidAssignment);

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{ReportRoot}/Rpt", StatusReasonCode.CH21);
    }

    [Fact]
    public void ReadReport_MissingAssignment_ReportsCh21()
    {
        var sut = ReadReport("<Rpt><OrgnlId>V1</OrgnlId><Vrfctn>true</Vrfctn></Rpt>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{ReportRoot}/Assgnmt", StatusReasonCode.CH21);
    }

    [Fact]
    public void ReadReport_ReasonCodeLongerThanFour_ReportsFf01AtCd()
    {
        var sut = ReadReport(ValidAssignment + "<Rpt><OrgnlId>V1</OrgnlId><Vrfctn>false</Vrfctn><Rsn><Cd>BE230</Cd></Rsn></Rpt>");

        AssertError(sut, $"{ReportRoot}/Rpt[1]/Rsn/Cd", StatusReasonCode.FF01);
    }

    [Fact]
    public void ReadReport_ReasonWithBothCodeAndProprietary_ReportsFf01AtRsn()
    {
        var sut = ReadReport(ValidAssignment + "<Rpt><OrgnlId>V1</OrgnlId><Vrfctn>false</Vrfctn><Rsn><Cd>BE23</Cd><Prtry>BE23</Prtry></Rsn></Rpt>");

        AssertError(sut, $"{ReportRoot}/Rpt[1]/Rsn", StatusReasonCode.FF01);
    }
}
