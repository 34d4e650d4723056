using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.MessagePack;

namespace PaymentSwitch.Cli;

/// <summary>The bridge to the MessagePack codec (<see cref="IsoMessagePack"/>), kept in one place for the commands.</summary>
internal static class MessagePackSupport
{
    /// <summary>
    /// Reads an envelope frame; a bare message frame (no version) is accepted too and given its message's newest
    /// version. Never throws for bad input: the error names the field and the rule.
    /// </summary>
    public static bool TryDecode(byte[] bytes, out IsoEnvelope? envelope, out string error)
    {
        if (IsoMessagePack.TryDeserializeEnvelope(bytes, out envelope, out var envelopeError))
        {
            error = string.Empty;
            return true;
        }

        if (IsoMessagePack.TryDeserialize(bytes, out var message, out _))
        {
            envelope = new IsoEnvelope(MessageVersions.Latest(message.Kind), null, message);
            error = string.Empty;
            return true;
        }

        error = $"/: not XML ('<'), not JSON ('{{'), and not a valid MessagePack envelope: {envelopeError}";
        return false;
    }

    /// <summary>Writes an envelope frame, or returns null with the rule the model breaks.</summary>
    public static byte[]? Encode(IsoEnvelope envelope, out string? error)
    {
        try
        {
            error = null;
            return IsoMessagePack.Serialize(envelope);
        }
        catch (ArgumentException ex)
        {
            error = $"cannot be written as MessagePack: {ex.Message}";
            return null;
        }
    }
}
