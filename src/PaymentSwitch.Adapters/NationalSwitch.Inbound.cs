using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Adapters;

// Payments arriving from the hub (this IPS is the destination): resolve the creditor, decide, credit, answer.
public sealed partial class NationalSwitch
{
    /// <summary>
    /// Decides every transaction of a pacs.008 from the hub (see <see cref="Receive(CreditTransferTransaction, OriginalGroupInformation?, Bic?)"/>),
    /// with the message's id for the pacs.002's <c>OrgnlGrpInf</c>.
    /// </summary>
    public IReadOnlyList<InboundDecision> Receive(CustomerCreditTransfer message, MessageVersion? version = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var original = new OriginalGroupInformation
        {
            OriginalMessageId = message.GroupHeader.MessageId,
            OriginalMessageNameId = (version ?? Pacs008Version).Identifier(),
            OriginalCreationDateTime = message.GroupHeader.CreationDateTime,
        };
        var decisions = new List<InboundDecision>(message.Transactions.Count);
        foreach (var tx in message.Transactions)
        {
            decisions.Add(Receive(tx, original, message.GroupHeader.InstructingAgent?.Bicfi));
        }

        return decisions;
    }

    /// <summary>
    /// Decides what the IPS answers one pacs.008 transaction from the hub, and on acceptance credits the creditor.
    /// </summary>
    /// <remarks>
    /// <para>Order: an outage of the whole IPS gives no answer at all (nothing is recorded, so a resend after the outage
    /// is decided afresh). A UETR already decided gets the same answer again and nothing moves (a resend for
    /// investigation); the same UETR with another amount or creditor is RJCT DUPL. Then: currency (CURR), amount
    /// (AM01), domestic cap (AM02), creditor agent (AGNT), creditor's bank offline (AB08), account or proxy (CH21,
    /// BE23, AC01), account closed (AC04) or blocked (AC06), creditor name (BE01), then the random rejections of the
    /// behaviour profile drawn from (seed, UETR).</para>
    /// <para>On acceptance the creditor is credited the settlement amount minus the corridor's destination PSP fee,
    /// which the creditor's bank keeps: exact minor units, once per UETR.</para>
    /// </remarks>
    /// <param name="tx">The transaction as the hub forwarded it.</param>
    /// <param name="original">The pacs.008's group information (message id, version, time), for the pacs.002.</param>
    /// <param name="instructingAgent">The pacs.008's instructing agent, if the transaction does not name one.</param>
    public InboundDecision Receive(CreditTransferTransaction tx, OriginalGroupInformation? original = null, Bic? instructingAgent = null)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var now = Now();
        var template = new InboundDecision
        {
            Uetr = tx.PaymentId.Uetr ?? default,
            Answered = true,
            ReceivedAt = now,
            SettlementAmount = tx.InterbankSettlementAmount,
            Credited = new Money(0, Currency),
            DestinationFee = new Money(0, Currency),
            OriginalMessageId = original?.OriginalMessageId,
            OriginalMessageNameId = original?.OriginalMessageNameId,
            OriginalCreationDateTime = original?.OriginalCreationDateTime,
            OriginalEndToEndId = tx.PaymentId.EndToEndId,
            OriginalInstructionId = tx.PaymentId.InstructionId,
            OriginalTransactionId = tx.PaymentId.TransactionId,
            OriginalInstructingAgent = tx.InstructingAgent?.Bicfi ?? instructingAgent ?? tx.DebtorAgent.Bicfi,
        };

        if (IsDown(now))
        {
            return template with { Answered = false, Detail = $"{Ips} is in an outage and answers nothing" };
        }

        if (tx.PaymentId.Uetr is not { } uetr)
        {
            return Reject(template, StatusReasonCode.CH21, "the UETR is required");
        }

        template = template with { AnswerDelay = TimeSpan.FromMilliseconds(_profile.Behaviour.LatencyMs.Sample(KeyedDraw.Ppm(_seed, uetr, DrawPurpose.Latency))) };
        var fingerprint = new Fingerprint(tx.InterbankSettlementAmount, tx.CreditorAccount?.Other?.Id, tx.CreditorAccount?.Proxy?.Id, tx.CreditorAgent.Bicfi);
        if (_inbound.TryGetValue(uetr, out var known))
        {
            return known.Fingerprint == fingerprint
                ? known.Decision with { IsReplay = true, ReceivedAt = now }
                : Reject(template, StatusReasonCode.DUPL, "this UETR was already used for a payment with another amount or creditor");
        }

        var decision = Decide(tx, uetr, template, out var account);
        var record = new InboundRecord(decision, fingerprint, tx, account);
        _inbound.Add(uetr, record);
        Remember(uetr);
        if (decision.Status == TransactionStatus.ACCC)
        {
            account!.BalanceMinor = checked(account.BalanceMinor + decision.Credited.AmountMinor);
            AddFee(account.Bank, decision.DestinationFee.AmountMinor);
            _settlementInMinor = checked(_settlementInMinor + decision.SettlementAmount.AmountMinor);
        }

        return decision;
    }

    /// <summary>The pacs.002 answering an incoming payment (ACCC with <c>AccptncDtTm</c>, or RJCT with its reason), dated at the answer time.</summary>
    /// <exception cref="ArgumentException">The decision is "no answer".</exception>
    public PaymentStatusReport BuildStatusReport(InboundDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!decision.Answered)
        {
            throw new ArgumentException("An IPS in an outage sends no pacs.002.", nameof(decision));
        }

        var at = WholeSeconds(decision.AnswerAt);
        var from = decision.CreditorAgent is { } creditorAgent ? AgentFor(creditorAgent) : null;
        var to = decision.OriginalInstructingAgent is { } instructing ? AgentFor(instructing) : null;
        var reasons = decision.Status == TransactionStatus.RJCT && decision.Reason != StatusReasonCode.None
            ? ValueList<ReasonInformation>.Of(ReasonInformation.FromCode(decision.Reason, Truncate(decision.Detail, 105)))
            : default;
        return new PaymentStatusReport
        {
            GroupHeader = new GroupHeader
            {
                MessageId = NextId("P2", at),
                CreationDateTime = at,
                InstructingAgent = from,
                InstructedAgent = to,
            },
            Transactions = ValueList<TransactionStatusInformation>.Of(new TransactionStatusInformation
            {
                OriginalGroup = decision.OriginalMessageId is { } messageId
                    ? new OriginalGroupInformation
                    {
                        OriginalMessageId = messageId,
                        OriginalMessageNameId = decision.OriginalMessageNameId ?? Pacs008Version.Identifier(),
                        OriginalCreationDateTime = decision.OriginalCreationDateTime,
                    }
                    : null,
                OriginalInstructionId = decision.OriginalInstructionId,
                OriginalEndToEndId = decision.OriginalEndToEndId,
                OriginalTransactionId = decision.OriginalTransactionId,
                OriginalUetr = decision.Uetr == default ? null : decision.Uetr,
                Status = decision.Status,
                StatusReasons = reasons,
                AcceptanceDateTime = decision.Status == TransactionStatus.ACCC ? WholeSeconds(decision.AcceptedAt ?? at) : null,
                InstructingAgent = from,
                InstructedAgent = to,
            }),
        };
    }

    private InboundDecision Decide(CreditTransferTransaction tx, Uetr uetr, InboundDecision template, out AccountState? account)
    {
        account = null;
        var amount = tx.InterbankSettlementAmount;
        if (amount.Currency != Currency)
        {
            return Reject(template, StatusReasonCode.CURR, $"{Ips} settles only {Currency.Code}");
        }

        if (amount.AmountMinor <= 0)
        {
            return Reject(template, StatusReasonCode.AM01, "the amount must be greater than zero");
        }

        if (amount.AmountMinor > _profile.DomesticCap.AmountMinor)
        {
            return Reject(template, StatusReasonCode.AM02, $"the amount exceeds the {Ips} per-transaction cap of {_profile.DomesticCap}");
        }

        if (!ResolveCreditor(tx, out var bank, out var number, out var rejection))
        {
            return Reject(template, rejection.Reason, rejection.Detail);
        }

        template = template with { CreditorAgent = bank.Bic, CreditorAccount = number };
        if (IsBankOffline(bank.Bic, template.ReceivedAt))
        {
            return Reject(template, StatusReasonCode.AB08, $"{bank.Participant.Name} is offline");
        }

        if (!_accounts.TryGetValue(new AccountKey(BicKey.Of(bank.Bic), number), out var state))
        {
            return Reject(template, StatusReasonCode.AC01, $"{bank.Participant.Name} has no account {number}");
        }

        if (state.Status == AccountStatus.Closed)
        {
            return Reject(template, StatusReasonCode.AC04, "the creditor account is closed");
        }

        if (state.Status == AccountStatus.Blocked)
        {
            return Reject(template, StatusReasonCode.AC06, "the creditor account is blocked");
        }

        if (tx.Creditor.Name is { Length: > 0 } name && !NameMasking.IsConsistent(name, state.Profile.Holder))
        {
            return Reject(template, StatusReasonCode.BE01, "the creditor name does not match the account holder");
        }

        var injected = _profile.Behaviour.InboundRejections.Draw(KeyedDraw.Ppm(_seed, uetr, DrawPurpose.InboundRejection));
        if (injected != StatusReasonCode.None)
        {
            return Reject(template, injected, $"simulated rejection ({StatusReasons.Meaning(injected)})");
        }

        var fee = DestinationFee(tx);
        account = state;
        return template with
        {
            Status = TransactionStatus.ACCC,
            Reason = StatusReasonCode.None,
            AcceptedAt = template.AnswerAt,
            Credited = new Money(amount.AmountMinor - fee, Currency),
            DestinationFee = new Money(fee, Currency),
        };
    }

    // Routing inside the IPS: the creditor agent (BIC, else clearing member id) and the account number, else the proxy.
    private bool ResolveCreditor(CreditTransferTransaction tx, out BankProfile bank, out string number, out Rejection rejection)
    {
        bank = null!;
        number = string.Empty;
        var agent = tx.CreditorAgent;
        BankProfile? named = null;
        if (agent.Bicfi is { } bic)
        {
            if (!_profile.TryGetBank(bic, out named))
            {
                rejection = new Rejection(StatusReasonCode.AGNT, "CdtrAgt/FinInstnId/BICFI", $"{bic} is not a bank of {Ips}");
                return false;
            }
        }
        else if (agent.ClearingSystemMember is { } member)
        {
            if (!_topology.TryGetParticipantByMember(Ips, member.MemberId, out var participant) || !_profile.TryGetBank(participant.Bic, out named))
            {
                rejection = new Rejection(StatusReasonCode.AGNT, "CdtrAgt/FinInstnId/ClrSysMmbId/MmbId", $"member {member.MemberId} is not a bank of {Ips}");
                return false;
            }
        }

        var account = tx.CreditorAccount;
        if (account is null)
        {
            rejection = new Rejection(StatusReasonCode.CH21, "CdtrAcct", "the creditor account is required");
            return false;
        }

        if (account.Other?.Id is { } id)
        {
            if (named is null)
            {
                rejection = new Rejection(StatusReasonCode.AGNT, "CdtrAgt/FinInstnId", "an account number needs the creditor agent");
                return false;
            }

            bank = named;
            number = id;
            rejection = default;
            return true;
        }

        if (account.Proxy is { } proxy)
        {
            if (!_proxies.TryGetValue(proxy.Id, out var entry) || !_profile.TryGetBank(entry.Bank, out var holder))
            {
                rejection = new Rejection(StatusReasonCode.BE23, "CdtrAcct/Prxy/Id", $"the proxy is not registered in {Ips}");
                return false;
            }

            if (named is not null && !BicKey.Same(named.Bic, holder.Bic))
            {
                rejection = new Rejection(StatusReasonCode.AGNT, "CdtrAgt/FinInstnId", "the proxy is registered at another bank than the creditor agent");
                return false;
            }

            bank = holder;
            number = entry.AccountNumber;
            rejection = default;
            return true;
        }

        rejection = new Rejection(StatusReasonCode.AC01, "CdtrAcct/Id", $"{Ips} uses domestic account numbers or proxies, not IBANs");
        return false;
    }

    // The corridor's destination PSP fee, kept by the creditor's bank (Nexus deducts it from the interbank amount). The
    // source IPS is the debtor agent's; an unknown one (or a fee that would swallow the payment) gives no fee.
    private long DestinationFee(CreditTransferTransaction tx)
    {
        if (tx.DebtorAgent.Bicfi is not { } debtorAgent
            || !_topology.TryGetParticipant(debtorAgent, out var debtorBank)
            || !_topology.TryGetCorridor(debtorBank.Ips, Ips, out var corridor)
            || corridor.DestinationPspFee.Currency != Currency)
        {
            return 0;
        }

        var fee = corridor.DestinationPspFee.Compute(tx.InterbankSettlementAmount).AmountMinor;
        return fee < tx.InterbankSettlementAmount.AmountMinor ? fee : 0;
    }

    private static InboundDecision Reject(InboundDecision template, StatusReasonCode reason, string detail) =>
        template with { Status = TransactionStatus.RJCT, Reason = reason, Detail = detail };

    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    private readonly record struct Fingerprint(Money Amount, string? Account, string? Proxy, Bic? Agent);

    private sealed class InboundRecord(InboundDecision decision, Fingerprint fingerprint, CreditTransferTransaction transaction, AccountState? account)
    {
        public InboundDecision Decision { get; } = decision;

        public Fingerprint Fingerprint { get; } = fingerprint;

        public CreditTransferTransaction Transaction { get; } = transaction;

        public AccountState? Account { get; } = account;

        public bool Returned { get; set; }
    }
}
