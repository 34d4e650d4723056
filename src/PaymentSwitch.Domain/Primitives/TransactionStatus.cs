namespace PaymentSwitch.Domain;

/// <summary>
/// The ISO 20022 <c>ExternalPaymentTransactionStatus1Code</c> values a switch reports in pacs.002 <c>TxInfAndSts/TxSts</c>.
/// Member names are the four-character wire codes.
/// </summary>
/// <remarks>The numeric values are not part of any standard; never persist or transmit them, use <see cref="TransactionStatuses.ToCode"/>.</remarks>
public enum TransactionStatus
{
    /// <summary>AcceptedTechnicalValidation: authentication and syntactical and semantic validation succeeded.</summary>
    ACTC,

    /// <summary>AcceptedCustomerProfile: the preceding checks and the customer profile check succeeded.</summary>
    ACCP,

    /// <summary>AcceptedSettlementInProcess: all checks succeeded and the transaction is ready for settlement.</summary>
    ACSP,

    /// <summary>AcceptedSettlementCompleted: settlement on the debtor's account is completed.</summary>
    ACSC,

    /// <summary>AcceptedCreditSettlementCompleted: settlement on the creditor's account is completed.</summary>
    ACCC,

    /// <summary>AcceptedWithoutPosting: the transaction is accepted but not yet posted to the creditor's account.</summary>
    ACWP,

    /// <summary>Pending: the transaction is pending; further checks and a status update will follow.</summary>
    PDNG,

    /// <summary>Rejected: the transaction has been rejected.</summary>
    RJCT,

    /// <summary>Blocked: the transaction is blocked and the funds are frozen, for example by a sanctions or fraud decision.</summary>
    BLCK,
}

/// <summary>Names, meanings, wire codes and finality of <see cref="TransactionStatus"/> values.</summary>
public static class TransactionStatuses
{
    // The tables are indexed by the enum's numeric value, so they must list the members in declaration order.
    private static readonly string[] Codes = ["ACTC", "ACCP", "ACSP", "ACSC", "ACCC", "ACWP", "PDNG", "RJCT", "BLCK"];

    private static readonly string[] Names =
    [
        "AcceptedTechnicalValidation",
        "AcceptedCustomerProfile",
        "AcceptedSettlementInProcess",
        "AcceptedSettlementCompleted",
        "AcceptedCreditSettlementCompleted",
        "AcceptedWithoutPosting",
        "Pending",
        "Rejected",
        "Blocked",
    ];

    private static readonly string[] Meanings =
    [
        "Authentication and syntactical and semantic validation of the transaction succeeded.",
        "The technical checks and the customer profile check of the transaction succeeded.",
        "All checks succeeded and the transaction has been accepted for settlement.",
        "Settlement on the debtor's account has been completed.",
        "Settlement on the creditor's account has been completed.",
        "The transaction has been accepted but not yet posted to the creditor's account.",
        "The transaction is pending; further checks and a status update will follow.",
        "The transaction has been rejected.",
        "The transaction has been blocked and its funds frozen.",
    ];

    /// <summary>Returns the ISO 20022 name of the status, for example <c>AcceptedCreditSettlementCompleted</c> for <see cref="TransactionStatus.ACCC"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined member.</exception>
    public static string Name(TransactionStatus status) => Names[Index(status)];

    /// <summary>Returns a one-sentence explanation of the status, paraphrasing the ISO 20022 external code set definition.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined member.</exception>
    public static string Meaning(TransactionStatus status) => Meanings[Index(status)];

    /// <summary>Returns the four-character wire code; a cached string, so nothing is allocated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined member.</exception>
    public static string ToCode(TransactionStatus status) => Codes[Index(status)];

    /// <summary>Parses a four-character upper-case wire code; anything else, including <c>null</c>, returns <c>false</c>.</summary>
    public static bool TryParse(string? code, out TransactionStatus status) => TryParse(code.AsSpan(), out status);

    /// <summary>Parses a four-character upper-case wire code without allocating; anything else returns <c>false</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> code, out TransactionStatus status)
    {
        switch (code)
        {
            case "ACTC": status = TransactionStatus.ACTC; return true;
            case "ACCP": status = TransactionStatus.ACCP; return true;
            case "ACSP": status = TransactionStatus.ACSP; return true;
            case "ACSC": status = TransactionStatus.ACSC; return true;
            case "ACCC": status = TransactionStatus.ACCC; return true;
            case "ACWP": status = TransactionStatus.ACWP; return true;
            case "PDNG": status = TransactionStatus.PDNG; return true;
            case "RJCT": status = TransactionStatus.RJCT; return true;
            case "BLCK": status = TransactionStatus.BLCK; return true;
            default: status = default; return false;
        }
    }

    /// <summary>
    /// Whether the status ends the transaction's life at the switch: no later pacs.002 may change it.
    /// ACCC, ACSC, RJCT and BLCK are final; ACTC, ACCP, ACSP, PDNG and ACWP are not.
    /// </summary>
    /// <remarks>
    /// ACWP is not final. Nexus uses it for a NORM payment whose funds reached the destination PSP but are held (for
    /// example for a sanctions review); the destination must follow it within the scheme's time limit with ACCC, RJCT or
    /// BLCK, and a hop that saw only ACWP forwards a resent pacs.008 rather than answering from its own record.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined member.</exception>
    public static bool IsFinal(TransactionStatus status) => status switch
    {
        TransactionStatus.ACCC or TransactionStatus.ACSC or TransactionStatus.RJCT or TransactionStatus.BLCK => true,
        TransactionStatus.ACTC or TransactionStatus.ACCP or TransactionStatus.ACSP or TransactionStatus.PDNG or TransactionStatus.ACWP => false,
        _ => throw new ArgumentOutOfRangeException(nameof(status), (int)status, "The value is not a defined member of the enumeration."),
    };

    private static int Index(TransactionStatus status)
    {
        var index = (int)status;
        if ((uint)index >= (uint)Codes.Length)
        {
            ThrowHelper.UndefinedEnumValue(nameof(status), index);
        }

        return index;
    }
}
