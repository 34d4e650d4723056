using System.Globalization;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;

namespace PaymentSwitch.Services.Hub;

/// <summary>
/// Turns the hub core's decisions (<see cref="HubOutput"/>) into the ISO 20022 messages the hub sends: the forwarded
/// pacs.008, pacs.002 status reports, pacs.004 returns and the camt.056 that asks for the return of a late acceptance.
/// Message ids are the hub's own (<c>PSHUB</c>, the day, a sequence): unique per hub instance and run.
/// </summary>
internal sealed class HubMessages(TimeProvider time, string instanceId)
{
    /// <summary>The BIC the hub signs its messages with (InstgAgt of its pacs.002 and pacs.004).</summary>
    public static readonly Bic HubBic = Bic.Parse("PSWHSGSGXXX");

    private static readonly Agent HubAgent = new() { Bicfi = HubBic };
    private long _sequence;

    /// <summary>The next hub message id: <c>PSHUB-&lt;instance&gt;-&lt;yyyyMMdd&gt;-&lt;sequence&gt;</c>, at most 35 characters.</summary>
    public string NextMessageId()
    {
        var now = time.GetUtcNow();
        var id = string.Create(CultureInfo.InvariantCulture, $"PSHUB-{instanceId}-{now:yyyyMMdd}-{Interlocked.Increment(ref _sequence)}");
        return id.Length <= 35 ? id : id[..35];
    }

    /// <summary>
    /// The pacs.008 forwarded to the destination IPS: the original transaction, a new group header from the hub, and
    /// <c>SttlmInf/ClrSys/Prtry</c> naming the destination IPS (Nexus rewrites the clearing system the same way).
    /// </summary>
    public CustomerCreditTransfer Forward(CreditTransferTransaction transaction, IpsId destination) => new()
    {
        GroupHeader = new GroupHeader
        {
            MessageId = NextMessageId(),
            CreationDateTime = time.GetUtcNow(),
            Settlement = new SettlementInformation { Method = SettlementMethod.CLRG, ClearingSystem = CodeOrProprietary.FromProprietary(destination.Value) },
        },
        Transactions = ValueList<CreditTransferTransaction>.Of(transaction),
    };

    /// <summary>A pacs.002 for one payment: the status, and for a rejection the reason code with the field and the sentence.</summary>
    public PaymentStatusReport StatusReport(in HubOutput output)
    {
        var transaction = output.Transaction;
        var reasons = output.Status == TransactionStatus.RJCT || output.Reason != StatusReasonCode.None
            ? ValueList<ReasonInformation>.Of(ReasonInformation.FromCode(output.Reason, Truncate(output.Rejection?.ToString(), 105)))
            : default;
        return new PaymentStatusReport
        {
            GroupHeader = new GroupHeader { MessageId = NextMessageId(), CreationDateTime = time.GetUtcNow() },
            Transactions = ValueList<TransactionStatusInformation>.Of(new TransactionStatusInformation
            {
                OriginalInstructionId = transaction?.PaymentId.InstructionId,
                OriginalEndToEndId = transaction?.PaymentId.EndToEndId,
                OriginalTransactionId = transaction?.PaymentId.TransactionId,
                OriginalUetr = output.Uetr == default ? null : output.Uetr,
                Status = output.Status,
                StatusReasons = reasons,
                AcceptanceDateTime = output.Status == TransactionStatus.ACCC ? time.GetUtcNow() : null,
                InstructingAgent = HubAgent,
            }),
        };
    }

    /// <summary>
    /// The pacs.004 to the source IPS: <see cref="HubOutput.Amount"/> (source currency) back to the debtor agent, the
    /// destination's <see cref="HubOutput.CounterAmount"/> as the returned instructed amount, at the original rate.
    /// </summary>
    public PaymentReturn Return(in HubOutput output)
    {
        var transaction = output.Transaction;
        return new PaymentReturn
        {
            GroupHeader = new GroupHeader
            {
                MessageId = NextMessageId(),
                CreationDateTime = time.GetUtcNow(),
                Settlement = new SettlementInformation { Method = SettlementMethod.CLRG, ClearingSystem = CodeOrProprietary.FromProprietary(output.Target.Value) },
            },
            Transactions = ValueList<PaymentReturnTransaction>.Of(new PaymentReturnTransaction
            {
                ReturnId = NextMessageId(),
                OriginalInstructionId = transaction?.PaymentId.InstructionId,
                OriginalEndToEndId = transaction?.PaymentId.EndToEndId,
                OriginalTransactionId = transaction?.PaymentId.TransactionId,
                OriginalUetr = output.Uetr,
                OriginalInterbankSettlementAmount = transaction?.InterbankSettlementAmount,
                ReturnedInterbankSettlementAmount = output.Amount,
                ReturnedInstructedAmount = output.CounterAmount.Currency == default ? null : output.CounterAmount,
                ExchangeRate = output.ExchangeRate == 0m ? null : output.ExchangeRate,
                ChargeBearer = ChargeBearer.SLEV,
                InstructingAgent = HubAgent,
                InstructedAgent = transaction?.DebtorAgent,
                ReturnReasons = output.Reason == StatusReasonCode.None ? default : ValueList<ReasonInformation>.Of(ReasonInformation.FromCode(output.Reason)),
            }),
        };
    }

    /// <summary>
    /// The camt.056 that asks the destination to return a payment it accepted after the hub had timed it out. The
    /// destination answers with a pacs.004 of the settlement amount; nothing was committed at the hub.
    /// </summary>
    public CancellationRequest RequestReturn(in HubOutput output)
    {
        var transaction = output.Transaction;
        var id = NextMessageId();
        var hub = new PartyOrAgent { Agent = HubAgent };
        return new CancellationRequest
        {
            Assignment = new Assignment
            {
                Id = id,
                Assigner = hub,
                Assignee = new PartyOrAgent { Agent = transaction?.CreditorAgent ?? HubAgent },
                CreationDateTime = time.GetUtcNow(),
            },
            Case = new InvestigationCase { Id = id, Creator = hub },
            Transactions = ValueList<CancellationTransaction>.Of(new CancellationTransaction
            {
                CancellationId = id,
                OriginalInstructionId = transaction?.PaymentId.InstructionId,
                OriginalEndToEndId = transaction?.PaymentId.EndToEndId,
                OriginalTransactionId = transaction?.PaymentId.TransactionId,
                OriginalUetr = output.Uetr,
                OriginalInterbankSettlementAmount = output.CounterAmount.Currency == default ? transaction?.InterbankSettlementAmount : output.CounterAmount,
                CancellationReasons = ValueList<ReasonInformation>.Of(new ReasonInformation
                {
                    Reason = CodeOrProprietary.FromCode("TECH"),
                    AdditionalInformation = ValueList<string>.Of($"accepted after the hub timed the payment out ({StatusReasons.ToCode(output.Reason)}); return it"),
                }),
            }),
        };
    }

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
