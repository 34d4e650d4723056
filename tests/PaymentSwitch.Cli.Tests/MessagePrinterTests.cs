using System.Text;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Xml;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Protocol;

namespace PaymentSwitch.Cli.Tests;

/// <summary>How <c>send</c> shows a bus message: subject, headers, then XML for ISO 20022, JSON as is, and a note for anything else.</summary>
public sealed class MessagePrinterTests
{
    [Fact]
    public void Print_MessagePackIsoMessage_WritesSubjectHeadersAndIndentedXml()
    {
        var xml = ExampleXml();
        var read = IsoXml.Read(Encoding.UTF8.GetBytes(xml));
        Assert.True(read.IsSuccess, string.Join("; ", read.Errors));
        var (payload, headers) = IsoWire.Encode(read.Envelope!.Message, read.Envelope.Version, ContentTypes.MessagePack, "8a562c67-ca16-48ba-b074-65581be6f001");
        using var sut = new StringWriter();

        MessagePrinter.Print(sut, new BusMessage("ps.v1.hub.in.SG-FAST", null, headers, payload));

        var text = sut.ToString();
        Assert.Contains("── ps.v1.hub.in.SG-FAST  " + read.Envelope.Version.Identifier(), text, StringComparison.Ordinal);
        Assert.Contains("   Nats-Msg-Id: 8a562c67-ca16-48ba-b074-65581be6f001", text, StringComparison.Ordinal);
        Assert.Contains("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:" + read.Envelope.Version.Identifier() + "\">", text, StringComparison.Ordinal);
        Assert.Contains("\n  <", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_Json_WritesTheBodyAsIs()
    {
        using var sut = new StringWriter();
        var headers = new MessageHeaders { [HeaderNames.ContentType] = ContentTypes.Json };

        MessagePrinter.Print(sut, new BusMessage("ps.v1.hub.quotes", "_INBOX.x", headers, "{\"a\":1}"u8.ToArray()));

        Assert.Contains("── ps.v1.hub.quotes", sut.ToString(), StringComparison.Ordinal);
        Assert.Contains("{\"a\":1}", sut.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Print_UnreadablePayloadOnAReplySubject_SaysWhyInsteadOfThrowing()
    {
        using var sut = new StringWriter();

        MessagePrinter.Print(sut, new BusMessage("_INBOX.abc.1", null, null, new byte[] { 0xC1, 0x00 }));

        Assert.Contains("── reply", sut.ToString(), StringComparison.Ordinal);
        Assert.Contains("(not readable as ISO 20022: FF01", sut.ToString(), StringComparison.Ordinal);
    }

    private static string ExampleXml()
    {
        using var runner = new CliRunner();
        var result = runner.Run("iso", "example", "pacs.008");
        Assert.True(result.ExitCode == Cli.Ok, result.ToString());
        return result.Output;
    }
}
