using MessagePack;

namespace PaymentSwitch.Iso20022.MessagePack;

/// <summary>
/// A MessagePack ISO 20022 payload was refused: malformed MessagePack, a value out of range, an invalid identifier, a
/// missing required field or an unsupported wire version. <see cref="FieldPath"/> names where, for example
/// <c>CustomerCreditTransfer.Transactions[0].DebtorAgent.Bicfi</c>, and <see cref="Rule"/> says what was wrong.
/// </summary>
/// <remarks>
/// It derives from <see cref="MessagePackSerializationException"/>, so callers that already handle MessagePack's own
/// failures handle this one too. The message is safe to send back to the peer: it quotes at most a short identifier.
/// </remarks>
public sealed class IsoWireException : MessagePackSerializationException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public IsoWireException()
        : this(string.Empty, "the MessagePack ISO 20022 payload is invalid", null)
    {
    }

    /// <summary>Creates an exception whose rule is <paramref name="message"/> and whose path is empty.</summary>
    public IsoWireException(string message)
        : this(string.Empty, message, null)
    {
    }

    /// <summary>Creates an exception whose rule is <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public IsoWireException(string message, Exception? innerException)
        : this(string.Empty, message, innerException)
    {
    }

    /// <summary>Creates an exception for the field at <paramref name="fieldPath"/> that broke <paramref name="rule"/>.</summary>
    public IsoWireException(string fieldPath, string rule, Exception? innerException)
        : base(Format(fieldPath, rule), innerException)
    {
        FieldPath = fieldPath;
        Rule = rule;
    }

    /// <summary>
    /// Where the problem is, as model names from the message root: record fields joined by '.', list items as
    /// <c>[index]</c>; empty when the problem is the frame itself.
    /// </summary>
    public string FieldPath { get; }

    /// <summary>The broken rule in plain words.</summary>
    public string Rule { get; }

    private static string Format(string fieldPath, string rule) =>
        fieldPath.Length == 0 ? rule : $"{fieldPath}: {rule}";
}
