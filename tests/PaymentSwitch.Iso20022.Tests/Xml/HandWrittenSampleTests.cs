using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Iso20022.Tests.Xml;

/// <summary>
/// Documents written by hand (not by PaymentSwitch's writer) in <c>tests/PaymentSwitch.Iso20022.Tests/Samples</c>,
/// covering what the Fedwire samples do not: pacs.008.001.13 as Nexus uses it, pacs.002.001.12, pacs.004.001.09,
/// camt.056, acmt.023/024, and a header in the BizMsg wrapper. Each is first checked against the official schema,
/// so a failure here is the reader's, not the sample's.
/// </summary>
public sealed class HandWrittenSampleTests
{
    private static readonly DateTimeOffset NexusAcceptance = new(2025, 3, 12, 10, 15, 29, 875, TimeSpan.FromHours(8));

    private static readonly Uetr NexusUetr = Uetr.Parse("5d3f6a1e-8c2b-4f7a-9e1d-2b7c4a9f0e13");

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(SamplesDirectory(), "*.xml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Samples))]
    public void Read_HandWrittenSample_SucceedsAndRewritesSchemaValid(string fileName)
    {
        SharedFiles.RequireOrSkip();
        var xml = Load(fileName);
        var sampleErrors = XsdValidator.Validate(xml);
        Assert.True(sampleErrors.Count == 0, $"The sample itself is invalid:\n{XsdValidator.Describe(sampleErrors)}");

        var sut = IsoXml.Read(xml);

        Assert.True(sut.IsSuccess, string.Join("\n", sut.Errors));
        var envelope = sut.Envelope!;
        Assert.EndsWith(envelope.Version.Identifier() + ".xml", fileName, StringComparison.Ordinal);
        var rewritten = IsoXml.Write(envelope.Message, envelope.Version, envelope.Header, indent: true);
        var errors = XsdValidator.Validate(rewritten, envelope.Version);
        Assert.True(errors.Count == 0, $"{XsdValidator.Describe(errors)}\n{rewritten}");
        var reread = IsoXml.Read(rewritten);
        Assert.True(reread.IsSuccess, string.Join("\n", reread.Errors));
        Assert.True(Equals(envelope, reread.Envelope), ModelDiff.Describe(envelope, reread.Envelope));
    }

    [Fact]
    public void Read_NexusPacs008V13_KeepsFxAcceptanceTimeAndNewerAddressFields()
    {
        var sut = IsoXml.Read(Load("nexus_sgd_thb_pacs.008.001.13.xml"));

        Assert.True(sut.IsSuccess, string.Join("\n", sut.Errors));
        Assert.Equal(MessageVersion.Pacs008V13, sut.Envelope!.Version);

        // AgrdRate is valid but not modelled: skipped, and said so.
        Assert.Equal(["/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/AgrdRate"], sut.Warnings.ToArray());
        var message = Assert.IsType<CustomerCreditTransfer>(sut.Envelope.Message);
        Assert.Equal(Priority.HIGH, message.GroupHeader.PaymentType?.InstructionPriority);
        Assert.Equal(CodeOrProprietary.FromProprietary("NEXUS"), message.GroupHeader.Settlement?.ClearingSystem);
        var tx = Assert.Single(message.Transactions);
        Assert.Equal(NexusUetr, tx.PaymentId.Uetr);
        Assert.Equal(new Money(2_561_234, Currency.THB), tx.InterbankSettlementAmount);
        Assert.Equal(new Money(100_000, Currency.SGD), tx.InstructedAmount);
        Assert.Equal(25.61234m, tx.ExchangeRate);
        Assert.Equal(NexusAcceptance, tx.AcceptanceDateTime);
        Assert.Equal(TimeSpan.FromHours(8), tx.AcceptanceDateTime!.Value.Offset);
        Assert.Equal(Bic.Parse("SAPSSGSGXXX"), tx.IntermediaryAgent1?.Bicfi);
        Assert.Equal(Lei.Parse("5493001KJTIIGC8Y1R12"), tx.IntermediaryAgent1?.Lei);
        Assert.Equal(Bic.Parse("SAPTTHBKXXX"), tx.IntermediaryAgent2?.Bicfi);
        Assert.Equal("Lim & Partners", tx.Debtor.PostalAddress?.CareOf);
        Assert.Equal("12-05", tx.Debtor.PostalAddress?.UnitNumber);
        Assert.Equal("สมชาย ใจดี", tx.Creditor.Name);
        Assert.Equal("กรุงเทพมหานคร", tx.Creditor.PostalAddress?.TownName);
        Assert.Equal("+66-812345678", tx.CreditorAccount?.Proxy?.Id);
        Assert.Equal(["Invoice 2025-0042 <textiles>"], tx.RemittanceInformation!.Unstructured.ToArray());
        Assert.Equal(["QUOTE:0b7e5f2c-4d1a-4c3e-8f6b-9a2d1e0c7b54"], tx.RemittanceInformation.Structured[0].AdditionalInformation.ToArray());
    }

    [Fact]
    public void Read_Pacs008WithHeaderInWrapper_ReadsHeaderAndDocument()
    {
        var sut = IsoXml.Read(Load("cbpr_with_header_pacs.008.001.08.xml"));

        Assert.True(sut.IsSuccess, string.Join("\n", sut.Errors));
        var header = sut.Envelope!.Header;
        Assert.NotNull(header);
        Assert.Equal(Bic.Parse("MBBEMYKLXXX"), header.From.Bicfi);
        Assert.Equal(Bic.Parse("CITIUS33XXX"), header.To.Bicfi);
        Assert.Equal("MBB-20250312-01234", header.BusinessMessageId);
        Assert.Equal("pacs.008.001.08", header.MessageDefinitionId);
        Assert.Equal("swift.cbprplus.02", header.BusinessService);
        Assert.Equal(new DateTimeOffset(2025, 3, 12, 2, 30, 0, TimeSpan.Zero), header.CreationDate);
        Assert.False(header.PossibleDuplicate);
        var tx = Assert.Single(Assert.IsType<CustomerCreditTransfer>(sut.Envelope.Message).Transactions);
        Assert.Equal(new Money(1_250_000, Currency.USD), tx.InterbankSettlementAmount);
        Assert.Equal(new DateTimeOffset(2025, 3, 12, 10, 29, 58, TimeSpan.FromHours(8)), tx.AcceptanceDateTime);
        Assert.Equal(Lei.Parse("254900OPPU84GM83MG36"), tx.Debtor.Identification?.Lei);
        Assert.Equal("021000089", tx.CreditorAgent.ClearingSystemMember?.MemberId);
        Assert.Equal(["350 Fifth Avenue", "New York, NY 10118"], tx.Creditor.PostalAddress!.AddressLines.ToArray());
        var document = Assert.Single(tx.RemittanceInformation!.Structured[0].ReferredDocuments);
        Assert.Equal(CodeOrProprietary.FromCode("CINV"), document.Type);
        Assert.Equal(new DateOnly(2025, 2, 27), document.RelatedDate);
        Assert.Equal(new Money(1_250_000, Currency.USD), tx.RemittanceInformation.Structured[0].DuePayableAmount);
    }

    [Fact]
    public void Read_Pacs002V12_ReadsFinalStatus()
    {
        var sut = IsoXml.Read(Load("nexus_accc_pacs.002.001.12.xml"));

        Assert.True(sut.IsSuccess, string.Join("\n", sut.Errors));
        Assert.Equal(MessageVersion.Pacs002V12, sut.Envelope!.Version);
        var status = Assert.Single(Assert.IsType<PaymentStatusReport>(sut.Envelope.Message).Transactions);
        Assert.Equal(TransactionStatus.ACCC, status.Status);
        Assert.Equal(NexusUetr, status.OriginalUetr);
        Assert.Equal("pacs.008.001.13", status.OriginalGroup?.OriginalMessageNameId);
        Assert.Equal(new Money(2_561_234, Currency.THB), status.OriginalTransactionReference?.InterbankSettlementAmount);
    }

    [Fact]
    public void Read_Pacs004V09_ReadsReturnReasonAndOriginalRate()
    {
        var sut = IsoXml.Read(Load("cbpr_return_pacs.004.001.09.xml"));

        Assert.True(sut.IsSuccess, string.Join("\n", sut.Errors));
        var message = Assert.IsType<PaymentReturn>(sut.Envelope!.Message);
        Assert.Equal(new Money(2_561_234, Currency.THB), message.GroupHeader.TotalInterbankSettlementAmount);
        var tx = Assert.Single(message.Transactions);
        Assert.Equal(NexusUetr, tx.OriginalUetr);
        Assert.Equal(new Money(100_000, Currency.SGD), tx.ReturnedInstructedAmount);
        Assert.Equal(25.61234m, tx.ExchangeRate);
        Assert.Equal(ChargeBearer.SHAR, tx.ChargeBearer);
        var reason = Assert.Single(tx.ReturnReasons);
        Assert.Equal(CodeOrProprietary.FromCode("AC04"), reason.Reason);
        Assert.Equal(["Account closed on 2025-02-28"], reason.AdditionalInformation.ToArray());
    }

    [Fact]
    public void Read_Camt056_ReadsRecallReasonAndCase()
    {
        var sut = IsoXml.Read(Load("recall_dupl_camt.056.001.08.xml"));

        Assert.True(sut.IsSuccess, string.Join("\n", sut.Errors));
        var message = Assert.IsType<CancellationRequest>(sut.Envelope!.Message);
        Assert.Equal("DBS-CXL-20250312-3", message.Assignment.Id);
        Assert.Equal(Bic.Parse("KASITHBKXXX"), message.Assignment.Assignee.Agent?.Bicfi);
        Assert.Equal("CASE-DBS-0093", message.Case?.Id);
        Assert.Equal("DBS Bank Ltd", message.Case?.Creator.Party?.Name);
        var tx = Assert.Single(message.Transactions);
        Assert.Equal(NexusUetr, tx.OriginalUetr);
        Assert.Equal(CodeOrProprietary.FromCode("DUPL"), Assert.Single(tx.CancellationReasons).Reason);
    }

    [Fact]
    public void Read_Acmt023ProxyLookup_ReadsAccountWithProxyOnly()
    {
        var sut = IsoXml.Read(Load("paynow_lookup_acmt.023.001.03.xml"));

        Assert.True(sut.IsSuccess, string.Join("\n", sut.Errors));
        var message = Assert.IsType<IdentificationVerificationRequest>(sut.Envelope!.Message);
        Assert.Equal("PAYNOW-PDO", message.Assignment.Assignee.Agent?.ClearingSystemMember?.MemberId);
        var account = Assert.Single(message.Verifications).PartyAndAccount.Account;
        Assert.NotNull(account);
        Assert.Null(account.Iban);
        Assert.Null(account.Other);
        Assert.Equal(CodeOrProprietary.FromCode("MBNO"), account.Proxy?.Type);
        Assert.Equal("+65-91234567", account.Proxy?.Id);
    }

    [Fact]
    public void Read_Acmt024ProxyResult_ReadsResolvedAccount()
    {
        var sut = IsoXml.Read(Load("paynow_result_acmt.024.001.03.xml"));

        Assert.True(sut.IsSuccess, string.Join("\n", sut.Errors));
        var message = Assert.IsType<IdentificationVerificationReport>(sut.Envelope!.Message);
        Assert.Equal("DBS-LKP-20250312-51", message.OriginalAssignmentMessageId);
        var report = Assert.Single(message.Reports);
        Assert.True(report.Verified);
        Assert.Equal("Tan Ah Kow", report.UpdatedPartyAndAccount?.Party?.Name);
        Assert.Equal("5012345678", report.UpdatedPartyAndAccount?.Account?.Other?.Id);
        Assert.Equal("T** A* K**", report.UpdatedPartyAndAccount?.Account?.Name);
        Assert.Equal(Bic.Parse("OCBCSGSGXXX"), report.UpdatedPartyAndAccount?.Agent?.Bicfi);
    }

    private static string SamplesDirectory()
    {
        var root = SharedFiles.RepositoryRoot
            ?? throw new InvalidOperationException($"No PaymentSwitch.sln above {AppContext.BaseDirectory}; the hand-written samples live in the repository.");
        return Path.Combine(root, "tests", "PaymentSwitch.Iso20022.Tests", "Samples");
    }

    private static string Load(string fileName) => File.ReadAllText(Path.Combine(SamplesDirectory(), fileName));
}
