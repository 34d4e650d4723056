using System.Xml;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Iso20022.Tests.Xml;

/// <summary>
/// Messages written by others (the Fedwire ISO 20022 samples in <c>shared/iso20022/samples/fedwire</c>) read
/// without errors, and what PaymentSwitch writes back from them is valid against the official schema.
/// The samples use pacs.008.001.08, pacs.002.001.10, pacs.004.001.10, pacs.028.001.03 and camt.029.001.09.
/// </summary>
public sealed class IsoXmlSampleTests
{
    private const string MissingFolder = "(shared samples folder missing)";

    private const string Pacs008DebtorIban = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAcct/Id/IBAN";

    // Samples that carry data PaymentSwitch refuses on purpose, with the one error each must give. Scenario 5 of the
    // customer credit transfers uses the debtor IBAN BE34001216371411, whose check digits do not verify
    // (ISO 13616 mod 97 gives 5, not 1): an Iban cannot hold it, so the reader answers AC01 instead of a message.
    private static readonly Dictionary<string, (StatusReasonCode Reason, string Path)> KnownRefusals = new(StringComparer.Ordinal)
    {
        ["CustomerCreditTransfer_Scenario5_Step1_pacs.008.xml"] = (StatusReasonCode.AC01, Pacs008DebtorIban),
        ["CustomerCreditTransfer_Scenario5_Step2_pacs.008.xml"] = (StatusReasonCode.AC01, Pacs008DebtorIban),
    };

    /// <summary>One case per sample file; one placeholder case when the folder is absent, so the rule of SharedFiles applies.</summary>
    public static TheoryData<string> FedwireSamples()
    {
        var data = new TheoryData<string>();
        if (!Directory.Exists(SharedFiles.FedwireSamplesDirectory))
        {
            data.Add(MissingFolder);
            return data;
        }

        foreach (var path in Directory.EnumerateFiles(SharedFiles.FedwireSamplesDirectory, "*.xml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(FedwireSamples))]
    public void Read_FedwireSample_SucceedsAndRewritesSchemaValid(string fileName)
    {
        SharedFiles.RequireOrSkip();
        Assert.NotEqual(MissingFolder, fileName);
        var xml = File.ReadAllText(Path.Combine(SharedFiles.FedwireSamplesDirectory, fileName));
        Assert.Empty(XsdValidator.Validate(xml));
        var documentNamespace = DocumentNamespace(xml);

        var sut = IsoXml.Read(xml);

        if (!MessageVersions.TryParseNamespace(documentNamespace, out var version))
        {
            // A definition PaymentSwitch does not support is refused cleanly: FF01, naming the definition.
            Assert.False(sut.IsSuccess);
            var error = Assert.Single(sut.Errors);
            Assert.Equal(StatusReasonCode.FF01, error.Reason);
            Assert.Contains(documentNamespace[(documentNamespace.LastIndexOf(':') + 1)..], error.Rule, StringComparison.Ordinal);
            return;
        }

        if (KnownRefusals.TryGetValue(fileName, out var refusal))
        {
            Assert.False(sut.IsSuccess);
            var error = Assert.Single(sut.Errors);
            Assert.Equal(refusal.Reason, error.Reason);
            Assert.Equal(refusal.Path, error.Path);
            return;
        }

        Assert.True(sut.IsSuccess, $"{fileName}:\n{string.Join("\n", sut.Errors)}");
        var envelope = sut.Envelope!;
        Assert.Equal(version, envelope.Version);
        Assert.Equal(version.Kind(), envelope.Message.Kind);

        var rewritten = IsoXml.Write(envelope.Message, envelope.Version, indent: true);
        var errors = XsdValidator.Validate(rewritten, version);
        Assert.True(errors.Count == 0, $"{fileName} rewritten as {version.Identifier()}:\n{XsdValidator.Describe(errors)}\n{rewritten}");

        var reread = IsoXml.Read(rewritten);
        Assert.True(reread.IsSuccess, $"{fileName} rewritten:\n{string.Join("\n", reread.Errors)}");
        Assert.True(
            Equals(envelope.Message, reread.Envelope!.Message),
            $"{fileName}: the rewritten sample reads to a different message:\n{ModelDiff.Describe(envelope.Message, reread.Envelope!.Message)}");
    }

    [SkippableTheory]
    [InlineData("pacs.008.001.09")]
    [InlineData("pacs.008.001.12")]
    [InlineData("pacs.002.001.14")]
    public void Read_SampleInUnsupportedVersion_FailsWithFf01NamingTheDefinition(string unsupported)
    {
        SharedFiles.RequireOrSkip();
        var kind = unsupported[..8];
        var path = Directory.EnumerateFiles(SharedFiles.FedwireSamplesDirectory, $"*{kind}*.xml").Order(StringComparer.Ordinal).First();
        var original = File.ReadAllText(path);
        var xml = original.Replace(DocumentNamespace(original), "urn:iso:std:iso:20022:tech:xsd:" + unsupported, StringComparison.Ordinal);

        var sut = IsoXml.Read(xml);

        Assert.False(sut.IsSuccess);
        Assert.Null(sut.Envelope);
        Assert.NotEmpty(sut.Errors);
        Assert.All(sut.Errors, e => Assert.Equal(StatusReasonCode.FF01, e.Reason));
        Assert.Contains(sut.Errors, e => e.Rule.Contains(unsupported, StringComparison.Ordinal));
    }

    private static string DocumentNamespace(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Document")
            {
                return reader.NamespaceURI;
            }
        }

        throw new InvalidOperationException("The sample has no Document element.");
    }
}
