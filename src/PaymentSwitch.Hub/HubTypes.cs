using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub;

/// <summary>Identifies an instant payment system, e.g. <c>SG-FAST</c>, <c>TH-PROMPTPAY</c>.</summary>
public readonly record struct IpsId(string Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>
/// Why the hub refused something: the ISO 20022 status reason code it answers with, the field (element
/// path or model property) at fault, and a precise sentence. A business rejection is a value, never an exception.
/// </summary>
public readonly record struct Rejection(StatusReasonCode Reason, string Field, string Detail)
{
    /// <inheritdoc/>
    public override string ToString() => $"{StatusReasons.ToCode(Reason)} {Field}: {Detail}";
}
