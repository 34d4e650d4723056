using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.Ledger;
using PaymentSwitch.Hub.Payments;

namespace PaymentSwitch.Hub;

// The acceptance path (pacs.002 from the destination), deadlines, and status enquiries (pacs.028).
public sealed partial class HubEngine
{
    private const string OriginalUetrField = "TxInfAndSts/OrgnlUETR";
    private const string RequestUetrField = "TxInf/OrgnlUETR";

    /// <summary>
    /// Applies the destination's pacs.002: ACCC commits and tells the source; RJCT or BLCK releases and passes the
    /// reason on; an interim status (ACSP, PDNG, ACWP...) records that the destination has the payment. An ACCC for a
    /// payment the hub already timed out is a late acceptance: it is recorded for reconciliation and a return is
    /// requested, and nothing is committed, so the ledger never credits without a debit.
    /// </summary>
    /// <returns>The decision for the last transaction in the report (a report normally carries one).</returns>
    public HubDecision OnStatusReport(IpsId fromIps, PaymentStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        BeginCall();
        var now = _time.GetUtcNow();
        var decision = HubDecision.Ignored;
        foreach (var status in report.Transactions)
        {
            decision = ApplyStatus(fromIps, status, now);
        }

        return decision;
    }

    /// <summary>
    /// Times out every HIGH-priority payment whose deadline has passed (AB06 if the destination never answered,
    /// AB05 if it acknowledged but did not give a final status), releasing their reservations, and forgets UETRs that
    /// left the duplicate window. Call it when the timer for <see cref="NextDeadline"/> fires, or periodically.
    /// </summary>
    /// <returns>How many payments timed out.</returns>
    public int OnTick()
    {
        BeginCall();
        var now = _time.GetUtcNow();
        var timedOut = 0;
        // Timing out a payment takes it out of the book's deadline list, so this loop ends.
        while (_book.TryPeekDue(now, out var record))
        {
            TimeOut(record, now);
            timedOut++;
        }

        while (_window.TryExpireOldest(now, out var expired, out var recordedAt))
        {
            Forget(expired, recordedAt);
        }

        return timedOut;
    }

    /// <summary>
    /// Answers a pacs.028 from <paramref name="fromIps"/>: for each transaction, TM01 if the hub does not know the
    /// payment (or it was sent by another IPS), the final status if it has one, its pending status otherwise.
    /// </summary>
    public HubDecision OnStatusRequest(IpsId fromIps, PaymentStatusRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        BeginCall();
        var now = _time.GetUtcNow();
        foreach (var tx in request.Transactions)
        {
            if (tx.OriginalUetr is not { } uetr)
            {
                Emit(new HubOutput(HubOutputKind.StatusReport, fromIps, default, TransactionStatus.RJCT, StatusReasonCode.CH21,
                    Rejection: new Rejection(StatusReasonCode.CH21, RequestUetrField, "the original UETR is required")));
                continue;
            }

            // A payment is disclosed only to the IPS that sent it; anyone else learns nothing (TM01, as for unknown).
            if (!_book.TryGet(uetr, out var record) || record.Facts.SourceIps != fromIps)
            {
                Emit(new HubOutput(HubOutputKind.StatusReport, fromIps, uetr, TransactionStatus.RJCT, StatusReasonCode.TM01,
                    Rejection: new Rejection(StatusReasonCode.TM01, RequestUetrField, "the hub has no record of this payment")));
                continue;
            }

            // A HIGH payment past its deadline is timed out now, so the answer never contradicts the clock.
            if (IsOverdue(record, now))
            {
                TimeOut(record, now);
                continue;
            }

            Emit(new HubOutput(HubOutputKind.StatusReport, fromIps, uetr, record.LastStatus, record.Reason, Transaction: record.Facts.Transaction));
        }

        return HubDecision.Answered;
    }

    private HubDecision ApplyStatus(IpsId fromIps, TransactionStatusInformation status, DateTimeOffset now)
    {
        if (status.OriginalUetr is not { } uetr || status.Status is not { } reported)
        {
            return HubDecision.Reject(new Rejection(StatusReasonCode.CH21, OriginalUetrField, "a status report needs the original UETR and a status"));
        }

        if (!_book.TryGet(uetr, out var record))
        {
            return HubDecision.Reject(new Rejection(StatusReasonCode.TM01, OriginalUetrField, "the hub has no record of this payment"));
        }

        if (record.Facts.DestinationIps != fromIps)
        {
            return HubDecision.Reject(new Rejection(StatusReasonCode.AGNT, OriginalUetrField, "only the destination IPS may report this payment's status"));
        }

        if (IsOverdue(record, now))
        {
            // The deadline passed before this report arrived, even if the tick has not run yet: the clock decides.
            TimeOut(record, now);
            _ = _book.TryGet(uetr, out record);
        }

        var isAcceptance = reported is TransactionStatus.ACCC or TransactionStatus.ACSC;
        var isRejection = reported is TransactionStatus.RJCT or TransactionStatus.BLCK;
        switch (record.State)
        {
            case PaymentState.Forwarded when isAcceptance:
                var committed = _ledger.CommitAt(SlotOf(uetr), ReservationId.ForPayment(uetr));
                HubInvariant.Assert(committed is ReservationOutcome.Committed or ReservationOutcome.AlreadyCommitted, "a forwarded payment's reservation must be pending");
                Apply(PaymentEvent.Accepted(uetr, now, reported));
                TellSource(record, reported, StatusReasonCode.None);
                return HubDecision.Applied;

            case PaymentState.Forwarded when isRejection:
                var reason = FirstReason(status.StatusReasons);
                var released = _ledger.ReleaseAt(SlotOf(uetr), ReservationId.ForPayment(uetr));
                HubInvariant.Assert(released is ReservationOutcome.Released or ReservationOutcome.AlreadyReleased, "a forwarded payment's reservation must be pending");
                Apply(PaymentEvent.Rejected(uetr, now, reason));
                TellSource(record, reported, reason);
                return HubDecision.Applied;

            case PaymentState.Forwarded:
                Apply(PaymentEvent.Interim(uetr, now, reported));
                if (reported == TransactionStatus.ACWP)
                {
                    // Nexus passes ACWP on: the funds reached the destination PSP but are held.
                    TellSource(record, reported, StatusReasonCode.None);
                }

                return HubDecision.Applied;

            case PaymentState.TimedOut when isAcceptance:
                // The SCT Inst failure story: a "timed out" payment that was in fact credited. The reservation is
                // already released and stays so; the destination must send the money back.
                Apply(PaymentEvent.LateAcceptance(uetr, now));
                Apply(PaymentEvent.ReturnRequested(uetr, now));
                Emit(new HubOutput(HubOutputKind.LateAcceptance, fromIps, uetr, reported, record.Reason, At: now, Transaction: record.Facts.Transaction));
                Emit(new HubOutput(HubOutputKind.RequestReturn, fromIps, uetr, TransactionStatus.RJCT, record.Reason,
                    Transaction: record.Facts.Transaction, Amount: record.Facts.InstructedAmount, CounterAmount: record.Facts.SettlementAmount, ExchangeRate: record.Facts.ExchangeRate));
                return HubDecision.Applied;

            default:
                // Repeats (a second ACCC), late rejections of timed-out payments and reports after a final state
                // change nothing: the first final answer stands.
                return HubDecision.Ignored;
        }
    }

    private static bool IsOverdue(in PaymentRecord record, DateTimeOffset now) =>
        record.State == PaymentState.Forwarded && record.Facts.Deadline is { } deadline && now >= deadline;

    private void TimeOut(in PaymentRecord record, DateTimeOffset now)
    {
        // AB06 (instructed agent timeout): the destination IPS never answered. AB05 (creditor agent timeout): it
        // acknowledged the payment (an interim pacs.002) but the creditor agent gave no final status in time.
        var reason = record.DestinationAcknowledged ? StatusReasonCode.AB05 : StatusReasonCode.AB06;
        var released = _ledger.ReleaseAt(SlotOf(record.Uetr), ReservationId.ForPayment(record.Uetr));
        HubInvariant.Assert(released is ReservationOutcome.Released or ReservationOutcome.AlreadyReleased, "a forwarded payment's reservation must be pending");
        Apply(PaymentEvent.TimedOut(record.Uetr, now, reason));
        TellSource(record, TransactionStatus.RJCT, reason);
    }

    // The payment was just looked up, so the book answers from the slot it touched last.
    private int SlotOf(Uetr uetr)
    {
        var found = _book.TryGetSlot(uetr, out var slot);
        HubInvariant.Assert(found, "a payment with a reservation is in the book");
        return slot;
    }

    private static StatusReasonCode FirstReason(ValueList<ReasonInformation> reasons)
    {
        foreach (var reason in reasons)
        {
            if (reason.Reason?.Code is { } code && StatusReasons.TryParse(code, out var parsed))
            {
                return parsed;
            }
        }

        // A rejection without a code the hub knows is passed on as narrative.
        return StatusReasonCode.NARR;
    }
}
