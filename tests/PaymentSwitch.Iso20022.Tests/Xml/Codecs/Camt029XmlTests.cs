using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;
using PaymentSwitch.TestKit;
using static PaymentSwitch.Iso20022.Tests.Xml.Codecs.InvestigationSamples;

namespace PaymentSwitch.Iso20022.Tests.Xml.Codecs;

public sealed class Camt029XmlTests
{
    private const string Root = "/Document/RsltnOfInvstgtn";

    private static readonly string ValidAssignment =
        $"<Assgnmt><Id>KASIRES1</Id><Assgnr>{AgentXml("KASITHBKXXX")}</Assgnr><Assgne>{AgentXml("DBSSSGSGXXX")}</Assgne>"
        + "<CreDtTm>2025-03-12T10:41:30+07:00</CreDtTm></Assgnmt>";

    private static IsoReadResult Read(string body) => IsoXml.Read(Document(MessageVersion.Camt029V09, $"<RsltnOfInvstgtn>{body}</RsltnOfInvstgtn>"));

    public static TheoryData<string> FedwireCamt029Samples => new()
    {
        "FedwireFundsAcknowledgement_Scenario2_Step3_camt.029.xml",
        "FedwireFundsAcknowledgement_Scenario2_Step3b_camt.029.xml",
        "Paymentreturn_Scenario1_Step3_camt.029.xml",
        "Paymentreturn_Scenario2_Step3_camt.029.xml",
        "Paymentreturn_Scenario3_Step3_camt.029.xml",
    };

    [SkippableFact]
    public void Write_CancelledAndAccepted_RoundTripsAndValidates()
    {
        var sut = Cancelled();

        var read = RoundTrip(sut, MessageVersion.Camt029V09);

        Assert.Equal(sut, read);
    }

    [SkippableFact]
    public void Write_RejectedWithReasonCode_RoundTripsAndValidates()
    {
        var transaction = Cancelled().Transactions[0] with
        {
            TransactionCancellationStatus = "RJCR",
            CancellationStatusReasons = ValueList<ReasonInformation>.Of(new ReasonInformation
            {
                Reason = CodeOrProprietary.FromCode("CUST"),
                AdditionalInformation = ValueList<string>.Of("Beneficiary refused to return the funds."),
            }),
            OriginalTransactionReference = null,
        };
        var sut = Cancelled() with { StatusConfirmation = "RJCR", Transactions = ValueList<CancellationStatusTransaction>.Of(transaction) };

        var read = RoundTrip(sut, MessageVersion.Camt029V09);

        Assert.Equal(sut, read);
    }

    [SkippableFact]
    public void Write_StatusOnly_OmitsCxlDtlsAndRoundTrips()
    {
        var sut = Cancelled() with { ResolvedCase = null, OriginalGroup = null, Transactions = default };

        var read = RoundTrip(sut, MessageVersion.Camt029V09);

        Assert.Equal(sut, read);
        Assert.DoesNotContain("CxlDtls", IsoXml.Write(sut, MessageVersion.Camt029V09), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Cancelled_PutsClearingReferenceBeforeUetrAsPaymentTransaction102Requires()
    {
        var sut = IsoXml.Write(Cancelled(), MessageVersion.Camt029V09);

        Assert.True(sut.IndexOf("<OrgnlClrSysRef>", StringComparison.Ordinal) < sut.IndexOf("<OrgnlUETR>", StringComparison.Ordinal));
        Assert.Contains("<Sts><Conf>CNCL</Conf></Sts>", sut, StringComparison.Ordinal);
        Assert.Contains("<TxCxlSts>ACCR</TxCxlSts>", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithoutStatusConfirmation_Throws()
    {
        var sut = Cancelled() with { StatusConfirmation = null };

        Assert.Throws<InvalidOperationException>(() => IsoXml.Write(sut, MessageVersion.Camt029V09));
    }

    [SkippableTheory]
    [MemberData(nameof(FedwireCamt029Samples))]
    public void Read_FedwireSample_ReadsWithoutErrors(string file)
    {
        SharedFiles.RequireOrSkip();
        var xml = File.ReadAllText(Path.Combine(SharedFiles.FedwireSamplesDirectory, file));

        var sut = IsoXml.Read(xml);

        Assert.True(sut.IsSuccess, string.Join(Environment.NewLine, sut.Errors));
        Assert.Equal(MessageVersion.Camt029V09, sut.Envelope!.Version);
        var message = Assert.IsType<ResolutionOfInvestigation>(sut.Envelope.Message);
        Assert.NotNull(message.StatusConfirmation);
        Assert.Equal("USABA", message.Assignment.Assigner.Agent!.ClearingSystemMember!.ClearingSystem!.Value.Code);

        // What we read, we can write back valid.
        var written = IsoXml.Write(message, MessageVersion.Camt029V09);
        var schemaErrors = XsdValidator.Validate(written, MessageVersion.Camt029V09);
        Assert.True(schemaErrors.Count == 0, XsdValidator.Describe(schemaErrors));
        Assert.Equal(message, IsoXml.Read(written).Envelope?.Message);
    }

    [Fact]
    public void Read_MissingStatus_ReportsCh21()
    {
        var sut = Read(ValidAssignment);

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/Sts", StatusReasonCode.CH21);
    }

    [Fact]
    public void Read_EmptyStatus_ReportsCh21AtConf()
    {
        var sut = Read(ValidAssignment + "<Sts/>");

        AssertError(sut, $"{Root}/Sts/Conf", StatusReasonCode.CH21);
    }

    [Fact]
    public void Read_ConfirmationLongerThanFour_ReportsFf01()
    {
        var sut = Read(ValidAssignment + "<Sts><Conf>CANCELLED</Conf></Sts>");

        AssertError(sut, $"{Root}/Sts/Conf", StatusReasonCode.FF01);
    }

    [Fact]
    public void Read_DuplicateOfStatus_RefusedBecauseItCouldNotBeWrittenBack()
    {
        var sut = Read(ValidAssignment + $"<Sts><DplctOf><Id>CASE0</Id><Cretr>{AgentXml("DBSSSGSGXXX")}</Cretr></DplctOf></Sts>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/Sts/DplctOf", StatusReasonCode.FF01);
    }

    [Fact]
    public void Read_MissingAssignment_ReportsCh21()
    {
        var sut = Read("<Sts><Conf>CNCL</Conf></Sts>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/Assgnmt", StatusReasonCode.CH21);
    }

    [Fact]
    public void Read_ResolvedCaseWithoutId_ReportsCh21()
    {
        var sut = Read(ValidAssignment + $"<RslvdCase><Cretr>{AgentXml("DBSSSGSGXXX")}</Cretr></RslvdCase><Sts><Conf>CNCL</Conf></Sts>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/RslvdCase/Id", StatusReasonCode.CH21);
    }

    [Fact]
    public void Read_UnknownTransactionCancellationStatus_ReportsFf01AndNoMessage()
    {
        var sut = Read(ValidAssignment + "<Sts><Conf>CNCL</Conf></Sts><CxlDtls><TxInfAndSts><TxCxlSts>DONE</TxCxlSts></TxInfAndSts></CxlDtls>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/CxlDtls[1]/TxInfAndSts[1]/TxCxlSts", StatusReasonCode.FF01);
    }

    [Fact]
    public void Read_TwoCancellationDetails_ReportsFf01AtTheSecond()
    {
        var sut = Read(ValidAssignment + "<Sts><Conf>CNCL</Conf></Sts><CxlDtls/><CxlDtls/>");

        Assert.Null(sut.Envelope);
        AssertError(sut, $"{Root}/CxlDtls[2]", StatusReasonCode.FF01);
    }

    [Fact]
    public void Read_StatusReasonCodeLongerThanFour_ReportsFf01AtCd()
    {
        var sut = Read(ValidAssignment + "<Sts><Conf>RJCR</Conf></Sts><CxlDtls><TxInfAndSts><TxCxlSts>RJCR</TxCxlSts>"
            + "<CxlStsRsnInf><Rsn><Cd>NOT_ALLOWED</Cd></Rsn></CxlStsRsnInf></TxInfAndSts></CxlDtls>");

        AssertError(sut, $"{Root}/CxlDtls[1]/TxInfAndSts[1]/CxlStsRsnInf[1]/Rsn/Cd", StatusReasonCode.FF01);
    }
}
