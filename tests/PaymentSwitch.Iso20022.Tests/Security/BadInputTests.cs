using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;

namespace PaymentSwitch.Iso20022.Tests.Security;

/// <summary>
/// Hostile and malformed documents: each gives its own precise error (path, rule, reason code) and none
/// makes the reader throw or hand back a message.
/// </summary>
public sealed class BadInputTests
{
    private const string TxPath = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]";

    private static IsoError SingleError(string xml)
    {
        var result = IsoXml.Read(xml);
        Assert.False(result.IsSuccess, "The document should have been refused.");
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Read_Template_IsValid()
    {
        var result = IsoXml.Read(Pacs008Template.Build());

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        var message = Assert.IsType<CustomerCreditTransfer>(result.Envelope!.Message);
        Assert.Equal(100_000, message.Transactions[0].InterbankSettlementAmount.AmountMinor);
    }

    [Fact]
    public void Read_ExternalEntity_RefusesDoctypeWithoutResolvingIt()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><GrpHdr><MsgId>&xxe;</MsgId></GrpHdr></FIToFICstmrCdtTrf></Document>
            """;

        var error = SingleError(xml);

        Assert.Equal(StatusReasonCode.FF01, error.Reason);
        Assert.Contains("DOCTYPE", error.Rule, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EntityExpansionBomb_RefusedBeforeExpansion()
    {
        var builder = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            builder.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? string.Empty : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))};", 10))}\">");
        }

        builder.Append("]><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">&lol9;</Document>");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = SingleError(builder.ToString());

        Assert.Equal(StatusReasonCode.FF01, error.Reason);
        Assert.Contains("DOCTYPE", error.Rule, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 * 1024 * 1024, "The bomb must not be expanded.");
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Read_TruncatedDocument_ReportsMalformedXml(double fraction)
    {
        var full = Pacs008Template.Build();
        var truncated = full[..(int)(full.Length * (decimal)fraction)];

        var result = IsoXml.Read(truncated);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Envelope);
        Assert.Contains(result.Errors, e => e.Reason == StatusReasonCode.FF01);
    }

    [Fact]
    public void Read_TwoMegabyteDocument_RefusedBySizeLimit_FromEveryInputKind()
    {
        var padding = string.Concat(Enumerable.Repeat("<Ustrd>padding padding padding padding</Ustrd>", 45_000));
        var xml = Pacs008Template.Build(creditorAccount: $"<RmtInf>{padding}</RmtInf>");
        Assert.True(Encoding.UTF8.GetByteCount(xml) > 2_000_000);

        var fromString = SingleError(xml);
        var fromBytes = Assert.Single(IsoXml.Read(Encoding.UTF8.GetBytes(xml)).Errors);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        var fromStream = Assert.Single(IsoXml.Read(stream).Errors);

        foreach (var error in new[] { fromString, fromBytes, fromStream })
        {
            Assert.Equal(StatusReasonCode.FF01, error.Reason);
            Assert.Contains("limit is 1048576", error.Rule, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_UnsupportedNamespace_NamesTheDefinition()
    {
        var error = SingleError(Pacs008Template.Build(ns: "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.02"));

        Assert.Equal("/Document", error.Path);
        Assert.Equal(StatusReasonCode.FF01, error.Reason);
        Assert.Contains("pacs.008.001.02", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ElementInForeignNamespace_Refused()
    {
        var xml = Pacs008Template.Build(chargeBearer: "<ChrgBr xmlns=\"urn:example:other\">SLEV</ChrgBr>");

        var result = IsoXml.Read(xml);

        Assert.Contains(result.Errors, e => e.Path == $"{TxPath}/ChrgBr" && e.Reason == StatusReasonCode.FF01 && e.Rule.Contains("namespace", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<IntrBkSttlmAmt Ccy=\"XYZ\">10.00</IntrBkSttlmAmt>", "/IntrBkSttlmAmt/@Ccy", StatusReasonCode.AM03, "XYZ")]
    [InlineData("<IntrBkSttlmAmt>10.00</IntrBkSttlmAmt>", "/IntrBkSttlmAmt/@Ccy", StatusReasonCode.CH21, "Ccy")]
    [InlineData("<IntrBkSttlmAmt Ccy=\"SGD\">10.001</IntrBkSttlmAmt>", "/IntrBkSttlmAmt", StatusReasonCode.AM09, "SGD allows at most 2 decimal places; got 3")]
    [InlineData("<IntrBkSttlmAmt Ccy=\"JPY\">1500.5</IntrBkSttlmAmt>", "/IntrBkSttlmAmt", StatusReasonCode.AM09, "JPY allows at most 0 decimal places; got 1")]
    [InlineData("<IntrBkSttlmAmt Ccy=\"SGD\">-10.00</IntrBkSttlmAmt>", "/IntrBkSttlmAmt", StatusReasonCode.AM09, "negative")]
    [InlineData("<IntrBkSttlmAmt Ccy=\"SGD\">0.00</IntrBkSttlmAmt>", "/IntrBkSttlmAmt", StatusReasonCode.AM01, "zero")]
    [InlineData("<IntrBkSttlmAmt Ccy=\"SGD\">1234567890123456789</IntrBkSttlmAmt>", "/IntrBkSttlmAmt", StatusReasonCode.AM09, "18")]
    [InlineData("<IntrBkSttlmAmt Ccy=\"SGD\">1e5</IntrBkSttlmAmt>", "/IntrBkSttlmAmt", StatusReasonCode.FF01, "")]
    [InlineData("<IntrBkSttlmAmt Ccy=\"SGD\"></IntrBkSttlmAmt>", "/IntrBkSttlmAmt", StatusReasonCode.FF01, "empty")]
    public void Read_BadAmount_GivesPreciseError(string amount, string pathSuffix, StatusReasonCode reason, string ruleFragment)
    {
        var error = SingleError(Pacs008Template.Build(amount: amount));

        Assert.Equal(TxPath + pathSuffix, error.Path);
        Assert.Equal(reason, error.Reason);
        Assert.Contains(ruleFragment, error.Rule, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("DBSSSG", "/DbtrAgt/FinInstnId/BICFI", StatusReasonCode.RC01)]
    [InlineData("dbsssgsgxxx", "/DbtrAgt/FinInstnId/BICFI", StatusReasonCode.RC01)]
    [InlineData("DBSSZZSGXXX", "/DbtrAgt/FinInstnId/BICFI", StatusReasonCode.RC01)]
    public void Read_InvalidBic_RejectedWithRc01(string bic, string pathSuffix, StatusReasonCode reason)
    {
        var error = SingleError(Pacs008Template.Build(debtorAgentBic: bic));

        Assert.Equal(TxPath + pathSuffix, error.Path);
        Assert.Equal(reason, error.Reason);
    }

    [Theory]
    [InlineData("GB82WEST12345698765433")]
    [InlineData("GB82WEST1234569876543")]
    [InlineData("XX82WEST12345698765432")]
    public void Read_InvalidIban_RejectedWithAc01(string iban)
    {
        var error = SingleError(Pacs008Template.Build(creditorAccount: $"<CdtrAcct><Id><IBAN>{iban}</IBAN></Id></CdtrAcct>"));

        Assert.Equal($"{TxPath}/CdtrAcct/Id/IBAN", error.Path);
        Assert.Equal(StatusReasonCode.AC01, error.Reason);
    }

    [Theory]
    [InlineData("8A562C67-CA16-48BA-B074-65581BE6F011")]
    [InlineData("8a562c67-ca16-18ba-b074-65581be6f011")]
    [InlineData("8a562c67-ca16-48ba-c074-65581be6f011")]
    [InlineData("not-a-uuid")]
    public void Read_InvalidUetr_RejectedWithFf01(string uetr)
    {
        var error = SingleError(Pacs008Template.Build(uetr: uetr));

        Assert.Equal($"{TxPath}/PmtId/UETR", error.Path);
        Assert.Equal(StatusReasonCode.FF01, error.Reason);
    }

    [Fact]
    public void Read_MissingChargeBearer_Ch21AtTransaction()
    {
        var error = SingleError(Pacs008Template.Build(chargeBearer: string.Empty));

        Assert.Equal($"{TxPath}/ChrgBr", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_MissingMessageId_Ch21AtGroupHeader()
    {
        var error = SingleError(Pacs008Template.Build(messageId: string.Empty));

        Assert.Equal("/Document/FIToFICstmrCdtTrf/GrpHdr/MsgId", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_MissingAmount_Ch21()
    {
        var error = SingleError(Pacs008Template.Build(amount: string.Empty));

        Assert.Equal($"{TxPath}/IntrBkSttlmAmt", error.Path);
        Assert.Equal(StatusReasonCode.CH21, error.Reason);
    }

    [Fact]
    public void Read_TextTooLong_Ff01WithLengths()
    {
        var error = SingleError(Pacs008Template.Build(endToEndId: new string('E', 36)));

        Assert.Equal($"{TxPath}/PmtId/EndToEndId", error.Path);
        Assert.Equal(StatusReasonCode.FF01, error.Reason);
        Assert.Contains("at most 35 characters; got 36", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NumberOfTransactionsMismatch_Ff01()
    {
        var error = SingleError(Pacs008Template.Build(numberOfTransactions: "2"));

        Assert.Equal("/Document/FIToFICstmrCdtTrf/GrpHdr/NbOfTxs", error.Path);
        Assert.Equal(StatusReasonCode.FF01, error.Reason);
    }

    [Fact]
    public void Read_SeveralProblems_ReportsEveryOneWithItsPath()
    {
        var xml = Pacs008Template.Build(
            amount: "<IntrBkSttlmAmt Ccy=\"SGD\">10.001</IntrBkSttlmAmt>",
            debtorAgentBic: "BAD",
            chargeBearer: string.Empty,
            extraTransaction: "<CdtTrfTxInf><PmtId><EndToEndId>X</EndToEndId></PmtId></CdtTrfTxInf>",
            numberOfTransactions: "2");

        var result = IsoXml.Read(xml);
        var paths = result.Errors.Select(e => e.Path).ToList();

        Assert.Contains($"{TxPath}/IntrBkSttlmAmt", paths);
        Assert.Contains($"{TxPath}/DbtrAgt/FinInstnId/BICFI", paths);
        Assert.Contains($"{TxPath}/ChrgBr", paths);
        Assert.Contains("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt", paths);
        Assert.Contains("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/DbtrAgt", paths);
        Assert.Null(result.Envelope);
    }

    [Fact]
    public void Read_DeepNesting_RefusedWithoutStackOverflow()
    {
        var deep = string.Concat(Enumerable.Repeat("<Ustrd>", 5000)) + string.Concat(Enumerable.Repeat("</Ustrd>", 5000));
        var xml = Pacs008Template.Build(creditorAccount: $"<UltmtCdtr>{deep}</UltmtCdtr>");

        var result = IsoXml.Read(xml);

        Assert.False(result.IsSuccess);
    }

    [Fact]
    public void Read_WrongMessageInDocument_Ff01()
    {
        var xml = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFIPmtStsRpt/></Document>";

        var error = SingleError(xml);

        Assert.Equal(StatusReasonCode.FF01, error.Reason);
        Assert.Contains("FIToFICstmrCdtTrf", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotXmlAtAll_Ff01()
    {
        var error = SingleError("{\"this\": \"is json\"}");

        Assert.Equal(StatusReasonCode.FF01, error.Reason);
    }

    [Fact]
    public void Read_PrefixedNamespaceAndHeaderWrapper_Accepted()
    {
        var prefixed = Pacs008Template.Build()
            .Replace("<Document xmlns=", "<p:Document xmlns:p=", StringComparison.Ordinal)
            .Replace("</Document>", "</p:Document>", StringComparison.Ordinal);
        prefixed = System.Text.RegularExpressions.Regex.Replace(prefixed, "<(/?)(?!p:|\\?)([A-Za-z])", "<$1p:$2");
        var wrapped = $"""
            <Envelope xmlns="urn:example:wrapper">
              <h:AppHdr xmlns:h="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">
                <h:Fr><h:FIId><h:FinInstnId><h:BICFI>DBSSSGSGXXX</h:BICFI></h:FinInstnId></h:FIId></h:Fr>
                <h:To><h:FIId><h:FinInstnId><h:BICFI>BKKBTHBKXXX</h:BICFI></h:FinInstnId></h:FIId></h:To>
                <h:BizMsgIdr>MSG-20261122-0001</h:BizMsgIdr>
                <h:MsgDefIdr>pacs.008.001.08</h:MsgDefIdr>
                <h:CreDt>2026-11-22T02:15:00Z</h:CreDt>
              </h:AppHdr>
              {prefixed[(prefixed.IndexOf("?>", StringComparison.Ordinal) + 2)..]}
            </Envelope>
            """;

        var result = IsoXml.Read(wrapped);

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        Assert.Equal("MSG-20261122-0001", result.Envelope!.Header!.BusinessMessageId);
        Assert.Equal(MessageVersion.Pacs008V08, result.Envelope.Version);
    }

    [Fact]
    public void Read_ArbitraryText_NeverThrows()
    {
        var template = Pacs008Template.Build();
        var mutations =
            from position in Gen.Choose(0, template.Length - 1)
            from length in Gen.Choose(0, 40)
            from insert in Gen.Elements("<", ">", "&", "\"", "]]>", "<![CDATA[", "&#0;", "\u0000", "x", "</GrpHdr>", "<Document>", string.Empty)
            select template[..position] + insert + template[Math.Min(template.Length, position + length)..];

        Prop.ForAll(mutations.ToArbitrary(), xml =>
        {
            var result = IsoXml.Read(xml);
            return result.IsSuccess || !result.Errors.IsEmpty;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }
}
