using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;

namespace PaymentSwitch.Adapters;

// Returns (pacs.004): money coming back for an outgoing payment, or an incoming payment's credit reversed. Each
// payment is returned at most once, so a repeated pacs.004 moves nothing.
public sealed partial class NationalSwitch
{
    private const string ReturnUetrField = "TxInf/OrgnlUETR";
    private const string ReturnAmountField = "TxInf/RtrdIntrBkSttlmAmt";

    /// <summary>Applies every transaction of a pacs.004 (see <see cref="OnReturn(PaymentReturnTransaction)"/>); results in order.</summary>
    public IReadOnlyList<ReturnResult> OnReturn(PaymentReturn message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var results = new List<ReturnResult>(message.Transactions.Count);
        foreach (var tx in message.Transactions)
        {
            results.Add(OnReturn(tx));
        }

        return results;
    }

    /// <summary>
    /// Applies one returned transaction from the hub, exactly once per payment. For an outgoing payment that was
    /// debited, the debtor is credited the returned amount in this IPS's currency (<c>RtrdIntrBkSttlmAmt</c>, else
    /// <c>RtrdInstdAmt</c>; the source PSP fee is not refunded). For an incoming payment that was credited, the credit
    /// is reversed: all of it (and the destination fee) for a full return, the returned amount for a partial one.
    /// </summary>
    public ReturnResult OnReturn(PaymentReturnTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var none = new Money(0, Currency);
        if (tx.OriginalUetr is not { } uetr)
        {
            return new ReturnResult(ReturnOutcome.Refused, none, new Rejection(StatusReasonCode.CH21, ReturnUetrField, "the original UETR is required"));
        }

        var amount = tx.ReturnedInterbankSettlementAmount.Currency == Currency
            ? tx.ReturnedInterbankSettlementAmount
            : tx.ReturnedInstructedAmount is { } instructed && instructed.Currency == Currency ? instructed : (Money?)null;
        if (_outbound.TryGetValue(uetr, out var outgoing))
        {
            return RefundDebtor(outgoing, amount);
        }

        if (_inbound.TryGetValue(uetr, out var incoming))
        {
            return ReverseCredit(incoming, amount);
        }

        return new ReturnResult(ReturnOutcome.Unknown, none, new Rejection(StatusReasonCode.TM01, ReturnUetrField, $"{Ips} has no payment with this UETR"));
    }

    /// <summary>
    /// Returns an incoming payment this IPS credited (the hub asks for it after a late acceptance, or the creditor's bank
    /// returns it): reverses the whole credit once and builds the pacs.004 to the hub, giving back the full settlement
    /// amount at the original rate.
    /// </summary>
    public ReturnResult InitiateReturn(Uetr uetr, StatusReasonCode reason, string? detail = null)
    {
        var none = new Money(0, Currency);
        if (!_inbound.TryGetValue(uetr, out var incoming))
        {
            return new ReturnResult(ReturnOutcome.Unknown, none, new Rejection(StatusReasonCode.TM01, ReturnUetrField, $"{Ips} has no incoming payment with this UETR"));
        }

        var result = ReverseCredit(incoming, incoming.Decision.SettlementAmount);
        if (result.Outcome != ReturnOutcome.ReversedCredit)
        {
            return result;
        }

        var now = Now();
        var original = incoming.Transaction;
        var decision = incoming.Decision;
        var settlement = decision.SettlementAmount;
        var message = new PaymentReturn
        {
            GroupHeader = new GroupHeader
            {
                MessageId = NextId("P4", now),
                CreationDateTime = now,
                TotalInterbankSettlementAmount = settlement,
                InterbankSettlementDate = DateOnly.FromDateTime(now.UtcDateTime),
                Settlement = new SettlementInformation { Method = SettlementMethod.CLRG, ClearingSystem = CodeOrProprietary.FromProprietary(NexusClearingSystem) },
            },
            Transactions = ValueList<PaymentReturnTransaction>.Of(new PaymentReturnTransaction
            {
                ReturnId = NextId("RT", now),
                OriginalGroup = decision.OriginalMessageId is { } messageId
                    ? new OriginalGroupInformation
                    {
                        OriginalMessageId = messageId,
                        OriginalMessageNameId = decision.OriginalMessageNameId ?? Pacs008Version.Identifier(),
                        OriginalCreationDateTime = decision.OriginalCreationDateTime,
                    }
                    : null,
                OriginalInstructionId = original.PaymentId.InstructionId,
                OriginalEndToEndId = original.PaymentId.EndToEndId,
                OriginalTransactionId = original.PaymentId.TransactionId,
                OriginalUetr = uetr,
                OriginalInterbankSettlementAmount = settlement,
                OriginalInterbankSettlementDate = original.InterbankSettlementDate,
                ReturnedInterbankSettlementAmount = settlement,
                InterbankSettlementDate = DateOnly.FromDateTime(now.UtcDateTime),

                // A full return at the original rate gives the sender back exactly the instructed amount.
                ReturnedInstructedAmount = original.InstructedAmount,
                ExchangeRate = original.ExchangeRate,
                ChargeBearer = ChargeBearer.SLEV,
                InstructingAgent = decision.CreditorAgent is { } creditorAgent ? AgentFor(creditorAgent) : null,
                InstructedAgent = decision.OriginalInstructingAgent is { } instructing ? AgentFor(instructing) : null,
                ReturnReasons = ValueList<ReasonInformation>.Of(ReasonInformation.FromCode(reason, Truncate(detail, 105))),
            }),
        };
        return result with { Message = message };
    }

    private ReturnResult RefundDebtor(OutboundRecord record, Money? amount)
    {
        var none = new Money(0, Currency);
        switch (record.State)
        {
            case OutboundState.Returned:
                return new ReturnResult(ReturnOutcome.AlreadyReturned, none);
            case OutboundState.Held or OutboundState.Released:
                return new ReturnResult(ReturnOutcome.Refused, none, new Rejection(StatusReasonCode.AG01, ReturnUetrField, "the payment was never settled, so there is nothing to return"));
        }

        if (amount is not { } refund)
        {
            return new ReturnResult(ReturnOutcome.Refused, none, new Rejection(StatusReasonCode.CURR, ReturnAmountField, $"the return names no amount in {Currency.Code}"));
        }

        if (refund.AmountMinor <= 0 || refund.AmountMinor > record.InstructedMinor)
        {
            return new ReturnResult(ReturnOutcome.Refused, none, new Rejection(StatusReasonCode.AM09, ReturnAmountField, "the returned amount must be positive and at most the instructed amount"));
        }

        record.Account.BalanceMinor = checked(record.Account.BalanceMinor + refund.AmountMinor);
        _settlementInMinor = checked(_settlementInMinor + refund.AmountMinor);
        record.State = OutboundState.Returned;
        return new ReturnResult(ReturnOutcome.RefundedDebtor, refund);
    }

    private ReturnResult ReverseCredit(InboundRecord record, Money? amount)
    {
        var none = new Money(0, Currency);
        if (record.Returned)
        {
            return new ReturnResult(ReturnOutcome.AlreadyReturned, none);
        }

        if (record.Decision.Status != TransactionStatus.ACCC || record.Account is not { } account)
        {
            return new ReturnResult(ReturnOutcome.Refused, none, new Rejection(StatusReasonCode.AG01, ReturnUetrField, "the payment was not credited, so there is nothing to return"));
        }

        var settlement = record.Decision.SettlementAmount;
        if (amount is not { } returned || returned.AmountMinor <= 0 || returned.AmountMinor > settlement.AmountMinor)
        {
            return new ReturnResult(ReturnOutcome.Refused, none, new Rejection(StatusReasonCode.AM09, ReturnAmountField, "the returned amount must be positive, in the settlement currency and at most the settlement amount"));
        }

        // A full return takes back the whole settlement amount: the creditor's credit and the fee the bank kept.
        var full = returned.AmountMinor == settlement.AmountMinor;
        var fromCustomer = full ? record.Decision.Credited.AmountMinor : Math.Min(returned.AmountMinor, record.Decision.Credited.AmountMinor);
        var fromFee = returned.AmountMinor - fromCustomer;
        account.BalanceMinor = checked(account.BalanceMinor - fromCustomer);
        AddFee(account.Bank, -fromFee);
        _settlementOutMinor = checked(_settlementOutMinor + returned.AmountMinor);
        record.Returned = true;
        return new ReturnResult(ReturnOutcome.ReversedCredit, new Money(fromCustomer, Currency));
    }
}
