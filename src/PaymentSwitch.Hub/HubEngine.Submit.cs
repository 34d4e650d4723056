using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.Ledger;
using PaymentSwitch.Hub.Payments;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Hub;

// The hot path: a pacs.008 transaction from a source IPS. Order: dedupe lookup (read-only) → validation (pure) →
// route → quote → reserve → forward. Nothing changes before validation, routing and the quote have passed.
public sealed partial class HubEngine
{
    private const string UetrField = "CdtTrfTxInf/PmtId/UETR";
    private const string InstructingAgentField = "CdtTrfTxInf/InstgAgt/FinInstnId/BICFI";
    private const string DebtorAgentField = "CdtTrfTxInf/DbtrAgt/FinInstnId/BICFI";
    private const string CreditorAgentField = "CdtTrfTxInf/CdtrAgt/FinInstnId";
    private const string CreditorProxyField = "CdtTrfTxInf/CdtrAcct/Prxy/Id";
    private const string SettlementAmountField = "CdtTrfTxInf/IntrBkSttlmAmt";
    private const string InstructedAmountField = "CdtTrfTxInf/InstdAmt";
    private const string RateField = "CdtTrfTxInf/XchgRate";
    private const string PriorityField = "CdtTrfTxInf/PmtTpInf/InstrPrty";
    private const string QuoteField = "CdtTrfTxInf/RmtInf/Strd/AddtlRmtInf";
    private const string IntermediaryAgent1Field = "CdtTrfTxInf/IntrmyAgt1/FinInstnId";
    private const string IntermediaryAgent2Field = "CdtTrfTxInf/IntrmyAgt2/FinInstnId";

    /// <summary>
    /// Takes in one pacs.008 transaction sent by <paramref name="sourceIps"/>: answers a resend from the record,
    /// rejects a reused UETR (DUPL) or an invalid payment, or reserves liquidity and forwards it to the destination IPS.
    /// </summary>
    public HubDecision Submit(IpsId sourceIps, CreditTransferTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        BeginCall();
        var now = _time.GetUtcNow();
        if (transaction.PaymentId.Uetr is not { } uetr)
        {
            return RejectNew(sourceIps, default, new Rejection(StatusReasonCode.CH21, UetrField, "the UETR is required: it is the payment's key at the hub"));
        }

        var hash = CanonicalContent.Compute(transaction, out var quoteId);
        var seen = DuplicateCheck.New;
        var sent = default(SentStatus);
        // A new payment (the common case) costs one probe and copies nothing: the record is read only when there is one.
        if (_book.TryGetSlot(uetr, out var knownSlot))
        {
            var known = _book.RecordAt(knownSlot);
            if (IsInFlight(known.State) || _window.IsWithin(known.ReceivedAt, now))
            {
                // Another IPS presenting the same UETR learns nothing about the payment: it is a reuse, not a resend.
                seen = known.Facts.Hash == hash && known.Facts.SourceIps == sourceIps ? DuplicateCheck.SameContent : DuplicateCheck.DifferentContent;
                sent = new SentStatus(known.LastStatus, known.Reason);
            }
            else
            {
                // Final and out of the window (not yet expired by a tick): the UETR is forgotten and starts afresh.
                _ = _book.Remove(uetr);
            }
        }

        if (seen == DuplicateCheck.SameContent)
        {
            // A resend is an investigation (Nexus): answer what the sender was told, or its pending status.
            Emit(new HubOutput(HubOutputKind.StatusReport, sourceIps, uetr, sent.Status, sent.Reason, Transaction: transaction));
            return HubDecision.Answered;
        }

        if (seen == DuplicateCheck.DifferentContent)
        {
            return RejectNew(sourceIps, uetr, new Rejection(StatusReasonCode.DUPL, UetrField, "this UETR was already used for a payment with different content"));
        }

        if (!Validate(sourceIps, transaction, quoteId, now, out var route, out var rejection))
        {
            return RejectNew(sourceIps, uetr, rejection);
        }

        DateTimeOffset? deadline = null;
        if (route.Priority == Priority.HIGH)
        {
            // Nexus times HIGH payments from the acceptance date-time; a sender's clock ahead of ours must not buy time.
            var start = transaction.AcceptanceDateTime is { } accepted && accepted < now ? accepted : now;
            deadline = start + _options.HighPriorityTimeout;
        }

        // The facts are written once, into the payment's book slot; the Received event refers to them there.
        var facts = new PaymentFacts(
            hash, route.Priority, sourceIps, route.DestinationIps, route.DebtorAgent, route.CreditorAgent, route.FxProvider,
            route.Instructed, route.Settlement, route.Rate, deadline, transaction);
        var received = _book.TryReceive(uetr, now, facts, out var slot);
        HubInvariant.Assert(received, "the engine emitted an event the lifecycle forbids");
        _events.Add(PaymentEvent.ReceivedInto(_book, slot, uetr, now));
        Apply(PaymentEvent.Validated(uetr, now));

        // The ledger holds the reservation at the payment's book slot: no second UETR-keyed lookup.
        var legs = default(LegPair);
        var reservation = _ledger.ReserveAt(slot, ReservationId.ForPayment(uetr), BuildLegs(facts, reverse: false, ref legs));
        if (!reservation.IsReserved)
        {
            var refused = reservation.Rejection ?? new Rejection(StatusReasonCode.AM04, SettlementAmountField, "liquidity could not be reserved");
            Apply(PaymentEvent.Rejected(uetr, now, refused.Reason));
            RecordInWindow(uetr, now);
            Emit(new HubOutput(HubOutputKind.StatusReport, sourceIps, uetr, TransactionStatus.RJCT, refused.Reason, Transaction: transaction, Rejection: refused));
            return HubDecision.Reject(refused);
        }

        Apply(PaymentEvent.Reserved(uetr, now));
        Apply(PaymentEvent.Forwarded(uetr, now));
        RecordInWindow(uetr, now);
        Emit(new HubOutput(HubOutputKind.ForwardPayment, route.DestinationIps, uetr, Transaction: transaction, ClearingSystem: route.DestinationIps));
        if (deadline is { } due)
        {
            // The book keeps the payment in its deadline list from the Forwarded event on (OnTick reads it).
            Emit(new HubOutput(HubOutputKind.ScheduleDeadline, route.DestinationIps, uetr, At: due));
        }

        return HubDecision.Forwarded;
    }

    /// <summary>Takes in every transaction of a pacs.008; the decisions are returned in order, the outputs accumulate.</summary>
    public HubDecision[] Submit(IpsId sourceIps, CustomerCreditTransfer message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var decisions = new HubDecision[message.Transactions.Count];
        var outputs = new List<HubOutput>();
        var events = new List<PaymentEvent>();
        var i = 0;
        foreach (var transaction in message.Transactions)
        {
            decisions[i++] = Submit(sourceIps, transaction);
            outputs.AddRange(Outputs);
            events.AddRange(Events);
        }

        BeginCall();
        foreach (var output in outputs)
        {
            _outputs.Add(output);
        }

        foreach (var e in events)
        {
            _events.Add(e);
        }

        return decisions;
    }

    private HubDecision RejectNew(IpsId sourceIps, Uetr uetr, Rejection rejection)
    {
        Emit(new HubOutput(HubOutputKind.StatusReport, sourceIps, uetr, TransactionStatus.RJCT, rejection.Reason, Rejection: rejection));
        return HubDecision.Reject(rejection);
    }

    private void RecordInWindow(Uetr uetr, DateTimeOffset now)
    {
        if (_window.Record(uetr, now, out var evicted, out var evictedAt))
        {
            Forget(evicted, evictedAt);
        }
    }

    // A payment leaves memory when its window entry goes, unless it is still in flight (then the book keeps it) or the
    // UETR was reused after its window (a newer payment, received at another time, owns it now).
    private void Forget(Uetr uetr, DateTimeOffset recordedAt)
    {
        if (_book.TryGet(uetr, out var record) && record.ReceivedAt == recordedAt && !IsInFlight(record.State))
        {
            _ = _book.Remove(uetr);
        }
    }

    private static bool IsInFlight(PaymentState state) =>
        state is PaymentState.Forwarded or PaymentState.RecallRequested or PaymentState.ReturnRequested or PaymentState.LateAccepted;

    // The legs live in the caller's stack frame, not in an engine array: writing a leg (two BICs and a currency) to the
    // heap costs a GC write barrier per reference, and the ledger copies what it keeps anyway.
    private static ReadOnlySpan<TransferLeg> BuildLegs(in PaymentFacts facts, bool reverse, ref LegPair buffer)
    {
        Span<TransferLeg> legs = buffer;
        // Nexus settles through the FX provider: the source PSP pays the FX provider in the source currency and the FX
        // provider pays the destination PSP in the destination currency. A return runs both legs backwards.
        if (facts.FxProvider.Value.Length == 0)
        {
            legs[0] = reverse
                ? new TransferLeg(facts.CreditorAgent, facts.DebtorAgent, facts.SettlementAmount)
                : new TransferLeg(facts.DebtorAgent, facts.CreditorAgent, facts.SettlementAmount);
            return legs[..1];
        }

        // An FX provider may also be the source or the destination PSP (a bank converting for its own customers): that
        // side of the conversion is internal to the bank and moves nothing between positions, so it has no leg.
        var count = 0;
        var sourceLeg = reverse
            ? new TransferLeg(facts.FxProvider, facts.DebtorAgent, facts.InstructedAmount)
            : new TransferLeg(facts.DebtorAgent, facts.FxProvider, facts.InstructedAmount);
        var destinationLeg = reverse
            ? new TransferLeg(facts.CreditorAgent, facts.FxProvider, facts.SettlementAmount)
            : new TransferLeg(facts.FxProvider, facts.CreditorAgent, facts.SettlementAmount);
        if (reverse && destinationLeg.Debtor != destinationLeg.Creditor)
        {
            legs[count++] = destinationLeg;
        }

        if (sourceLeg.Debtor != sourceLeg.Creditor)
        {
            legs[count++] = sourceLeg;
        }

        if (!reverse && destinationLeg.Debtor != destinationLeg.Creditor)
        {
            legs[count++] = destinationLeg;
        }

        return legs[..count];
    }

    private bool Validate(IpsId sourceIps, CreditTransferTransaction tx, ReadOnlySpan<char> quoteId, DateTimeOffset now, out Route route, out Rejection rejection)
    {
        route = default;
        if (!TryGetIps(ref _sourceIpsLookup, sourceIps, out var source))
        {
            rejection = new Rejection(StatusReasonCode.AGNT, InstructingAgentField, "the sending IPS is not connected to the hub");
            return false;
        }

        // The instructing agent is the PSP that sent the payment into its IPS; it must be a member of that IPS.
        var instructing = tx.InstructingAgent?.Bicfi ?? tx.DebtorAgent.Bicfi;
        if (instructing is not { } instructingBic)
        {
            rejection = new Rejection(StatusReasonCode.CH21, InstructingAgentField, "the instructing agent's BIC is required");
            return false;
        }

        if (!CheckAgent(ref _instructingAgentLookup, instructingBic, sourceIps, InstructingAgentField, "instructing agent", out var instructingAgent, out rejection))
        {
            return false;
        }

        if (tx.DebtorAgent.Bicfi is not { } debtorBic)
        {
            rejection = new Rejection(StatusReasonCode.CH21, DebtorAgentField, "the debtor agent's BIC is required");
            return false;
        }

        // Usually the instructing agent is the debtor agent: the same BIC passes the same checks, so it is looked up once.
        ParticipantDefinition debtor;
        if (debtorBic == instructingBic)
        {
            debtor = instructingAgent;
        }
        else if (!CheckAgent(ref _debtorAgentLookup, debtorBic, sourceIps, DebtorAgentField, "debtor agent", out debtor, out rejection))
        {
            return false;
        }

        if (!ResolveCreditorAgent(tx, out var creditor, out rejection))
        {
            return false;
        }

        if (!creditor.IsActive || !creditor.HasRole(ParticipantRoles.Psp))
        {
            rejection = new Rejection(StatusReasonCode.AGNT, CreditorAgentField, "the creditor agent is suspended or is not a PSP");
            return false;
        }

        if (!TryGetIps(ref _destinationIpsLookup, creditor.Ips, out var destination))
        {
            rejection = new Rejection(StatusReasonCode.AGNT, CreditorAgentField, "the creditor agent's IPS is not connected to the hub");
            return false;
        }

        if (destination.Id == sourceIps)
        {
            rejection = new Rejection(StatusReasonCode.AG01, CreditorAgentField, "the creditor agent is in the sending IPS; domestic payments do not use the hub");
            return false;
        }

        if (_availability?.IsOffline(destination.Id) == true)
        {
            rejection = new Rejection(StatusReasonCode.AB08, CreditorAgentField, $"the destination IPS {destination.Id} is offline (it stopped answering; the hub retries it shortly)");
            return false;
        }

        // Operating hours are judged on the hub's clock, never the sender's: TM01 (invalid cut-off time) names the
        // closed IPS so the sender knows which side to wait for. The rejection text is built only on refusal.
        if (!source.IsOpen(now))
        {
            rejection = new Rejection(StatusReasonCode.TM01, InstructingAgentField, $"the sending IPS {source.Id} is closed (outside its operating hours)");
            return false;
        }

        if (!destination.IsOpen(now))
        {
            rejection = new Rejection(StatusReasonCode.TM01, CreditorAgentField, $"the destination IPS {destination.Id} is closed (outside its operating hours)");
            return false;
        }

        var priority = tx.PaymentType?.InstructionPriority ?? Priority.NORM;
        if (priority == Priority.HIGH && !destination.SupportsHighPriority)
        {
            // The hub can only time a HIGH payment if the destination answers within the deadline; an IPS that does
            // not offer HIGH would make every such payment time out. AG01: the transaction is forbidden on this route.
            rejection = new Rejection(StatusReasonCode.AG01, PriorityField, $"the destination IPS {destination.Id} does not support HIGH priority; send the payment as NORM");
            return false;
        }

        var supported = priority == Priority.HIGH
            ? source.SupportsHighPriority
            : source.SupportsNormalPriority && destination.SupportsNormalPriority;
        if (!supported)
        {
            rejection = new Rejection(StatusReasonCode.AG01, PriorityField, "the sending or the destination IPS does not support this priority");
            return false;
        }

        if (!TryGetCorridor(sourceIps, destination.Id, out var corridor) || !corridor.Enabled)
        {
            rejection = new Rejection(StatusReasonCode.AG01, CreditorAgentField, "no open corridor from the sending IPS to the creditor agent's IPS");
            return false;
        }

        // Nexus names the FX provider's settlement access providers as intermediary agents: IntrmyAgt1 in the source
        // IPS, IntrmyAgt2 in the destination IPS. When present they must be exactly that, or the legs settle nowhere.
        if (!CheckIntermediary(ref _intermediary1Lookup, tx.IntermediaryAgent1, sourceIps, IntermediaryAgent1Field, out rejection)
            || !CheckIntermediary(ref _intermediary2Lookup, tx.IntermediaryAgent2, destination.Id, IntermediaryAgent2Field, out rejection))
        {
            return false;
        }

        // Currencies: each IPS settles only its own; the instructed amount is in the source currency, the settlement
        // amount in the destination currency. Money already holds exact minor units of its currency's exponent.
        var settlement = tx.InterbankSettlementAmount;
        if (settlement.Currency != destination.Currency)
        {
            rejection = new Rejection(StatusReasonCode.CURR, SettlementAmountField, "the settlement amount must be in the destination IPS's currency");
            return false;
        }

        var crossCurrency = source.Currency != destination.Currency;
        Money instructed;
        if (tx.InstructedAmount is { } given)
        {
            instructed = given;
        }
        else if (!crossCurrency)
        {
            instructed = settlement;
        }
        else
        {
            rejection = new Rejection(StatusReasonCode.CH21, InstructedAmountField, "a cross-currency payment must state the instructed amount");
            return false;
        }

        if (instructed.Currency != source.Currency)
        {
            rejection = new Rejection(StatusReasonCode.CURR, InstructedAmountField, "the instructed amount must be in the sending IPS's currency");
            return false;
        }

        if (settlement.AmountMinor <= 0 || instructed.AmountMinor <= 0)
        {
            rejection = new Rejection(StatusReasonCode.AM01, settlement.AmountMinor <= 0 ? SettlementAmountField : InstructedAmountField, "the amount must be greater than zero");
            return false;
        }

        // The cap is the lowest of the source IPS's, the destination IPS's (compared in its own currency: the
        // settlement amount is the instructed amount at the quote's rate) and the corridor's.
        if (instructed.AmountMinor > source.PerTransactionCap.AmountMinor)
        {
            rejection = new Rejection(StatusReasonCode.AM02, InstructedAmountField, "the amount exceeds the sending IPS's per-transaction cap");
            return false;
        }

        if (settlement.AmountMinor > destination.PerTransactionCap.AmountMinor)
        {
            rejection = new Rejection(StatusReasonCode.AM02, SettlementAmountField, "the amount exceeds the destination IPS's per-transaction cap");
            return false;
        }

        if (corridor.Cap is { } cap && cap.Currency == instructed.Currency && instructed.AmountMinor > cap.AmountMinor)
        {
            rejection = new Rejection(StatusReasonCode.AM02, InstructedAmountField, "the amount exceeds the corridor's per-transaction cap");
            return false;
        }

        if (!CheckRequiredFields(tx, corridor, out rejection))
        {
            return false;
        }

        var fxProvider = default(Bic);
        var rate = 1m;
        if (crossCurrency)
        {
            if (tx.ExchangeRate is not { } stated)
            {
                rejection = new Rejection(StatusReasonCode.CH21, RateField, "a cross-currency payment must state the exchange rate");
                return false;
            }

            if (quoteId.IsEmpty)
            {
                rejection = new Rejection(StatusReasonCode.CH21, QuoteField, "a cross-currency payment must cite its FX quote (NexusQuoteId:...)");
                return false;
            }

            var check = _quotes.Check(quoteId, instructingBic, stated, settlement, instructed, now);
            if (check.Rejection is { } quoteRejection)
            {
                rejection = quoteRejection;
                return false;
            }

            var quote = check.Quote!;
            if (quote.SourceIps != sourceIps || quote.DestinationIps != destination.Id)
            {
                rejection = new Rejection(StatusReasonCode.AG01, QuoteField, "the quote was issued for another corridor");
                return false;
            }

            fxProvider = quote.FxProvider;
            rate = stated;
        }

        route = new Route(priority, destination.Id, debtor.Bic, creditor.Bic, fxProvider, instructed, settlement, rate);
        rejection = default;
        return true;
    }

    private bool CheckAgent(ref LastLookup<ParticipantDefinition> lookup, Bic bic, IpsId sourceIps, string field, string role, out ParticipantDefinition participant, out Rejection rejection)
    {
        if (!TryGetParticipant(ref lookup, bic, out participant))
        {
            rejection = new Rejection(StatusReasonCode.RC01, field, $"the {role} is not a participant of the hub");
            return false;
        }

        if (!participant.IsActive)
        {
            rejection = new Rejection(StatusReasonCode.AGNT, field, $"the {role} is suspended");
            return false;
        }

        if (participant.Ips != sourceIps)
        {
            rejection = new Rejection(StatusReasonCode.AGNT, field, $"the {role} does not belong to the sending IPS");
            return false;
        }

        if (!participant.HasRole(ParticipantRoles.Psp))
        {
            rejection = new Rejection(StatusReasonCode.AGNT, field, $"the {role} is not a PSP");
            return false;
        }

        rejection = default;
        return true;
    }

    private bool CheckIntermediary(ref LastLookup<ParticipantDefinition> lookup, Agent? agent, IpsId ips, string field, out Rejection rejection)
    {
        if (agent is null)
        {
            rejection = default;
            return true;
        }

        ParticipantDefinition? participant = null;
        var known = agent.Bicfi is { } bic
            ? TryGetParticipant(ref lookup, bic, out participant)
            : agent.ClearingSystemMember is { } member && _topology.TryGetParticipantByMember(ips, member.MemberId, out participant);
        if (!known || participant is null)
        {
            rejection = new Rejection(StatusReasonCode.RC11, field, $"the intermediary agent is not a participant of the hub in {ips}");
            return false;
        }

        if (participant.Ips != ips || !participant.IsActive || !participant.HasRole(ParticipantRoles.SettlementAccessProvider))
        {
            rejection = new Rejection(StatusReasonCode.RC11, field, $"the intermediary agent must be an active settlement access provider of {ips}");
            return false;
        }

        rejection = default;
        return true;
    }

    // Routing: the creditor agent's BIC, else its clearing-system member id in an IPS of the settlement currency,
    // else the creditor account's proxy resolved in such an IPS.
    private bool ResolveCreditorAgent(CreditTransferTransaction tx, out ParticipantDefinition creditor, out Rejection rejection)
    {
        var agent = tx.CreditorAgent;
        if (agent.Bicfi is { } bic)
        {
            if (TryGetParticipant(ref _creditorAgentLookup, bic, out creditor))
            {
                rejection = default;
                return true;
            }

            rejection = new Rejection(StatusReasonCode.RC01, CreditorAgentField + "/BICFI", "the creditor agent's BIC is not a participant of the hub");
            return false;
        }

        var candidates = _topology.IpsForCurrency(tx.InterbankSettlementAmount.Currency);
        if (agent.ClearingSystemMember is { } member)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                if (_topology.TryGetParticipantByMember(candidates[i].Id, member.MemberId, out creditor))
                {
                    rejection = default;
                    return true;
                }
            }

            creditor = null!;
            rejection = new Rejection(StatusReasonCode.RC01, CreditorAgentField + "/ClrSysMmbId/MmbId", "no participant has this clearing-system member id");
            return false;
        }

        if (tx.CreditorAccount?.Proxy is { } proxy)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                if (_proxies.TryResolve(candidates[i].Id, proxy.Id, out var resolved) && _topology.TryGetParticipant(resolved, out creditor))
                {
                    rejection = default;
                    return true;
                }
            }

            creditor = null!;
            rejection = new Rejection(StatusReasonCode.BE23, CreditorProxyField, "the proxy is not registered in any IPS of the settlement currency");
            return false;
        }

        creditor = null!;
        rejection = new Rejection(StatusReasonCode.AGNT, CreditorAgentField, "the creditor agent has no BIC or member id and the creditor account no proxy");
        return false;
    }

    private static bool CheckRequiredFields(CreditTransferTransaction tx, CorridorDefinition corridor, out Rejection rejection)
    {
        foreach (var field in corridor.RequiredFields.AsSpan())
        {
            var (present, path) = field switch
            {
                RequiredField.Purpose => (tx.Purpose?.Code is not null || tx.Purpose?.Proprietary is not null, "CdtTrfTxInf/Purp/Cd"),
                RequiredField.CreditorAddress => (tx.Creditor.PostalAddress is not null, "CdtTrfTxInf/Cdtr/PstlAdr"),
                RequiredField.DebtorAddress => (tx.Debtor.PostalAddress is not null, "CdtTrfTxInf/Dbtr/PstlAdr"),
                RequiredField.CreditorAccount => (tx.CreditorAccount is not null, "CdtTrfTxInf/CdtrAcct"),
                RequiredField.DebtorAccount => (tx.DebtorAccount is not null, "CdtTrfTxInf/DbtrAcct"),
                RequiredField.DebtorDateOfBirth => (tx.Debtor.Identification?.DateAndPlaceOfBirth is not null, "CdtTrfTxInf/Dbtr/Id/PrvtId/DtAndPlcOfBirth"),
                RequiredField.DebtorNationalId => (tx.Debtor.Identification is { Kind: PartyKind.Person, Other.IsEmpty: false }, "CdtTrfTxInf/Dbtr/Id/PrvtId/Othr"),
                RequiredField.RemittanceInformation => (tx.RemittanceInformation is not null, "CdtTrfTxInf/RmtInf"),
                _ => (true, string.Empty),
            };
            if (!present)
            {
                rejection = new Rejection(StatusReasonCode.CH21, path, "the destination requires this element");
                return false;
            }
        }

        rejection = default;
        return true;
    }

    [System.Runtime.CompilerServices.InlineArray(2)]
    private struct LegPair
    {
        private TransferLeg _leg;
    }

    private readonly record struct Route(
        Priority Priority,
        IpsId DestinationIps,
        Bic DebtorAgent,
        Bic CreditorAgent,
        Bic FxProvider,
        Money Instructed,
        Money Settlement,
        decimal Rate);
}
