using PaymentSwitch.Domain;
using PaymentSwitch.Hub;
using PaymentSwitch.Services.Protocol;

namespace PaymentSwitch.Services.Adapters;

/// <summary>Where a payment sent by an adapter ended.</summary>
public enum OutcomeStage
{
    /// <summary>The destination accepted it (pacs.002 ACCC through the hub).</summary>
    Accepted,

    /// <summary>The source IPS refused it before sending (funds, account, cap, proxy not found).</summary>
    Source,

    /// <summary>The hub or the destination refused it (pacs.002 RJCT), or the hub timed it out.</summary>
    Rejected,

    /// <summary>No final answer arrived within the adapter's wait (the payment may still complete later).</summary>
    NoAnswer,
}

/// <summary>What became of one payment, as its source adapter saw it.</summary>
/// <param name="Uetr">The payment's UETR (default when it was refused before one was assigned).</param>
/// <param name="Stage">Where it ended.</param>
/// <param name="Status">The final pacs.002 status (ACCC or RJCT), or <c>null</c>.</param>
/// <param name="Reason">The ISO 20022 reason code of a refusal.</param>
/// <param name="Detail">The refusal's field and sentence, when known.</param>
/// <param name="Quote">The quote the payment was priced with, if it got that far.</param>
/// <param name="Elapsed">From the customer's instruction to the final answer.</param>
public sealed record PaymentOutcome(Uetr Uetr, OutcomeStage Stage, TransactionStatus? Status, StatusReasonCode Reason, string? Detail, QuoteDto? Quote, TimeSpan Elapsed)
{
    /// <summary>A refusal by the source IPS.</summary>
    public static PaymentOutcome Refused(Uetr uetr, in Rejection rejection, QuoteDto? quote, TimeSpan elapsed) =>
        new(uetr, OutcomeStage.Source, null, rejection.Reason, rejection.ToString(), quote, elapsed);
}
