using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MessagePack;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.MessagePack;

/// <summary>
/// Writes and reads canonical ISO 20022 messages as MessagePack, the hub's internal wire format
/// (specified in docs/wire-format.md so that connectors in any language can speak it).
/// </summary>
/// <remarks>
/// <para>Every payload is one MessagePack array <c>[wireVersion, kind, body]</c> (an envelope adds
/// <c>messageVersion, header</c>). Records inside are positional arrays that tolerate both newer writers (extra trailing
/// fields are skipped) and older writers (missing trailing fields read as nil).</para>
/// <para>Security: every input is untrusted. Reading uses <see cref="MessagePackSecurity.UntrustedData"/> with an object
/// graph depth limit, refuses length headers larger than the bytes that remain before allocating, caps every list and
/// string, validates every identifier, code and range, and never decompresses. A failure is an
/// <see cref="IsoWireException"/> naming the field; <see cref="TryDeserialize(ReadOnlyMemory{byte}, out IsoMessage?, out string?)"/>
/// turns it into an error value for boundary code that must answer rather than drop the connection.</para>
/// <para>Writing into an <see cref="IBufferWriter{T}"/> allocates nothing once the formatters are warm.</para>
/// </remarks>
public static class IsoMessagePack
{
    /// <summary>The deepest nesting of records a payload may have; the model itself needs about a dozen levels.</summary>
    public const int MaxObjectGraphDepth = 32;

    // The byte[] overloads write into a per-thread scratch buffer first; one that grew past this is not kept.
    private const int MaxRetainedScratchBytes = 1024 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _scratch;

    /// <summary>
    /// The options every read and write uses: <see cref="IsoResolver"/> only, <see cref="MessagePackSecurity.UntrustedData"/>
    /// with a depth limit of <see cref="MaxObjectGraphDepth"/>, and no compression.
    /// </summary>
    public static MessagePackSerializerOptions Options { get; } = MessagePackSerializerOptions.Standard
        .WithResolver(IsoResolver.Instance)
        .WithSecurity(MessagePackSecurity.UntrustedData.WithMaximumObjectGraphDepth(MaxObjectGraphDepth))
        .WithCompression(MessagePackCompression.None);

    /// <summary>Writes a message in its frame and returns the bytes.</summary>
    /// <exception cref="ArgumentException">The model breaks a rule the wire format enforces (a default identifier, an amount of more than 18 digits, a list over its limit).</exception>
    public static byte[] Serialize(IsoMessage message) => Serialize<IsoMessage>(message);

    /// <summary>Writes a message in its frame to <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentException">The model breaks a rule the wire format enforces.</exception>
    public static void Serialize(IBufferWriter<byte> writer, IsoMessage message) => Serialize<IsoMessage>(writer, message);

    /// <summary>Writes a message of a known type (no type dispatch: the hot path for <see cref="CustomerCreditTransfer"/>) and returns the bytes.</summary>
    /// <exception cref="ArgumentException">The model breaks a rule the wire format enforces.</exception>
    public static byte[] Serialize<T>(T message)
        where T : IsoMessage
    {
        ArgumentNullException.ThrowIfNull(message);
        var scratch = RentScratch();
        Serialize(scratch, message);
        return ReturnScratch(scratch);
    }

    /// <summary>Writes a message of a known type to <paramref name="writer"/>; allocates nothing after warm-up.</summary>
    /// <exception cref="ArgumentException">The model breaks a rule the wire format enforces.</exception>
    public static void Serialize<T>(IBufferWriter<byte> writer, T message)
        where T : IsoMessage
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        var messagePackWriter = new MessagePackWriter(writer);
        Frame.WriteMessage(ref messagePackWriter, message, Options);
        messagePackWriter.Flush();
    }

    /// <summary>Writes an envelope (version, optional business application header, message) and returns the bytes.</summary>
    /// <exception cref="ArgumentException">The model breaks a rule the wire format enforces, or the version is not one of the message's.</exception>
    public static byte[] Serialize(IsoEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var scratch = RentScratch();
        Serialize(scratch, envelope);
        return ReturnScratch(scratch);
    }

    /// <summary>Writes an envelope to <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentException">The model breaks a rule the wire format enforces, or the version is not one of the message's.</exception>
    public static void Serialize(IBufferWriter<byte> writer, IsoEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(envelope);
        var messagePackWriter = new MessagePackWriter(writer);
        Frame.WriteEnvelope(ref messagePackWriter, envelope, Options);
        messagePackWriter.Flush();
    }

    /// <summary>Reads one message (a bare frame, or the message of an envelope).</summary>
    /// <exception cref="IsoWireException">The bytes are not a valid payload; the message names the field and the rule.</exception>
    public static IsoMessage Deserialize(ReadOnlyMemory<byte> bytes) => Deserialize<IsoMessage>(bytes);

    /// <summary>Reads one message that must be a <typeparamref name="T"/> (for example the pacs.008 hot path).</summary>
    /// <exception cref="IsoWireException">The bytes are not a valid payload, or hold another kind of message.</exception>
    public static T Deserialize<T>(ReadOnlyMemory<byte> bytes)
        where T : IsoMessage
    {
        var reader = new MessagePackReader(bytes);
        try
        {
            var message = Frame.ReadMessage<T>(ref reader, Options);
            EnsureEnd(ref reader);
            return message;
        }
        catch (Exception ex) when (Wire.IsMalformed(ex))
        {
            throw Wire.AsWireException(ex);
        }
    }

    /// <summary>Reads an envelope: a frame that also carries the message version and, optionally, its header.</summary>
    /// <exception cref="IsoWireException">The bytes are not a valid envelope.</exception>
    public static IsoEnvelope DeserializeEnvelope(ReadOnlyMemory<byte> bytes)
    {
        var reader = new MessagePackReader(bytes);
        try
        {
            var envelope = Frame.ReadEnvelope(ref reader, Options);
            EnsureEnd(ref reader);
            return envelope;
        }
        catch (Exception ex) when (Wire.IsMalformed(ex))
        {
            throw Wire.AsWireException(ex);
        }
    }

    /// <summary>
    /// Reads one message, answering with an error instead of throwing for any input, however malformed or hostile.
    /// </summary>
    /// <remarks>
    /// Only <see cref="IsoWireException"/> is caught. <see cref="Deserialize{T}"/> turns into one exactly the exceptions
    /// MessagePack raises for bad input (<see cref="MessagePackSerializationException"/>, <see cref="EndOfStreamException"/>,
    /// <see cref="OverflowException"/>, <see cref="InsufficientExecutionStackException"/>); anything else would be a bug in
    /// this code and is deliberately left to propagate rather than be reported as the sender's fault.
    /// </remarks>
    public static bool TryDeserialize(
        ReadOnlyMemory<byte> bytes, [NotNullWhen(true)] out IsoMessage? message, [NotNullWhen(false)] out string? error) =>
        TryDeserialize<IsoMessage>(bytes, out message, out error);

    /// <summary>Reads one message that must be a <typeparamref name="T"/>, answering with an error instead of throwing.</summary>
    public static bool TryDeserialize<T>(ReadOnlyMemory<byte> bytes, [NotNullWhen(true)] out T? message, [NotNullWhen(false)] out string? error)
        where T : IsoMessage
    {
        try
        {
            message = Deserialize<T>(bytes);
            error = null;
            return true;
        }
        catch (IsoWireException ex)
        {
            message = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Reads an envelope, answering with an error instead of throwing for any input.</summary>
    public static bool TryDeserializeEnvelope(
        ReadOnlyMemory<byte> bytes, [NotNullWhen(true)] out IsoEnvelope? envelope, [NotNullWhen(false)] out string? error)
    {
        try
        {
            envelope = DeserializeEnvelope(bytes);
            error = null;
            return true;
        }
        catch (IsoWireException ex)
        {
            envelope = null;
            error = ex.Message;
            return false;
        }
    }

    private static void EnsureEnd(ref MessagePackReader reader)
    {
        if (!reader.End)
        {
            var trailing = reader.Sequence.Length - reader.Consumed;
            throw Wire.Error(string.Create(
                CultureInfo.InvariantCulture,
                $"{trailing} bytes follow the message; a payload holds exactly one frame"));
        }
    }

    private static ArrayBufferWriter<byte> RentScratch()
    {
        var scratch = _scratch ??= new ArrayBufferWriter<byte>(4096);
        scratch.ResetWrittenCount();
        return scratch;
    }

    private static byte[] ReturnScratch(ArrayBufferWriter<byte> scratch)
    {
        var bytes = scratch.WrittenSpan.ToArray();
        if (scratch.Capacity > MaxRetainedScratchBytes)
        {
            _scratch = null;
        }

        return bytes;
    }
}
