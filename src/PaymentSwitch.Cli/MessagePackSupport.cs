using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Cli;

/// <summary>The bridge to the MessagePack codec, kept in one place so the commands do not depend on its shape.</summary>
internal static class MessagePackSupport
{
    /// <summary>Whether MessagePack can be read and written by this build.</summary>
    public static bool IsAvailable => false;

    public static bool TryDecode(byte[] bytes, out IsoEnvelope? envelope, out string error)
    {
        _ = bytes;
        envelope = null;
        error = "/: the input is not XML ('<') or JSON ('{'), and MessagePack support is not built into this version yet";
        return false;
    }

    public static byte[]? Encode(IsoEnvelope envelope, out string? error)
    {
        _ = envelope;
        error = "MessagePack output is not built into this version yet";
        return null;
    }
}
