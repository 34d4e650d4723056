using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Examples;

namespace PaymentSwitch.Cli.Tests;

public sealed class MessageKindNamesTests
{
    [Theory]
    [InlineData("pacs.008", MessageKind.Pacs008, null)]
    [InlineData("pacs008", MessageKind.Pacs008, null)]
    [InlineData(" Camt.056 ", MessageKind.Camt056, null)]
    [InlineData("pacs.008.001.13", MessageKind.Pacs008, MessageVersion.Pacs008V13)]
    [InlineData("pacs.002.001.10", MessageKind.Pacs002, MessageVersion.Pacs002V10)]
    [InlineData("acmt024", MessageKind.Acmt024, null)]
    public void TryParse_KnownName_ReturnsKindAndVersion(string text, MessageKind kind, MessageVersion? version)
    {
        var ok = MessageKindNames.TryParse(text, out var sut, out var parsedVersion);

        Assert.True(ok);
        Assert.Equal(kind, sut);
        Assert.Equal(version, parsedVersion);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pacs.009")]
    [InlineData("pacs.008.001.99")]
    [InlineData("pacs.0.08")]
    public void TryParse_UnknownName_ReturnsFalse(string? text)
    {
        Assert.False(MessageKindNames.TryParse(text, out _, out _));
    }

    [Fact]
    public void ShortName_EveryKind_ParsesBack()
    {
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            Assert.True(MessageKindNames.TryParse(kind.ShortName(), out var sut, out _));
            Assert.Equal(kind, sut);
        }
    }
}
