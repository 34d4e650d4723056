using System.Diagnostics.CodeAnalysis;
using System.Text;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Iso20022.MessagePack;
using PaymentSwitch.Iso20022.Xml;
using PaymentSwitch.Messaging;

namespace PaymentSwitch.Services.Protocol;

/// <summary>
/// Encodes and decodes ISO 20022 messages on the bus: MessagePack by default, XML when the content type asks for it.
/// Decoding never throws: untrusted bytes give a <see cref="Rejection"/> naming the field and an ISO 20022 reason code.
/// </summary>
public static class IsoWire
{
    /// <summary>The largest payload accepted, as the XML reader's limit: 1 MiB.</summary>
    public const int MaxPayloadBytes = 1 << 20;

    /// <summary>Encodes <paramref name="message"/> as <paramref name="version"/> in <paramref name="contentType"/> and returns the headers to send with it.</summary>
    /// <param name="message">The canonical message.</param>
    /// <param name="version">The schema version the receiver speaks.</param>
    /// <param name="contentType"><see cref="ContentTypes.MessagePack"/> or <see cref="ContentTypes.Xml"/>.</param>
    /// <param name="messageId">The <c>Nats-Msg-Id</c>: the UETR where the message concerns one payment, else the MsgId.</param>
    public static (byte[] Payload, MessageHeaders Headers) Encode(IsoMessage message, MessageVersion version, string contentType, string? messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = new MessageHeaders
        {
            [HeaderNames.ContentType] = ContentTypes.IsXml(contentType) ? ContentTypes.Xml : ContentTypes.MessagePack,
            [HeaderNames.MessageType] = version.Identifier(),
            [HeaderNames.ProtocolVersion] = ProtocolSubjects.Version,
        };
        if (!string.IsNullOrEmpty(messageId))
        {
            headers[HeaderNames.MessageId] = messageId;
        }

        var payload = ContentTypes.IsXml(contentType)
            ? Encoding.UTF8.GetBytes(IsoXml.Write(message, version))
            : IsoMessagePack.Serialize(new IsoEnvelope(version, null, message));
        return (payload, headers);
    }

    /// <summary>Decodes a bus message into its ISO 20022 envelope, or says precisely why it cannot.</summary>
    public static bool TryDecode(in BusMessage message, [NotNullWhen(true)] out IsoEnvelope? envelope, out Rejection rejection)
    {
        envelope = null;
        string? contentType = null;
        message.Headers?.TryGet(HeaderNames.ContentType, out contentType);
        if (message.Payload.Length == 0)
        {
            rejection = new Rejection(StatusReasonCode.FF01, "payload", "the message is empty");
            return false;
        }

        if (message.Payload.Length > MaxPayloadBytes)
        {
            rejection = new Rejection(StatusReasonCode.FF01, "payload", $"the message is {message.Payload.Length} bytes; the limit is {MaxPayloadBytes}");
            return false;
        }

        if (ContentTypes.IsXml(contentType))
        {
            var read = IsoXml.Read(message.Payload.Span);
            if (read.IsSuccess)
            {
                envelope = read.Envelope!;
                rejection = default;
                return true;
            }

            var first = read.Errors.IsEmpty ? new IsoError("Document", "the document could not be read", StatusReasonCode.FF01) : read.Errors[0];
            rejection = new Rejection(first.Reason, first.Path, read.Errors.Count > 1 ? $"{first.Rule} (and {read.Errors.Count - 1} more errors)" : first.Rule);
            return false;
        }

        if (!ContentTypes.IsMessagePack(contentType))
        {
            rejection = new Rejection(StatusReasonCode.FF01, HeaderNames.ContentType, $"unsupported content type '{contentType}'; use {ContentTypes.MessagePack} or {ContentTypes.Xml}");
            return false;
        }

        if (!IsoMessagePack.TryDeserializeEnvelope(message.Payload, out envelope, out var error))
        {
            rejection = new Rejection(StatusReasonCode.FF01, "payload", $"not a MessagePack ISO 20022 envelope: {error}");
            return false;
        }

        rejection = default;
        return true;
    }

    /// <summary>Headers of an error reply: <c>PaymentSwitch-Error</c> (the field and sentence) and <c>PaymentSwitch-Reason</c> (the code).</summary>
    public static MessageHeaders ErrorHeaders(in Rejection rejection) => new()
    {
        [HeaderNames.ContentType] = ContentTypes.Json,
        [HeaderNames.ProtocolVersion] = ProtocolSubjects.Version,
        [HeaderNames.Reason] = StatusReasons.ToCode(rejection.Reason),
        [HeaderNames.Error] = $"{rejection.Field}: {rejection.Detail}",
    };
}
