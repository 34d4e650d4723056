namespace PaymentSwitch.Domain.Iso20022;

/// <summary>
/// Why a message, or part of it, was refused: the element path (e.g.
/// <c>/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt</c>), the rule broken in plain words,
/// and the ISO 20022 status reason code a switch answers with (FF01 format, CH21 missing element,
/// AM01/AM09 amounts, ...).
/// </summary>
public sealed record IsoError(string Path, string Rule, StatusReasonCode Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{StatusReasons.ToCode(Reason)} {Path}: {Rule}";
}
