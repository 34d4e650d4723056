using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Examples;
using PaymentSwitch.Iso20022.Xml;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Cli.Tests;

public sealed class IsoValidateCommandTests : IDisposable
{
    private readonly CliRunner _sut = new();

    public void Dispose() => _sut.Dispose();

    [Fact]
    public void Validate_ValidPacs008_PrintsOkAndExitsZero()
    {
        var file = _sut.Write("payment.xml", ExampleXml());

        var result = _sut.Run("iso", "validate", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        var message = AseanExamples.CreditTransfer(_sut.Time);
        Assert.Equal($"OK {file}: {message.GroupHeader.MessageId} (pacs.008.001.13)", result.Output.Trim());
    }

    [Fact]
    public void Validate_AmountWithTooManyDecimals_PrintsPathAndReasonAndExitsOne()
    {
        var xml = ExampleXml().Replace("<IntrBkSttlmAmt Ccy=\"THB\">25853.00<", "<IntrBkSttlmAmt Ccy=\"THB\">25853.001<", StringComparison.Ordinal);
        var file = _sut.Write("bad.xml", xml);

        var result = _sut.Run("iso", "validate", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"{file}: AM09 /Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingDebtor_ReportsCh21WithPath()
    {
        var xml = RemoveElement(ExampleXml(), "Dbtr");
        var file = _sut.Write("nodebtor.xml", xml);

        var result = _sut.Run("iso", "validate", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{file}: CH21 /Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/Dbtr", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MixedValidAndInvalid_ReportsEachAndExitsOne()
    {
        var good = _sut.Write("good.xml", ExampleXml());
        var bad = _sut.Write("bad.xml", "<Document><unclosed></Document>");

        var result = _sut.Run("iso", "validate", good, bad);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"OK {good}:", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{bad}: FF01 ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Stdin_ReadsDash()
    {
        var result = _sut.RunWithInput(ExampleXml(), "iso", "validate", "-");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("OK <stdin>: ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DoctypeOnStdin_RefusedAsFf01()
    {
        const string hostile = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Document>&x;</Document>";

        var result = _sut.RunWithInput(hostile, "iso", "validate", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("<stdin>: FF01", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFile_ExitsTwo()
    {
        var result = _sut.Run("iso", "validate", _sut.PathOf("nope.xml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoFile_ExitsTwo()
    {
        var result = _sut.Run("iso", "validate");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Run_UnknownCommand_ExitsTwo()
    {
        var result = _sut.Run("iso", "frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_JsonInput_ValidatedAsItsXml()
    {
        var json = _sut.Run("iso", "example", "pacs.002", "--format", "json");
        var file = _sut.Write("status.json", json.Output);

        var result = _sut.Run("iso", "validate", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("(pacs.002.001.12)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownElementVerbose_PrintsSkippedWarning()
    {
        var xml = ExampleXml().Replace("<NbOfTxs>", "<Surprise>1</Surprise><NbOfTxs>", StringComparison.Ordinal);
        var file = _sut.Write("extra.xml", xml);

        var result = _sut.Run("iso", "validate", "--verbose", file);

        Assert.Contains($"{file}: warning: skipped", result.Output, StringComparison.Ordinal);
        Assert.Contains("Surprise", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Validate_WithXsdEveryExample_ExitsZero()
    {
        SharedFiles.RequireOrSkip();
        var files = Enum.GetValues<MessageKind>()
            .SelectMany(kind => MessageVersions.VersionsOf(kind).Select(version => (kind, version)))
            .Select(x =>
            {
                var message = AseanExamples.Example(x.kind, _sut.Time);
                return _sut.Write($"{x.version.Identifier()}.xml", IsoXml.Write(message, x.version, AseanExamples.Header(message, x.version), indent: true));
            })
            .ToArray();

        var result = _sut.Run(["iso", "validate", "--xsd", SharedFiles.XsdDirectory, .. files]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(files.Length, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.StartsWith("OK ", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public void Validate_WithXsdSchemaViolation_ReportsLineNumber()
    {
        SharedFiles.RequireOrSkip();
        var xml = ExampleXml().Replace("<NbOfTxs>", "<Surprise>1</Surprise><NbOfTxs>", StringComparison.Ordinal);
        var file = _sut.Write("extra.xml", xml);

        var result = _sut.Run("iso", "validate", "--xsd", SharedFiles.XsdDirectory, file);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches($"{System.Text.RegularExpressions.Regex.Escape(file)}: XSD Document line [1-9][0-9]*:[0-9]+: .*Surprise", result.Output);
    }

    [Fact]
    public void Validate_XsdFolderMissing_ExitsTwo()
    {
        var file = _sut.Write("payment.xml", ExampleXml());

        var result = _sut.Run("iso", "validate", "--xsd", _sut.PathOf("no-such-folder"), file);

        Assert.Equal(2, result.ExitCode);
    }

    private string ExampleXml() => IsoXml.Write(AseanExamples.CreditTransfer(_sut.Time), MessageVersion.Pacs008V13, indent: true);

    private static string RemoveElement(string xml, string name)
    {
        var start = xml.IndexOf($"<{name}>", StringComparison.Ordinal);
        var end = xml.IndexOf($"</{name}>", start, StringComparison.Ordinal) + name.Length + 3;
        return xml.Remove(start, end - start);
    }
}
