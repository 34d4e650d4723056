using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.Ledger;
using PaymentSwitch.Hub.Payments;

namespace PaymentSwitch.Hub;

// Returns (pacs.004) and recalls (camt.056 → camt.029 → pacs.004).
public sealed partial class HubEngine
{
    private const string ReturnUetrField = "TxInf/OrgnlUETR";
    private const string ReturnAmountField = "TxInf/RtrdIntrBkSttlmAmt";
    private const string CancellationUetrField = "Undrlyg/TxInf/OrgnlUETR";
    private const string ResolutionUetrField = "CxlDtls/TxInfAndSts/OrgnlUETR";

    /// <summary>
    /// Applies a pacs.004 from the destination IPS. For an accepted payment (or one being recalled) the hub reverses it
    /// at the original exchange rate: a new reservation with the legs reversed, committed at once, and a pacs.004 to
    /// the source. For a late-accepted payment whose return the hub requested, nothing was committed, so nothing moves:
    /// the return only closes the reconciliation.
    /// </summary>
    /// <returns>The decision for the last transaction in the message.</returns>
    public HubDecision OnReturn(IpsId fromIps, PaymentReturn message)
    {
        ArgumentNullException.ThrowIfNull(message);
        BeginCall();
        var now = _time.GetUtcNow();
        var decision = HubDecision.Ignored;
        foreach (var tx in message.Transactions)
        {
            decision = ApplyReturn(fromIps, tx, message, now);
        }

        return decision;
    }

    /// <summary>Forwards a camt.056 recall from the source IPS to the destination IPS, for an accepted payment.</summary>
    public HubDecision OnCancellationRequest(IpsId fromIps, CancellationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        BeginCall();
        var now = _time.GetUtcNow();
        var decision = HubDecision.Ignored;
        foreach (var tx in request.Transactions)
        {
            if (!TryFindFor(tx.OriginalUetr, fromIps, fromSource: true, CancellationUetrField, out var record, out var rejection))
            {
                decision = HubDecision.Reject(rejection);
                continue;
            }

            if (record.State != PaymentState.Accepted)
            {
                decision = HubDecision.Reject(new Rejection(StatusReasonCode.AG01, CancellationUetrField, "only an accepted payment can be recalled"));
                continue;
            }

            Apply(PaymentEvent.RecallRequested(record.Uetr, now));
            Emit(new HubOutput(HubOutputKind.ForwardRecall, record.Facts.DestinationIps, record.Uetr, Message: request, Transaction: record.Facts.Transaction));
            decision = HubDecision.Applied;
        }

        return decision;
    }

    /// <summary>
    /// Applies a camt.029 from the destination IPS: an accepted cancellation (ACCR, or CNCL at message level) reverses
    /// the payment at the original rate and sends the pacs.004 to the source; a refusal (RJCR) ends the recall and the
    /// payment stays accepted. Either way the camt.029 is forwarded to the source.
    /// </summary>
    public HubDecision OnResolution(IpsId fromIps, ResolutionOfInvestigation resolution)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        BeginCall();
        var now = _time.GetUtcNow();
        var decision = HubDecision.Ignored;
        foreach (var tx in resolution.Transactions)
        {
            if (!TryFindFor(tx.OriginalUetr, fromIps, fromSource: false, ResolutionUetrField, out var record, out var rejection))
            {
                decision = HubDecision.Reject(rejection);
                continue;
            }

            if (record.State != PaymentState.RecallRequested)
            {
                decision = HubDecision.Reject(new Rejection(StatusReasonCode.AG01, ResolutionUetrField, "no recall of this payment is pending"));
                continue;
            }

            if (tx.TransactionCancellationStatus == "PDCR" || (tx.TransactionCancellationStatus is null && resolution.StatusConfirmation == "PDCR"))
            {
                // Pending cancellation: the destination is still deciding; the recall stays open.
                decision = HubDecision.Ignored;
                continue;
            }

            var accepted = tx.TransactionCancellationStatus == "ACCR"
                || (tx.TransactionCancellationStatus is null && resolution.StatusConfirmation == "CNCL");
            if (!accepted)
            {
                Apply(PaymentEvent.RecallRejected(record.Uetr, now));
                Emit(new HubOutput(HubOutputKind.ForwardResolution, record.Facts.SourceIps, record.Uetr, Message: resolution));
                decision = HubDecision.Applied;
                continue;
            }

            if (!Reverse(record, record.Facts.SettlementAmount, out var backToSource, out rejection))
            {
                decision = HubDecision.Reject(rejection);
                continue;
            }

            Apply(PaymentEvent.Recalled(record.Uetr, now));
            Emit(new HubOutput(HubOutputKind.ForwardResolution, record.Facts.SourceIps, record.Uetr, Message: resolution));
            Emit(new HubOutput(HubOutputKind.ReturnPayment, record.Facts.SourceIps, record.Uetr, TransactionStatus.ACCC, StatusReasonCode.DUPL,
                Transaction: record.Facts.Transaction, Amount: backToSource, CounterAmount: record.Facts.SettlementAmount, ExchangeRate: record.Facts.ExchangeRate));
            decision = HubDecision.Applied;
        }

        return decision;
    }

    private HubDecision ApplyReturn(IpsId fromIps, PaymentReturnTransaction tx, PaymentReturn message, DateTimeOffset now)
    {
        if (!TryFindFor(tx.OriginalUetr, fromIps, fromSource: false, ReturnUetrField, out var record, out var rejection))
        {
            return HubDecision.Reject(rejection);
        }

        var reason = FirstReason(tx.ReturnReasons);
        if (record.State == PaymentState.ReturnRequested)
        {
            Apply(PaymentEvent.Returned(record.Uetr, now, reason, ledgerMoved: false));
            return HubDecision.Applied;
        }

        if (record.State is not (PaymentState.Accepted or PaymentState.RecallRequested))
        {
            return HubDecision.Reject(new Rejection(StatusReasonCode.AG01, ReturnUetrField, "only an accepted payment can be returned"));
        }

        var returned = tx.ReturnedInterbankSettlementAmount;
        if (returned.Currency != record.Facts.SettlementAmount.Currency)
        {
            return HubDecision.Reject(new Rejection(StatusReasonCode.CURR, ReturnAmountField, "a return must be in the original settlement currency"));
        }

        if (returned.AmountMinor <= 0 || returned.AmountMinor > record.Facts.SettlementAmount.AmountMinor)
        {
            return HubDecision.Reject(new Rejection(StatusReasonCode.AM09, ReturnAmountField, "a return must be positive and at most the original settlement amount"));
        }

        if (!Reverse(record, returned, out var backToSource, out rejection))
        {
            return HubDecision.Reject(rejection);
        }

        Apply(record.State == PaymentState.RecallRequested
            ? PaymentEvent.Recalled(record.Uetr, now)
            : PaymentEvent.Returned(record.Uetr, now, reason, ledgerMoved: true));
        Emit(new HubOutput(HubOutputKind.ReturnPayment, record.Facts.SourceIps, record.Uetr, TransactionStatus.ACCC, reason,
            Transaction: record.Facts.Transaction, Message: message, Amount: backToSource, CounterAmount: returned, ExchangeRate: record.Facts.ExchangeRate));
        return HubDecision.Applied;
    }

    /// <summary>
    /// The amount in the source currency that <paramref name="returned"/> (destination currency) is worth at the
    /// payment's original rate: the original instructed amount for a full return, otherwise the proportional share,
    /// rounded half away from zero to a minor unit, computed exactly in 128-bit integers.
    /// </summary>
    internal static Money AtOriginalRate(in PaymentFacts facts, Money returned)
    {
        if (returned.AmountMinor == facts.SettlementAmount.AmountMinor)
        {
            return facts.InstructedAmount;
        }

        var numerator = ((Int128)returned.AmountMinor * facts.InstructedAmount.AmountMinor * 2) + facts.SettlementAmount.AmountMinor;
        var share = numerator / ((Int128)facts.SettlementAmount.AmountMinor * 2);
        return new Money((long)share, facts.InstructedAmount.Currency);
    }

    private bool Reverse(in PaymentRecord record, Money returned, out Money backToSource, out Rejection rejection)
    {
        backToSource = AtOriginalRate(record.Facts, returned);
        var reversal = record.Facts with { SettlementAmount = returned, InstructedAmount = backToSource };
        var reservation = ReservationId.ForReturn(record.Uetr);
        var legs = default(LegPair);
        var result = _ledger.Reserve(reservation, BuildLegs(reversal, reverse: true, ref legs));
        if (!result.IsReserved)
        {
            rejection = result.Rejection ?? new Rejection(StatusReasonCode.AM04, ReturnAmountField, "liquidity for the return could not be reserved");
            return false;
        }

        var committed = _ledger.Commit(reservation);
        HubInvariant.Assert(committed is ReservationOutcome.Committed or ReservationOutcome.AlreadyCommitted, "a fresh return reservation must commit");
        rejection = default;
        return true;
    }

    private bool TryFindFor(Uetr? original, IpsId fromIps, bool fromSource, string field, out PaymentRecord record, out Rejection rejection)
    {
        if (original is not { } uetr)
        {
            record = default;
            rejection = new Rejection(StatusReasonCode.CH21, field, "the original UETR is required");
            return false;
        }

        if (!_book.TryGet(uetr, out record))
        {
            rejection = new Rejection(StatusReasonCode.TM01, field, "the hub has no record of this payment");
            return false;
        }

        var expected = fromSource ? record.Facts.SourceIps : record.Facts.DestinationIps;
        if (expected != fromIps)
        {
            rejection = new Rejection(StatusReasonCode.AGNT, field, fromSource
                ? "only the IPS that sent the payment may recall it"
                : "only the destination IPS may answer for this payment");
            return false;
        }

        rejection = default;
        return true;
    }
}
