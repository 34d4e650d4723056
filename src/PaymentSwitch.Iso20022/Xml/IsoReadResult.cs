using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Xml;

/// <summary>
/// The outcome of reading an ISO 20022 XML document: the message, or every error found (each with its
/// element path and reason code). Warnings name elements that were skipped because PaymentSwitch does not
/// model them.
/// </summary>
public sealed record IsoReadResult
{
    /// <summary>The message read; null when the document could not be understood at all.</summary>
    public IsoEnvelope? Envelope { get; init; }

    /// <summary>Every error found. Non-empty means the message must be rejected.</summary>
    public ValueList<IsoError> Errors { get; init; }

    /// <summary>Paths of elements that were read past without being modelled.</summary>
    public ValueList<string> Warnings { get; init; }

    /// <summary>True when the message was read without errors.</summary>
    public bool IsSuccess => Envelope is not null && Errors.IsEmpty;
}
