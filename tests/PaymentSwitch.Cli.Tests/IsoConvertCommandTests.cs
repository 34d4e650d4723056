using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Examples;
using PaymentSwitch.Iso20022.Json;
using PaymentSwitch.Iso20022.MessagePack;
using PaymentSwitch.Iso20022.Xml;

namespace PaymentSwitch.Cli.Tests;

public sealed class IsoConvertCommandTests : IDisposable
{
    private readonly CliRunner _sut = new();

    public void Dispose() => _sut.Dispose();

    public static TheoryData<MessageKind> Kinds() => new(Enum.GetValues<MessageKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Convert_XmlToJsonToXml_RoundTripEquals(MessageKind kind)
    {
        var message = AseanExamples.Example(kind, _sut.Time);
        var version = MessageVersions.Latest(kind);
        var header = AseanExamples.Header(message, version);
        var xml = _sut.Write("in.xml", IsoXml.Write(message, version, header));

        var toJson = _sut.Run("iso", "convert", xml, "--to", "json", "--output", _sut.PathOf("out.json"));
        var toXml = _sut.Run("iso", "convert", _sut.PathOf("out.json"), "--to", "xml");

        Assert.True(toJson.ExitCode == 0, toJson.ToString());
        Assert.True(toXml.ExitCode == 0, toXml.ToString());
        var back = IsoXml.Read(toXml.Output);
        Assert.True(back.IsSuccess, string.Join("\n", back.Errors));
        Assert.Equal(new IsoEnvelope(version, header, message), back.Envelope);
    }

    [Fact]
    public void Convert_JsonFromStdin_WritesXml()
    {
        var json = IsoJson.Serialize(new IsoEnvelope(MessageVersion.Pacs008V13, null, AseanExamples.CreditTransfer(_sut.Time)));

        var result = _sut.RunWithInput(json, "iso", "convert", "-", "--to", "xml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(AseanExamples.CreditTransfer(_sut.Time), IsoXml.Read(result.Output).Envelope?.Message);
    }

    [Fact]
    public void Convert_V13ToV08_WarnsAboutOmittedUnitNumberAndWritesV08()
    {
        var xml = _sut.Write("in.xml", IsoXml.Write(AseanExamples.CreditTransfer(_sut.Time), MessageVersion.Pacs008V13));

        var result = _sut.Run("iso", "convert", xml, "--to", "xml", "--version", "pacs.008.001.08");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning: pacs.008.001.08 cannot carry /Document/FIToFICstmrCdtTrf/CdtTrfTxInf/Dbtr/PstlAdr/UnitNb", result.Error, StringComparison.Ordinal);
        var read = IsoXml.Read(result.Output);
        Assert.True(read.IsSuccess, string.Join("\n", read.Errors));
        Assert.Equal(MessageVersion.Pacs008V08, read.Envelope!.Version);
        var transaction = ((CustomerCreditTransfer)read.Envelope.Message).Transactions[0];
        Assert.Null(transaction.Debtor.PostalAddress!.UnitNumber);
        Assert.Equal(AseanExamples.CreditTransfer(_sut.Time).Transactions[0].AcceptanceDateTime, transaction.AcceptanceDateTime);
    }

    [Fact]
    public void Convert_V13ToJsonV08_JsonHoldsOnlyWhatV08Carries()
    {
        var xml = _sut.Write("in.xml", IsoXml.Write(AseanExamples.CreditTransfer(_sut.Time), MessageVersion.Pacs008V13));

        var result = _sut.Run("iso", "convert", xml, "--to", "json", "--version", "pacs.008.001.08");

        Assert.True(result.ExitCode == 0, result.ToString());
        var envelope = IsoJson.Deserialize(result.Output);
        Assert.Equal(MessageVersion.Pacs008V08, envelope.Version);
        Assert.DoesNotContain("#05-123", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_VersionOfAnotherMessage_ExitsTwo()
    {
        var xml = _sut.Write("in.xml", IsoXml.Write(AseanExamples.CreditTransfer(_sut.Time), MessageVersion.Pacs008V13));

        var result = _sut.Run("iso", "convert", xml, "--to", "xml", "--version", "pacs.002.001.10");

        Assert.Equal(2, result.ExitCode);
    }

    [Theory]
    [InlineData("--to", "yaml")]
    [InlineData("--version", "pacs.008.001.99")]
    public void Convert_BadOption_ExitsTwo(string option, string value)
    {
        var xml = _sut.Write("in.xml", IsoXml.Write(AseanExamples.CreditTransfer(_sut.Time), MessageVersion.Pacs008V13));
        string[] args = option == "--to" ? ["iso", "convert", xml, "--to", value] : ["iso", "convert", xml, "--to", "xml", option, value];

        var result = _sut.Run(args);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Convert_InvalidInput_ExitsOneWithErrors()
    {
        var xml = _sut.Write("in.xml", "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.13\"><FIToFICstmrCdtTrf/></Document>");

        var result = _sut.Run("iso", "convert", xml, "--to", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("CH21", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void Convert_MsgpackWithoutOutputOrPipe_ExitsTwo()
    {
        var xml = _sut.Write("in.xml", IsoXml.Write(AseanExamples.CreditTransfer(_sut.Time), MessageVersion.Pacs008V13));

        var result = _sut.Run("iso", "convert", xml, "--to", "msgpack");

        Assert.Equal(2, result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Convert_XmlToMsgpackToXml_RoundTripEquals(MessageKind kind)
    {
        var message = AseanExamples.Example(kind, _sut.Time);
        var version = MessageVersions.Latest(kind);
        var xml = _sut.Write("in.xml", IsoXml.Write(message, version));
        var packed = _sut.PathOf("out.msgpack");

        var toPack = _sut.Run("iso", "convert", xml, "--to", "msgpack", "--output", packed);
        var toXml = _sut.Run("iso", "convert", packed, "--to", "xml");

        Assert.True(toPack.ExitCode == 0, toPack.ToString());
        Assert.True(toXml.ExitCode == 0, toXml.ToString());
        Assert.Equal(message, IsoMessagePack.Deserialize(File.ReadAllBytes(packed)));
        Assert.Equal(new IsoEnvelope(version, null, message), IsoXml.Read(toXml.Output).Envelope);
    }

    [Fact]
    public void Convert_MsgpackOnStdin_DetectedAndConvertedToJson()
    {
        var envelope = new IsoEnvelope(MessageVersion.Pacs008V13, null, AseanExamples.CreditTransfer(_sut.Time));

        var result = _sut.RunWithBinaryInput(IsoMessagePack.Serialize(envelope), "iso", "convert", "-", "--to", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(envelope, IsoJson.Deserialize(result.Output));
    }

    [Fact]
    public void Convert_GarbageBytes_ExitsOneWithFf01()
    {
        var file = _sut.PathOf("garbage.bin");
        File.WriteAllBytes(file, [0xC1, 0xFF, 0x00, 0x13]);

        var result = _sut.Run("iso", "convert", file, "--to", "xml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FF01", result.Error, StringComparison.Ordinal);
    }
}
