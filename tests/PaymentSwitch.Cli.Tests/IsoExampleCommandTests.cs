using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Examples;
using PaymentSwitch.Iso20022.Json;
using PaymentSwitch.Iso20022.Xml;

namespace PaymentSwitch.Cli.Tests;

public sealed class IsoExampleCommandTests : IDisposable
{
    private readonly CliRunner _sut = new();

    public void Dispose() => _sut.Dispose();

    public static TheoryData<MessageVersion> Versions() => new(MessageVersions.All);

    [Theory]
    [MemberData(nameof(Versions))]
    public void Example_EveryVersion_ReadsBackValid(MessageVersion version)
    {
        var result = _sut.Run("iso", "example", version.Identifier(), "--header");

        Assert.True(result.ExitCode == 0, result.ToString());
        var read = IsoXml.Read(result.Output);
        Assert.True(read.IsSuccess, string.Join("\n", read.Errors));
        Assert.Equal(version, read.Envelope!.Version);
        Assert.Equal(version.Identifier(), read.Envelope.Header?.MessageDefinitionId);
    }

    [Theory]
    [InlineData("pacs.008")]
    [InlineData("pacs008")]
    [InlineData("PACS.008")]
    public void Example_Pacs008ByDefault_IsTheNewestSgdThbPayment(string type)
    {
        var result = _sut.Run("iso", "example", type);

        Assert.True(result.ExitCode == 0, result.ToString());
        var read = IsoXml.Read(result.Output);
        Assert.Equal(MessageVersion.Pacs008V13, read.Envelope!.Version);
        Assert.Equal(AseanExamples.CreditTransfer(_sut.Time), read.Envelope.Message);
        Assert.Contains("<InstdAmt Ccy=\"SGD\">1000.00</InstdAmt>", result.Output, StringComparison.Ordinal);
        Assert.Contains("<IntrBkSttlmAmt Ccy=\"THB\">25853.00</IntrBkSttlmAmt>", result.Output, StringComparison.Ordinal);
        Assert.Contains("<XchgRate>25.8530</XchgRate>", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Example_VersionOption_WritesThatVersion()
    {
        var result = _sut.Run("iso", "example", "pacs.002", "--version", "pacs.002.001.10");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(MessageVersion.Pacs002V10, IsoXml.Read(result.Output).Envelope?.Version);
    }

    [Fact]
    public void Example_Json_DeserializesToTheExample()
    {
        var result = _sut.Run("iso", "example", "camt.056", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var envelope = IsoJson.Deserialize(result.Output);
        Assert.Equal(AseanExamples.Recall(_sut.Time), envelope.Message);
    }

    [Theory]
    [InlineData("pacs.009")]
    [InlineData("")]
    public void Example_UnknownType_ExitsTwo(string type)
    {
        var result = _sut.Run("iso", "example", type);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Example_VersionOfAnotherMessage_ExitsTwo()
    {
        var result = _sut.Run("iso", "example", "pacs.008", "--version", "pacs.002.001.10");

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Example_SameClock_SameOutput()
    {
        var first = _sut.Run("iso", "example", "pacs.008");
        var second = _sut.Run("iso", "example", "pacs.008");
        _sut.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = _sut.Run("iso", "example", "pacs.008");

        Assert.Equal(first.Output, second.Output);
        Assert.NotEqual(first.Output, nextDay.Output);
    }
}
