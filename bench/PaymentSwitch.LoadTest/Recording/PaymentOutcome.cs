namespace PaymentSwitch.LoadTest.Recording;

/// <summary>How a sent payment ended.</summary>
public enum PaymentOutcome
{
    /// <summary>The switch accepted it (pacs.002 ACSC/ACCP and the like).</summary>
    Accepted,

    /// <summary>The switch or the destination rejected it with an ISO 20022 reason code (RJCT).</summary>
    Rejected,

    /// <summary>No final answer arrived in time.</summary>
    TimedOut,

    /// <summary>The source IPS refused it before it reached the hub (e.g. a validation or liquidity refusal).</summary>
    RefusedAtSource,
}
