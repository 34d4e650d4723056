namespace PaymentSwitch.Services.Protocol;

/// <summary>The payload encodings of protocol version 1, named in the <c>Content-Type</c> header.</summary>
public static class ContentTypes
{
    /// <summary>The default: the canonical model as MessagePack (docs/wire-format.md), an envelope carrying the version.</summary>
    public const string MessagePack = "application/vnd.paymentswitch.iso20022+msgpack";

    /// <summary>An ISO 20022 XML document, optionally wrapped with its head.001 AppHdr (docs/iso20022.md).</summary>
    public const string Xml = "application/xml";

    /// <summary>JSON, for the non-ISO 20022 exchanges: quotes, proxy registration, admin and events.</summary>
    public const string Json = "application/json";

    /// <summary>Whether <paramref name="contentType"/> names ISO 20022 XML (<c>application/xml</c> or <c>text/xml</c>, parameters ignored).</summary>
    public static bool IsXml(string? contentType)
    {
        var media = MediaType(contentType);
        return media.Equals(Xml, StringComparison.OrdinalIgnoreCase) || media.Equals("text/xml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether <paramref name="contentType"/> names the MessagePack encoding; an absent header means MessagePack.</summary>
    public static bool IsMessagePack(string? contentType) =>
        string.IsNullOrWhiteSpace(contentType) || MediaType(contentType).Equals(MessagePack, StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> MediaType(string? contentType)
    {
        var span = contentType.AsSpan();
        var semicolon = span.IndexOf(';');
        return (semicolon >= 0 ? span[..semicolon] : span).Trim();
    }
}
