using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;

namespace PaymentSwitch.Adapters;

/// <summary>
/// What a simulated IPS answers a pacs.008 transaction from the hub, and everything needed to write the pacs.002.
/// </summary>
/// <remarks>
/// <see cref="Answered"/> is false during an outage of the whole IPS: the host sends nothing and the hub times a HIGH
/// payment out. Otherwise the host sends the pacs.002 (<see cref="NationalSwitch.BuildStatusReport"/>) at
/// <see cref="AnswerAt"/>, <see cref="AnswerDelay"/> after receipt.
/// </remarks>
public sealed record InboundDecision
{
    /// <summary>The payment (<c>PmtId/UETR</c>); <c>default</c> if the transaction had none.</summary>
    public required Uetr Uetr { get; init; }

    /// <summary>Whether the IPS answers at all (false during an outage of the whole IPS).</summary>
    public required bool Answered { get; init; }

    /// <summary>The pacs.002 <c>TxSts</c>: ACCC (creditor credited) or RJCT.</summary>
    public TransactionStatus Status { get; init; } = TransactionStatus.RJCT;

    /// <summary>The reason of a rejection (<c>StsRsnInf/Rsn/Cd</c>); <see cref="StatusReasonCode.None"/> on acceptance.</summary>
    public StatusReasonCode Reason { get; init; }

    /// <summary>A sentence for <c>StsRsnInf/AddtlInf</c> and logs.</summary>
    public string? Detail { get; init; }

    /// <summary>When the IPS received the payment (its clock).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>How long after receipt the answer goes out, sampled from the latency profile.</summary>
    public TimeSpan AnswerDelay { get; init; }

    /// <summary>When the answer goes out: <see cref="ReceivedAt"/> + <see cref="AnswerDelay"/>.</summary>
    public DateTimeOffset AnswerAt => ReceivedAt + AnswerDelay;

    /// <summary>On acceptance, when the creditor was credited (<c>AccptncDtTm</c>): the time of the first answer (a replay keeps it).</summary>
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>The interbank settlement amount received (<c>IntrBkSttlmAmt</c>).</summary>
    public Money SettlementAmount { get; init; }

    /// <summary>On acceptance, what the creditor's account was credited: the settlement amount minus <see cref="DestinationFee"/>.</summary>
    public Money Credited { get; init; }

    /// <summary>On acceptance, the destination PSP fee the creditor's bank kept (the corridor's destination fee, zero for most).</summary>
    public Money DestinationFee { get; init; }

    /// <summary>The creditor's bank, once resolved.</summary>
    public Bic? CreditorAgent { get; init; }

    /// <summary>The creditor's account number, once resolved.</summary>
    public string? CreditorAccount { get; init; }

    /// <summary><c>OrgnlGrpInf/OrgnlMsgId</c>: the pacs.008's message id, when the host gave it.</summary>
    public string? OriginalMessageId { get; init; }

    /// <summary><c>OrgnlGrpInf/OrgnlMsgNmId</c>, for example <c>pacs.008.001.13</c>.</summary>
    public string? OriginalMessageNameId { get; init; }

    /// <summary><c>OrgnlGrpInf/OrgnlCreDtTm</c>.</summary>
    public DateTimeOffset? OriginalCreationDateTime { get; init; }

    /// <summary><c>OrgnlEndToEndId</c>.</summary>
    public string? OriginalEndToEndId { get; init; }

    /// <summary><c>OrgnlInstrId</c>.</summary>
    public string? OriginalInstructionId { get; init; }

    /// <summary><c>OrgnlTxId</c>.</summary>
    public string? OriginalTransactionId { get; init; }

    /// <summary>The payment's instructing agent (the source PSP), to address the pacs.002.</summary>
    public Bic? OriginalInstructingAgent { get; init; }

    /// <summary>Whether this is the stored answer to a resend of a payment already decided (nothing changed).</summary>
    public bool IsReplay { get; init; }
}

/// <summary>Who the customer pays: an account at a bank, or a proxy registered in the destination IPS.</summary>
public sealed record OutboundCreditor
{
    private OutboundCreditor(Bic? bank, string? accountNumber, string? proxyType, string? proxyValue)
    {
        Bank = bank;
        AccountNumber = accountNumber;
        ProxyType = proxyType;
        ProxyValue = proxyValue;
    }

    /// <summary>The creditor's bank (by account).</summary>
    public Bic? Bank { get; }

    /// <summary>The creditor's account number (by account).</summary>
    public string? AccountNumber { get; }

    /// <summary>The proxy type code, for example MBNO (by proxy).</summary>
    public string? ProxyType { get; }

    /// <summary>The proxy in the destination country's format, for example <c>+66-812345678</c> (by proxy).</summary>
    public string? ProxyValue { get; }

    /// <summary>Whether the creditor is given by proxy.</summary>
    public bool IsProxy => ProxyValue is not null;

    /// <summary>An account at a bank of the destination IPS.</summary>
    public static OutboundCreditor ByAccount(Bic bank, string accountNumber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountNumber);
        return new OutboundCreditor(bank, accountNumber, null, null);
    }

    /// <summary>A proxy registered in the destination IPS.</summary>
    public static OutboundCreditor ByProxy(string proxyType, string proxyValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(proxyType);
        ArgumentException.ThrowIfNullOrWhiteSpace(proxyValue);
        return new OutboundCreditor(null, null, proxyType, proxyValue);
    }

    /// <inheritdoc/>
    public override string ToString() => IsProxy ? $"{ProxyType}:{ProxyValue}" : $"{Bank}/{AccountNumber}";
}

/// <summary>A domestic customer's instruction to pay someone abroad through the hub.</summary>
/// <param name="DebtorAgent">The customer's bank, a bank of this IPS.</param>
/// <param name="DebtorAccount">The customer's account number.</param>
/// <param name="DestinationIps">The IPS of the creditor.</param>
/// <param name="Creditor">The creditor's account or proxy.</param>
/// <param name="Amount">The fixed amount: in this IPS's currency if <paramref name="AmountFixedIn"/> is source, else in the destination's.</param>
/// <param name="AmountFixedIn">Which side of the conversion is fixed.</param>
/// <param name="Priority">HIGH (the hub times the payment) or NORM (the destination owns the final status).</param>
/// <param name="PurposeCode">An ISO 20022 purpose code (<c>Purp/Cd</c>, for example FAMI or GIFT); some corridors require one.</param>
/// <param name="CreditorName">The creditor's name as the customer typed it (a proxy lookup gives it otherwise).</param>
/// <param name="CreditorAddress">The creditor's address; some corridors require one (InstaPay, NAPAS).</param>
/// <param name="RemittanceText">A message to the creditor (<c>RmtInf/Ustrd</c>, at most 140 characters).</param>
public sealed record OutboundInstruction(
    Bic DebtorAgent,
    string DebtorAccount,
    IpsId DestinationIps,
    OutboundCreditor Creditor,
    Money Amount,
    FixedSide AmountFixedIn,
    Priority Priority = Priority.NORM,
    string? PurposeCode = null,
    string? CreditorName = null,
    PostalAddress? CreditorAddress = null,
    string? RemittanceText = null);

/// <summary>
/// The outcome of <see cref="NationalSwitch.PrepareOutbound"/>: the quote request to send to the hub, no quote needed
/// (same currency), or a local refusal.
/// </summary>
/// <param name="QuoteRequest">What to ask the hub's quote service, when the instruction passed the local checks and crosses currencies.</param>
/// <param name="Rejection">Why the bank refused the instruction before asking for a quote.</param>
/// <param name="SameCurrency">
/// The instruction passed the local checks and its destination IPS settles this IPS's currency: there is nothing to
/// convert, so no quote; build it with <see cref="NationalSwitch.BuildSameCurrencyOutbound"/>.
/// </param>
public readonly record struct OutboundPreparation(QuoteRequest? QuoteRequest, Rejection? Rejection, bool SameCurrency = false)
{
    /// <summary>Whether the instruction may go on: to quoting (<see cref="QuoteRequest"/>), or straight to building (<see cref="SameCurrency"/>).</summary>
    public bool IsAccepted => Rejection is null && (QuoteRequest is not null || SameCurrency);
}

/// <summary>The outcome of <see cref="NationalSwitch.BuildOutbound"/>: a pacs.008 to send, or a local refusal (never sent).</summary>
/// <param name="Message">The pacs.008 with one transaction, when built.</param>
/// <param name="Version">The pacs.008 version this IPS speaks, to write <paramref name="Message"/> in.</param>
/// <param name="Uetr">The payment's UETR (also set on a local refusal, which consumed it).</param>
/// <param name="Held">The amount held on the debtor's account until the final status: instructed amount plus the source PSP fee.</param>
/// <param name="Rejection">Why the bank refused to send the payment.</param>
public sealed record OutboundResult(CustomerCreditTransfer? Message, MessageVersion Version, Uetr Uetr, Money Held, Rejection? Rejection)
{
    /// <summary>Whether a pacs.008 was built (and the funds held).</summary>
    public bool IsSent => Message is not null;

    /// <summary>The one transaction of <see cref="Message"/>.</summary>
    public CreditTransferTransaction? Transaction => Message?.Transactions[0];
}

/// <summary>What a final status from the hub did to an outgoing payment.</summary>
public enum FinalStatusOutcome
{
    /// <summary>The UETR is not an outgoing payment of this IPS.</summary>
    Unknown,

    /// <summary>An interim status (ACSP, PDNG, ACWP, ...): nothing changed, the funds stay held.</summary>
    Pending,

    /// <summary>ACCC/ACSC: the debtor's account was debited and the hold released.</summary>
    Debited,

    /// <summary>RJCT/BLCK: the hold was released, nothing was debited.</summary>
    Released,

    /// <summary>The payment already had its final status: nothing changed (a repeated pacs.002).</summary>
    AlreadyFinal,
}

/// <summary>What a return did.</summary>
public enum ReturnOutcome
{
    /// <summary>The UETR is not a payment of this IPS.</summary>
    Unknown,

    /// <summary>An outgoing payment came back: the debtor's account was credited with the returned amount.</summary>
    RefundedDebtor,

    /// <summary>An incoming payment was returned: the credit to the creditor's account was reversed.</summary>
    ReversedCredit,

    /// <summary>The payment was already returned: nothing changed.</summary>
    AlreadyReturned,

    /// <summary>The return cannot apply (payment not settled, wrong currency or amount): see the rejection.</summary>
    Refused,
}

/// <summary>The outcome of a return (<see cref="NationalSwitch.OnReturn(PaymentReturnTransaction)"/>, <see cref="NationalSwitch.InitiateReturn"/>).</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Amount">The amount that moved on the customer's account (zero if nothing moved).</param>
/// <param name="Rejection">Why a return was refused.</param>
/// <param name="Message">For a return this IPS initiates: the pacs.004 to send to the hub.</param>
public sealed record ReturnResult(ReturnOutcome Outcome, Money Amount, Rejection? Rejection = null, PaymentReturn? Message = null);

/// <summary>A resolved proxy, as the destination's acmt.024 gives it: the creditor's bank, account and name.</summary>
/// <param name="ProxyType">The proxy type code.</param>
/// <param name="ProxyValue">The proxy.</param>
/// <param name="Bank">The creditor's bank.</param>
/// <param name="AccountNumber">The creditor's account number.</param>
/// <param name="HolderName">The account holder's name (<c>UpdtdPtyAndAcctId/Pty/Nm</c>).</param>
/// <param name="MaskedName">The masked display name shown to the sender before approval (<c>UpdtdPtyAndAcctId/Acct/Nm</c>), for example <c>SOMCHAI J***</c>.</param>
public sealed record ProxyResolution(string ProxyType, string ProxyValue, Bic Bank, string AccountNumber, string HolderName, string MaskedName)
{
    /// <summary>Reads the first result of an acmt.024; on a negative answer, <paramref name="reason"/> is its reason (BE23 for an unknown proxy).</summary>
    public static bool TryFrom(IdentificationVerificationReport report, out ProxyResolution resolution, out StatusReasonCode reason)
    {
        ArgumentNullException.ThrowIfNull(report);
        resolution = null!;
        reason = StatusReasonCode.BE23;
        if (report.Reports.Count == 0)
        {
            return false;
        }

        var result = report.Reports[0];
        if (!result.Verified)
        {
            if (result.Reason?.Code is { } code && StatusReasons.TryParse(code, out var parsed))
            {
                reason = parsed;
            }

            return false;
        }

        var updated = result.UpdatedPartyAndAccount;
        var proxy = updated?.Account?.Proxy ?? result.OriginalPartyAndAccount?.Account?.Proxy;
        if (updated?.Agent?.Bicfi is not { } bank || updated.Account?.Other?.Id is not { } account || proxy is null)
        {
            reason = StatusReasonCode.CH21;
            return false;
        }

        var holder = updated.Party?.Name ?? updated.Account.Name ?? string.Empty;
        resolution = new ProxyResolution(
            proxy.Type?.Code ?? proxy.Type?.Proprietary ?? string.Empty,
            proxy.Id,
            bank,
            account,
            holder,
            updated.Account.Name ?? NameMasking.Mask(holder));
        reason = StatusReasonCode.None;
        return true;
    }
}

/// <summary>A customer account's current state.</summary>
/// <param name="Bank">The bank.</param>
/// <param name="Number">The account number.</param>
/// <param name="Holder">The holder's name.</param>
/// <param name="Status">Active, closed or blocked.</param>
/// <param name="BalanceMinor">The booked balance, in minor units of the IPS currency.</param>
/// <param name="HeldMinor">Funds held for outgoing payments awaiting their final status.</param>
public readonly record struct AccountBalance(Bic Bank, string Number, string Holder, AccountStatus Status, long BalanceMinor, long HeldMinor)
{
    /// <summary>What the customer can still spend: the balance minus holds.</summary>
    public long AvailableMinor => BalanceMinor - HeldMinor;
}

/// <summary>
/// The money of one simulated IPS, in minor units of its currency. Money only enters or leaves through settlement with
/// the hub, so <see cref="IsConserved"/> must always hold.
/// </summary>
/// <param name="Currency">The IPS currency.</param>
/// <param name="OpeningBalancesMinor">The customers' balances at the start.</param>
/// <param name="CustomerBalancesMinor">The customers' balances now.</param>
/// <param name="HeldMinor">Funds held for outgoing payments awaiting their final status (part of the balances).</param>
/// <param name="FeeIncomeMinor">Fees the banks kept (source PSP fees, destination PSP fees).</param>
/// <param name="SettlementInMinor">Money received from the hub: accepted incoming payments and refunds of outgoing ones.</param>
/// <param name="SettlementOutMinor">Money paid to the hub: accepted outgoing payments and reversals of incoming ones.</param>
public readonly record struct SwitchTotals(
    Currency Currency,
    long OpeningBalancesMinor,
    long CustomerBalancesMinor,
    long HeldMinor,
    long FeeIncomeMinor,
    long SettlementInMinor,
    long SettlementOutMinor)
{
    /// <summary>Balances plus fee income equal the opening balances plus what came in minus what went out.</summary>
    public bool IsConserved =>
        CustomerBalancesMinor + FeeIncomeMinor == OpeningBalancesMinor + SettlementInMinor - SettlementOutMinor;
}

/// <summary>Limits of a <see cref="NationalSwitch"/>; every table it keeps is bounded by one of these.</summary>
public sealed record NationalSwitchOptions
{
    /// <summary>
    /// How many payments (incoming and outgoing) the switch remembers for resends and returns; the oldest is forgotten
    /// first. Keep it above the hub's duplicate window traffic, or a resend of a forgotten payment is decided again.
    /// </summary>
    public int PaymentCapacity { get; init; } = 1 << 20;

    /// <summary>
    /// Give each outgoing payment a fresh random UETR instead of one drawn from the seed. Off (the default), the same
    /// seed gives the same UETRs, so a whole simulated run can be replayed; on, a switch process that is started again
    /// beside a hub that is still running (the <c>adapter</c> and <c>send --nats</c> commands) does not reuse the UETRs
    /// of its previous run, which the hub's duplicate window would refuse (DUPL).
    /// </summary>
    public bool FreshUetrs { get; init; }

    /// <summary>Checks the values; throws for a programmer error in configuration.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate() => ArgumentOutOfRangeException.ThrowIfLessThan(PaymentCapacity, 1, nameof(PaymentCapacity));
}
