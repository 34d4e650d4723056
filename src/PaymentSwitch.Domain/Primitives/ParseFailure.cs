namespace PaymentSwitch.Domain;

/// <summary>
/// Why a primitive (amount, currency, identifier) could not be parsed: the ISO 20022 reason code to answer with
/// and the rule that was broken, as a precise English sentence naming the numbers involved.
/// </summary>
/// <param name="Reason">The status reason to put in a rejecting pacs.002, for example <see cref="StatusReasonCode.AM09"/>.</param>
/// <param name="Rule">The broken rule, for example "SGD allows at most 2 decimal places; got 3".</param>
public readonly record struct ParseFailure(StatusReasonCode Reason, string Rule)
{
    /// <summary>Returns "<c>CODE: rule</c>".</summary>
    public override string ToString() => $"{StatusReasons.ToCode(Reason)}: {Rule}";
}
