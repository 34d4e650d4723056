using System.Globalization;
using MessagePack;
using MessagePack.Formatters;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.MessagePack;

/// <summary>
/// The top-level frame every message travels in. A bare message writes positions 0 to 2; an envelope adds 3 and 4.
/// A message reader skips 3 and 4 like any trailing field, so an envelope can be read as a bare message.
/// <code>
/// | pos | field          | wire type                                  | presence                    |
/// |   0 | WireVersion    | int, = 1                                   | required, always position 0 |
/// |   1 | Kind           | int: MessageKind                           | required                    |
/// |   2 | Body           | the kind's body (CustomerCreditTransfer..) | required                    |
/// |   3 | MessageVersion | int: MessageVersion, of the same kind      | required in an envelope     |
/// |   4 | Header         | BusinessApplicationHeader                  | optional                    |
/// </code>
/// </summary>
internal static class Frame
{
    internal static readonly string[] Fields = ["WireVersion", "Kind", "Body", "MessageVersion", "Header"];

    private const int BodyPosition = 2;

    /// <summary>Writes <c>[1, kind, body]</c>.</summary>
    public static void WriteMessage<T>(ref MessagePackWriter writer, T message, MessagePackSerializerOptions options)
        where T : IsoMessage
    {
        writer.WriteArrayHeader(3);
        WriteHead(ref writer, message, options);
    }

    /// <summary>Writes <c>[1, kind, body, messageVersion, header]</c>.</summary>
    public static void WriteEnvelope(ref MessagePackWriter writer, IsoEnvelope envelope, MessagePackSerializerOptions options)
    {
        var message = Wire.NotNull(envelope.Message, "IsoEnvelope.Message");
        if (envelope.Version.Kind() != message.Kind)
        {
            throw Wire.InvalidModel($"envelope version {envelope.Version.Identifier()} does not belong to a {message.Kind} message");
        }

        writer.WriteArrayHeader(5);
        WriteHead(ref writer, message, options);
        writer.Write(WireCodes.ToWire(envelope.Version));
        BusinessApplicationHeaderFormatter.Instance.Serialize(ref writer, envelope.Header, options);
    }

    /// <summary>Reads a frame (bare or envelope) and returns its message, which must be a <typeparamref name="T"/>.</summary>
    public static T ReadMessage<T>(ref MessagePackReader reader, MessagePackSerializerOptions options)
        where T : IsoMessage
    {
        var fields = BeginFrame(ref reader, options);
        MessageKind? kind = null;
        try
        {
            kind = ReadHead(ref reader, ref fields);
            var message = ReadBody<T>(ref reader, kind.Value, options);
            Wire.EndRecord(ref reader, ref fields);
            return message;
        }
        catch (Exception ex) when (Wire.IsMalformed(ex))
        {
            throw AtFramePosition(ex, fields.Current, kind);
        }
    }

    /// <summary>Reads an envelope frame: a message frame that also carries its version and, optionally, a header.</summary>
    public static IsoEnvelope ReadEnvelope(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        var fields = BeginFrame(ref reader, options);
        MessageKind? kind = null;
        try
        {
            kind = ReadHead(ref reader, ref fields);
            var message = ReadBody<IsoMessage>(ref reader, kind.Value, options);
            var version = WireCodes.MessageVersionFromWire(Wire.RequiredValue(fields.Next() ? Wire.ReadCode(ref reader) : null));
            if (version.Kind() != kind)
            {
                throw Wire.Error($"message version {version.Identifier()} does not belong to the frame's message kind {kind}");
            }

            var header = fields.Next() ? BusinessApplicationHeaderFormatter.Instance.Deserialize(ref reader, options) : null;
            Wire.EndRecord(ref reader, ref fields);
            return new IsoEnvelope(version, header, message);
        }
        catch (Exception ex) when (Wire.IsMalformed(ex))
        {
            throw AtFramePosition(ex, fields.Current, kind);
        }
    }

    private static FieldCursor BeginFrame(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            throw Wire.Error("a MessagePack ISO 20022 payload is an array [wireVersion, kind, body, ...]; the first byte is not an array header");
        }

        return Wire.BeginRecord(ref reader, options);
    }

    private static void WriteHead<T>(ref MessagePackWriter writer, T message, MessagePackSerializerOptions options)
        where T : IsoMessage
    {
        writer.Write(Wire.WireVersion);
        writer.Write(WireCodes.ToWire(message.Kind));
        if (MessageBody<T>.Formatter is { } typed)
        {
            typed.Serialize(ref writer, message, options);
            return;
        }

        switch (message)
        {
            case CustomerCreditTransfer m: CustomerCreditTransferFormatter.Instance.Serialize(ref writer, m, options); break;
            case PaymentStatusReport m: PaymentStatusReportFormatter.Instance.Serialize(ref writer, m, options); break;
            case PaymentReturn m: PaymentReturnFormatter.Instance.Serialize(ref writer, m, options); break;
            case PaymentStatusRequest m: PaymentStatusRequestFormatter.Instance.Serialize(ref writer, m, options); break;
            case CancellationRequest m: CancellationRequestFormatter.Instance.Serialize(ref writer, m, options); break;
            case ResolutionOfInvestigation m: ResolutionOfInvestigationFormatter.Instance.Serialize(ref writer, m, options); break;
            case IdentificationVerificationRequest m: IdentificationVerificationRequestFormatter.Instance.Serialize(ref writer, m, options); break;
            case IdentificationVerificationReport m: IdentificationVerificationReportFormatter.Instance.Serialize(ref writer, m, options); break;
            default: throw Wire.InvalidModel($"{message.GetType().Name} is not a message type the wire format knows");
        }
    }

    private static MessageKind ReadHead(ref MessagePackReader reader, ref FieldCursor fields)
    {
        // Position 0 is the wire version in every layout, present and future, so it is checked before anything else.
        var wireVersion = Wire.RequiredValue(fields.Next() ? Wire.ReadCode(ref reader) : null);
        if (wireVersion != Wire.WireVersion)
        {
            throw Wire.Error(string.Create(
                CultureInfo.InvariantCulture,
                $"unsupported wire version {wireVersion}; this reader understands wire version {Wire.WireVersion} only"));
        }

        var kind = WireCodes.MessageKindFromWire(Wire.RequiredValue(fields.Next() ? Wire.ReadCode(ref reader) : null));
        if (!fields.Next() || reader.IsNil)
        {
            throw Wire.Error("is required but is nil or absent");
        }

        return kind;
    }

    private static T ReadBody<T>(ref MessagePackReader reader, MessageKind kind, MessagePackSerializerOptions options)
        where T : IsoMessage
    {
        if (MessageBody<T>.Formatter is { } typed)
        {
            if (kind != MessageBody<T>.Kind)
            {
                throw Wire.Error($"the frame holds a {kind} message, not the {MessageBody<T>.Kind} ({typeof(T).Name}) that was asked for");
            }

            return Wire.Required(typed.Deserialize(ref reader, options));
        }

        IsoMessage message = kind switch
        {
            MessageKind.Pacs008 => Wire.Required(CustomerCreditTransferFormatter.Instance.Deserialize(ref reader, options)),
            MessageKind.Pacs002 => Wire.Required(PaymentStatusReportFormatter.Instance.Deserialize(ref reader, options)),
            MessageKind.Pacs004 => Wire.Required(PaymentReturnFormatter.Instance.Deserialize(ref reader, options)),
            MessageKind.Pacs028 => Wire.Required(PaymentStatusRequestFormatter.Instance.Deserialize(ref reader, options)),
            MessageKind.Camt056 => Wire.Required(CancellationRequestFormatter.Instance.Deserialize(ref reader, options)),
            MessageKind.Camt029 => Wire.Required(ResolutionOfInvestigationFormatter.Instance.Deserialize(ref reader, options)),
            MessageKind.Acmt023 => Wire.Required(IdentificationVerificationRequestFormatter.Instance.Deserialize(ref reader, options)),
            MessageKind.Acmt024 => Wire.Required(IdentificationVerificationReportFormatter.Instance.Deserialize(ref reader, options)),
            _ => throw Wire.Error($"message kind {kind} has no body layout"),
        };
        return message as T ?? throw Wire.Error($"the frame holds a {kind} message, not a {typeof(T).Name}");
    }

    // A failure inside the body is reported from the body's type name ("CustomerCreditTransfer.Transactions[0]...");
    // a failure in the frame itself names the frame position ("WireVersion: ...", "Body: is required ...").
    private static IsoWireException AtFramePosition(Exception exception, int position, MessageKind? kind) =>
        position == BodyPosition && kind is { } bodyKind && exception is not IsoWireException { FieldPath.Length: 0 }
            ? Wire.Prefix(exception, Bodies.TypeName(bodyKind))
            : Wire.AtField(exception, Fields, position);
}

/// <summary>The body formatter and message kind of a concrete message type; both null/default for <see cref="IsoMessage"/>.</summary>
internal static class MessageBody<T>
    where T : IsoMessage
{
    public static readonly IMessagePackFormatter<T?>? Formatter = (IMessagePackFormatter<T?>?)Find(typeof(T), out Kind);

    public static readonly MessageKind Kind;

    private static object? Find(Type type, out MessageKind kind)
    {
        foreach (var (messageType, messageKind, formatter) in Bodies.All)
        {
            if (messageType == type)
            {
                kind = messageKind;
                return formatter;
            }
        }

        kind = default;
        return null;
    }
}

/// <summary>Every message type with its kind and body formatter.</summary>
internal static class Bodies
{
    public static readonly (Type Type, MessageKind Kind, object Formatter)[] All =
    [
        (typeof(CustomerCreditTransfer), MessageKind.Pacs008, CustomerCreditTransferFormatter.Instance),
        (typeof(PaymentStatusReport), MessageKind.Pacs002, PaymentStatusReportFormatter.Instance),
        (typeof(PaymentReturn), MessageKind.Pacs004, PaymentReturnFormatter.Instance),
        (typeof(PaymentStatusRequest), MessageKind.Pacs028, PaymentStatusRequestFormatter.Instance),
        (typeof(CancellationRequest), MessageKind.Camt056, CancellationRequestFormatter.Instance),
        (typeof(ResolutionOfInvestigation), MessageKind.Camt029, ResolutionOfInvestigationFormatter.Instance),
        (typeof(IdentificationVerificationRequest), MessageKind.Acmt023, IdentificationVerificationRequestFormatter.Instance),
        (typeof(IdentificationVerificationReport), MessageKind.Acmt024, IdentificationVerificationReportFormatter.Instance),
    ];

    public static string TypeName(MessageKind kind)
    {
        foreach (var (type, bodyKind, _) in All)
        {
            if (bodyKind == kind)
            {
                return type.Name;
            }
        }

        return "Body";
    }
}

/// <summary>
/// A whole message in its frame, for <c>MessagePackSerializer</c> users: the resolver hands this out for
/// <see cref="IsoMessage"/> and each concrete message type, so a message never travels without its frame.
/// </summary>
internal sealed class FramedMessageFormatter<T> : IMessagePackFormatter<T?>
    where T : IsoMessage
{
    public static readonly FramedMessageFormatter<T> Instance = new();

    public void Serialize(ref MessagePackWriter writer, T? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        Frame.WriteMessage(ref writer, value, options);
    }

    public T? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        reader.TryReadNil() ? null : Frame.ReadMessage<T>(ref reader, options);
}

/// <summary>An <see cref="IsoEnvelope"/> in its frame.</summary>
internal sealed class IsoEnvelopeFormatter : IMessagePackFormatter<IsoEnvelope?>
{
    public static readonly IsoEnvelopeFormatter Instance = new();

    public void Serialize(ref MessagePackWriter writer, IsoEnvelope? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        Frame.WriteEnvelope(ref writer, value, options);
    }

    public IsoEnvelope? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        reader.TryReadNil() ? null : Frame.ReadEnvelope(ref reader, options);
}
