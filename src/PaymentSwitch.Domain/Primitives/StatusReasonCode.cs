namespace PaymentSwitch.Domain;

/// <summary>
/// The ISO 20022 <c>ExternalStatusReason1Code</c> values a payment switch uses in a pacs.002 <c>StsRsnInf/Rsn/Cd</c>.
/// Member names are the four-character codes exactly as they appear on the wire.
/// </summary>
/// <remarks>The numeric values are not part of any standard; never persist or transmit them, use <see cref="StatusReasons.ToCode"/>.</remarks>
public enum StatusReasonCode
{
    /// <summary>No reason; the default value, never sent on the wire.</summary>
    None = 0,

    /// <summary>AbortedClearingTimeout: the clearing process was aborted because of a timeout.</summary>
    AB01,

    /// <summary>AbortedSettlementTimeout: settlement was aborted because of a timeout.</summary>
    AB03,

    /// <summary>AbortedSettlementFatalError: settlement was aborted because of a fatal error.</summary>
    AB04,

    /// <summary>TimeoutCreditorAgent: the transaction was stopped because the creditor agent timed out.</summary>
    AB05,

    /// <summary>TimeoutInstructedAgent: the transaction was stopped because the instructed agent timed out.</summary>
    AB06,

    /// <summary>OfflineCreditorAgent: the creditor agent is not online.</summary>
    AB08,

    /// <summary>IncorrectAccountNumber: the account number is invalid or missing.</summary>
    AC01,

    /// <summary>InvalidCreditorAccountNumber: the creditor account number is invalid or missing.</summary>
    AC03,

    /// <summary>ClosedAccountNumber: the account has been closed on the account servicer's books.</summary>
    AC04,

    /// <summary>BlockedAccount: the account is blocked and transactions may not be posted to it.</summary>
    AC06,

    /// <summary>TransactionForbidden: the transaction is forbidden on this type of account.</summary>
    AG01,

    /// <summary>IncorrectAgent: an agent in the payment workflow is incorrect.</summary>
    AGNT,

    /// <summary>ZeroAmount: the amount is zero.</summary>
    AM01,

    /// <summary>NotAllowedAmount: the amount is greater than the allowed maximum.</summary>
    AM02,

    /// <summary>NotAllowedCurrency: the currency cannot be processed under the existing agreement.</summary>
    AM03,

    /// <summary>InsufficientFunds: the available funds do not cover the amount.</summary>
    AM04,

    /// <summary>Duplication: the message or transaction is a duplicate.</summary>
    AM05,

    /// <summary>WrongAmount: the amount is not the amount agreed or expected.</summary>
    AM09,

    /// <summary>AmountExceedsSettlementLimit: the amount exceeds the settlement limit.</summary>
    AM23,

    /// <summary>InconsistentWithEndCustomer: the end customer's identification does not match the account.</summary>
    BE01,

    /// <summary>AccountProxyInvalid: the proxy (phone number, e-mail address, ...) is unknown or invalid.</summary>
    BE23,

    /// <summary>RequiredCompulsoryElementMissing: a mandatory element is missing.</summary>
    CH21,

    /// <summary>IncorrectCurrency: the currency of the payment is incorrect.</summary>
    CURR,

    /// <summary>DuplicatePayment: the payment is a duplicate of another payment.</summary>
    DUPL,

    /// <summary>InvalidFileFormat: the file or message format is incomplete or invalid.</summary>
    FF01,

    /// <summary>FraudulentOrigin: the message was received with a fraudulent origin.</summary>
    FRAD,

    /// <summary>Narrative: the reason is given as narrative text in the additional information.</summary>
    NARR,

    /// <summary>BankIdentifierIncorrect: a bank identifier has an incorrect format.</summary>
    RC01,

    /// <summary>InvalidIntermediaryAgent: an intermediary agent is invalid or missing.</summary>
    RC11,

    /// <summary>RegulatoryReason: the transaction was stopped for a regulatory reason.</summary>
    RR04,

    /// <summary>InvalidCutOffTime: the message was received after the agreed cut-off time (a switch also uses it for "unknown at this hop").</summary>
    TM01,
}

/// <summary>Names, meanings and wire codes of <see cref="StatusReasonCode"/> values, taken from the ISO 20022 external code set.</summary>
public static class StatusReasons
{
    // The tables are indexed by the enum's numeric value, so they must list the members in declaration order.
    private static readonly string[] Codes =
    [
        "", "AB01", "AB03", "AB04", "AB05", "AB06", "AB08", "AC01", "AC03", "AC04", "AC06", "AG01", "AGNT",
        "AM01", "AM02", "AM03", "AM04", "AM05", "AM09", "AM23", "BE01", "BE23", "CH21", "CURR", "DUPL",
        "FF01", "FRAD", "NARR", "RC01", "RC11", "RR04", "TM01",
    ];

    private static readonly string[] Names =
    [
        "None",
        "AbortedClearingTimeout",
        "AbortedSettlementTimeout",
        "AbortedSettlementFatalError",
        "TimeoutCreditorAgent",
        "TimeoutInstructedAgent",
        "OfflineCreditorAgent",
        "IncorrectAccountNumber",
        "InvalidCreditorAccountNumber",
        "ClosedAccountNumber",
        "BlockedAccount",
        "TransactionForbidden",
        "IncorrectAgent",
        "ZeroAmount",
        "NotAllowedAmount",
        "NotAllowedCurrency",
        "InsufficientFunds",
        "Duplication",
        "WrongAmount",
        "AmountExceedsSettlementLimit",
        "InconsistentWithEndCustomer",
        "AccountProxyInvalid",
        "RequiredCompulsoryElementMissing",
        "IncorrectCurrency",
        "DuplicatePayment",
        "InvalidFileFormat",
        "FraudulentOrigin",
        "Narrative",
        "BankIdentifierIncorrect",
        "InvalidIntermediaryAgent",
        "RegulatoryReason",
        "InvalidCutOffTime",
    ];

    private static readonly string[] Meanings =
    [
        "No reason was given.",
        "The clearing process was aborted because it timed out.",
        "Settlement was aborted because it timed out.",
        "Settlement was aborted because of a fatal error.",
        "The transaction was stopped because the creditor agent did not answer in time.",
        "The transaction was stopped because the instructed agent did not answer in time.",
        "The creditor agent is not online.",
        "The account number is invalid or missing.",
        "The creditor's account number is invalid or missing.",
        "The account has been closed on the books of the bank that services it.",
        "The account is blocked, so no transaction may be posted to it.",
        "This type of transaction is forbidden on this type of account.",
        "An agent in the payment workflow is incorrect.",
        "The amount in the message is zero.",
        "The amount is greater than the maximum allowed for the transaction or message.",
        "The amount is in a currency that cannot be processed under the existing agreement.",
        "The funds available do not cover the amount.",
        "The message or transaction duplicates one already received.",
        "The amount received is not the amount that was agreed or expected.",
        "The amount of the transaction exceeds the settlement limit.",
        "The identification of the end customer is not consistent with the account number.",
        "The proxy used for the account (phone number, e-mail address or other) is unknown or invalid.",
        "A mandatory element is missing.",
        "The currency of the payment is incorrect.",
        "The payment is a duplicate of another payment.",
        "The file or message format is incomplete or invalid.",
        "The message was received from a fraudulent origin.",
        "The reason is given as narrative text in the additional reason information.",
        "A bank identifier in the message has an incorrect format.",
        "An intermediary agent is invalid or missing.",
        "The transaction was stopped for a regulatory reason.",
        "The message was received after the agreed processing cut-off time.",
    ];

    /// <summary>Returns the ISO 20022 name of the code, for example <c>TimeoutCreditorAgent</c> for <see cref="StatusReasonCode.AB05"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined member.</exception>
    public static string Name(StatusReasonCode code) => Names[Index(code)];

    /// <summary>Returns a one-sentence explanation of the code, paraphrasing the ISO 20022 external code set definition.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined member.</exception>
    public static string Meaning(StatusReasonCode code) => Meanings[Index(code)];

    /// <summary>Returns the four-character wire code, for example <c>"AB05"</c>; a cached string, so nothing is allocated.</summary>
    /// <remarks><see cref="StatusReasonCode.None"/> has no wire code and returns the empty string.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined member.</exception>
    public static string ToCode(StatusReasonCode code) => Codes[Index(code)];

    /// <summary>Parses a four-character upper-case wire code; anything else, including <c>null</c> and lower case, returns <c>false</c>.</summary>
    public static bool TryParse(string? code, out StatusReasonCode reason) => TryParse(code.AsSpan(), out reason);

    /// <summary>Parses a four-character upper-case wire code without allocating; anything else returns <c>false</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> code, out StatusReasonCode reason)
    {
        // A switch on constant strings compiles to a length check plus a hash, so the lookup neither allocates nor loops.
        reason = code switch
        {
            "AB01" => StatusReasonCode.AB01,
            "AB03" => StatusReasonCode.AB03,
            "AB04" => StatusReasonCode.AB04,
            "AB05" => StatusReasonCode.AB05,
            "AB06" => StatusReasonCode.AB06,
            "AB08" => StatusReasonCode.AB08,
            "AC01" => StatusReasonCode.AC01,
            "AC03" => StatusReasonCode.AC03,
            "AC04" => StatusReasonCode.AC04,
            "AC06" => StatusReasonCode.AC06,
            "AG01" => StatusReasonCode.AG01,
            "AGNT" => StatusReasonCode.AGNT,
            "AM01" => StatusReasonCode.AM01,
            "AM02" => StatusReasonCode.AM02,
            "AM03" => StatusReasonCode.AM03,
            "AM04" => StatusReasonCode.AM04,
            "AM05" => StatusReasonCode.AM05,
            "AM09" => StatusReasonCode.AM09,
            "AM23" => StatusReasonCode.AM23,
            "BE01" => StatusReasonCode.BE01,
            "BE23" => StatusReasonCode.BE23,
            "CH21" => StatusReasonCode.CH21,
            "CURR" => StatusReasonCode.CURR,
            "DUPL" => StatusReasonCode.DUPL,
            "FF01" => StatusReasonCode.FF01,
            "FRAD" => StatusReasonCode.FRAD,
            "NARR" => StatusReasonCode.NARR,
            "RC01" => StatusReasonCode.RC01,
            "RC11" => StatusReasonCode.RC11,
            "RR04" => StatusReasonCode.RR04,
            "TM01" => StatusReasonCode.TM01,
            _ => StatusReasonCode.None,
        };
        return reason != StatusReasonCode.None;
    }

    private static int Index(StatusReasonCode code)
    {
        var index = (int)code;
        if ((uint)index >= (uint)Codes.Length)
        {
            ThrowHelper.UndefinedEnumValue(nameof(code), index);
        }

        return index;
    }
}
