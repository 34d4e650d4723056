using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.Payments;
using PaymentSwitch.Iso20022.Examples;

namespace PaymentSwitch.Hub.Tests.Payments;

public sealed class HubEngineLifecycleTests
{
    private static readonly Uetr Id = AseanExamples.PaymentUetr;
    private readonly HubFixture _f = new();

    private HubEngine Sut => _f.Engine;

    [Fact]
    public void OnStatusReport_Accc_CommitsBothLegsAndTellsSource()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());

        var decision = Sut.OnStatusReport(HubFixture.ThPromptPay, AseanExamples.Accepted(_f.Time));

        Assert.Equal(HubDecisionKind.Applied, decision.Kind);
        var report = _f.Single(HubOutputKind.StatusReport);
        Assert.Equal((HubFixture.SgFast, TransactionStatus.ACCC), (report.Target, report.Status));
        Assert.Equal(-1_000_00, _f.Net(HubFixture.Dbs, Currency.SGD));
        Assert.Equal(1_000_00, _f.Net(HubFixture.FxProvider, Currency.SGD));
        Assert.Equal(-25_853_00, _f.Net(HubFixture.FxProvider, Currency.THB));
        Assert.Equal(25_853_00, _f.Net(HubFixture.Bkkb, Currency.THB));
        Assert.Equal(0, _f.Reserved(HubFixture.Dbs, Currency.SGD));
    }

    [Fact]
    public void Submit_ReservationHeldAtBookSlot_IsVisibleByIdAndCompletesOnce()
    {
        // The engine's ledger holds a payment's reservation at the payment's book slot; id-keyed callers still see it.
        Sut.Submit(HubFixture.SgFast, _f.Payment());
        var id = Hub.Ledger.ReservationId.ForPayment(Id);

        Assert.Equal(Hub.Ledger.ReservationState.Pending, _f.Ledger.GetReservationState(id));
        Assert.Equal(2, _f.Ledger.GetPendingLegs(id).Length);
        Assert.Equal(Hub.Ledger.ReservationStatus.AlreadyReserved, _f.Ledger.Reserve(id, _f.Ledger.GetPendingLegs(id)).Status);
        Assert.Equal(1, _f.Ledger.PendingCount);

        Sut.OnStatusReport(HubFixture.ThPromptPay, AseanExamples.Accepted(_f.Time));

        Assert.Equal(Hub.Ledger.ReservationState.Committed, _f.Ledger.GetReservationState(id));
        Assert.Equal(Hub.Ledger.ReservationOutcome.AlreadyCommitted, _f.Ledger.Commit(id));
        Assert.Equal(0, _f.Ledger.PendingCount);
    }

    [Fact]
    public void OnStatusReport_RjctAc04_ReleasesAndPassesReasonOn()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());

        Sut.OnStatusReport(HubFixture.ThPromptPay, AseanExamples.Rejected(_f.Time));

        var report = _f.Single(HubOutputKind.StatusReport);
        Assert.Equal((TransactionStatus.RJCT, StatusReasonCode.AC04), (report.Status, report.Reason));
        Assert.Equal(0, _f.Reserved(HubFixture.Dbs, Currency.SGD));
        Assert.Equal(0, _f.Net(HubFixture.Dbs, Currency.SGD));
    }

    [Fact]
    public void OnStatusReport_FromAnotherIps_RejectedAgnt()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());

        var decision = Sut.OnStatusReport(HubFixture.SgFast, AseanExamples.Accepted(_f.Time));

        Assert.Equal(StatusReasonCode.AGNT, decision.Reason);
        Sut.TryGetPayment(Id, out var record);
        Assert.Equal(PaymentState.Forwarded, record.State);
    }

    [Fact]
    public void OnStatusReport_SecondAccc_Ignored()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());
        Sut.OnStatusReport(HubFixture.ThPromptPay, AseanExamples.Accepted(_f.Time));

        var decision = Sut.OnStatusReport(HubFixture.ThPromptPay, AseanExamples.Accepted(_f.Time));

        Assert.Equal(HubDecisionKind.Ignored, decision.Kind);
        Assert.Equal(-1_000_00, _f.Net(HubFixture.Dbs, Currency.SGD));
    }

    [Fact]
    public void OnTick_HighDeadlinePassedWithoutAnswer_Ab06AndReleased()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());
        _f.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, Sut.OnTick());

        _f.Time.Advance(TimeSpan.FromSeconds(1));
        var timedOut = Sut.OnTick();

        Assert.Equal(1, timedOut);
        var report = _f.Single(HubOutputKind.StatusReport);
        Assert.Equal((HubFixture.SgFast, TransactionStatus.RJCT, StatusReasonCode.AB06), (report.Target, report.Status, report.Reason));
        Assert.Equal(0, _f.Reserved(HubFixture.Dbs, Currency.SGD));
        Assert.Equal(0, _f.Reserved(HubFixture.FxProvider, Currency.THB));
    }

    [Fact]
    public void OnTick_DestinationAcknowledgedButNoFinal_Ab05()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());
        Sut.OnStatusReport(HubFixture.ThPromptPay, HubFixture.Report(Id, TransactionStatus.ACSP));

        _f.Time.Advance(TimeSpan.FromSeconds(60));
        Sut.OnTick();

        Assert.Equal(StatusReasonCode.AB05, _f.Single(HubOutputKind.StatusReport).Reason);
    }

    [Fact]
    public void OnStatusReport_AccAfterDeadlineBeforeTick_TreatedAsLate()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());
        _f.Time.Advance(TimeSpan.FromSeconds(61));

        Sut.OnStatusReport(HubFixture.ThPromptPay, HubFixture.Report(Id, TransactionStatus.ACCC));

        Sut.TryGetPayment(Id, out var record);
        Assert.Equal(PaymentState.ReturnRequested, record.State);
        Assert.Equal(0, _f.Net(HubFixture.Bkkb, Currency.THB));
    }

    [Fact]
    public void OnStatusReport_LateAcceptance_RecordedReturnRequestedNothingCredited()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());
        _f.Time.Advance(TimeSpan.FromSeconds(60));
        Sut.OnTick();

        _f.Time.Advance(TimeSpan.FromSeconds(5));
        var decision = Sut.OnStatusReport(HubFixture.ThPromptPay, HubFixture.Report(Id, TransactionStatus.ACCC));

        Assert.Equal(HubDecisionKind.Applied, decision.Kind);
        var late = _f.Single(HubOutputKind.LateAcceptance);
        Assert.Equal(_f.Time.GetUtcNow(), late.At);
        var request = _f.Single(HubOutputKind.RequestReturn);
        Assert.Equal((HubFixture.ThPromptPay, 25_853_00L), (request.Target, request.CounterAmount.AmountMinor));
        Assert.Equal(0, _f.Net(HubFixture.Bkkb, Currency.THB));
        Assert.Equal(0, _f.Net(HubFixture.FxProvider, Currency.THB));
        Assert.Equal(0, _f.Net(HubFixture.Dbs, Currency.SGD));

        // The sender was told RJCT AB06 and keeps being told so.
        Sut.OnStatusRequest(HubFixture.SgFast, HubFixture.Enquiry(Id));
        Assert.Equal((TransactionStatus.RJCT, StatusReasonCode.AB06), (Sut.Outputs[0].Status, Sut.Outputs[0].Reason));

        // The destination returns the funds: the reconciliation closes and still nothing moves at the hub.
        Assert.Equal(HubDecisionKind.Applied, Sut.OnReturn(HubFixture.ThPromptPay, AseanExamples.Return(_f.Time)).Kind);
        Sut.TryGetPayment(Id, out var record);
        Assert.Equal(PaymentState.Returned, record.State);
        Assert.False(record.ReturnMovedLedger);
        Assert.Equal(0, _f.Net(HubFixture.Bkkb, Currency.THB));
    }

    [Fact]
    public void OnTick_NormPriorityAfterAnHour_StillWaiting()
    {
        Sut.Submit(HubFixture.SgFast, HubFixture.WithPriority(_f.Payment(), Priority.NORM));

        _f.Time.Advance(TimeSpan.FromHours(1));
        Sut.OnTick();

        Sut.TryGetPayment(Id, out var record);
        Assert.Equal(PaymentState.Forwarded, record.State);
        Assert.Equal(1_000_00, _f.Reserved(HubFixture.Dbs, Currency.SGD));
        Sut.OnStatusReport(HubFixture.ThPromptPay, HubFixture.Report(Id, TransactionStatus.ACCC));
        Assert.Equal(-1_000_00, _f.Net(HubFixture.Dbs, Currency.SGD));
    }

    [Fact]
    public void OnStatusRequest_UnknownPayment_RjctTm01()
    {
        Sut.OnStatusRequest(HubFixture.SgFast, AseanExamples.StatusRequest(_f.Time));

        var report = _f.Single(HubOutputKind.StatusReport);
        Assert.Equal((TransactionStatus.RJCT, StatusReasonCode.TM01), (report.Status, report.Reason));
    }

    [Fact]
    public void OnStatusRequest_PendingPayment_Acsp()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());

        Sut.OnStatusRequest(HubFixture.SgFast, AseanExamples.StatusRequest(_f.Time));

        Assert.Equal(TransactionStatus.ACSP, _f.Single(HubOutputKind.StatusReport).Status);
    }

    [Fact]
    public void OnStatusRequest_FinalPayment_SameFinalStatus()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());
        Sut.OnStatusReport(HubFixture.ThPromptPay, AseanExamples.Rejected(_f.Time));

        Sut.OnStatusRequest(HubFixture.SgFast, AseanExamples.StatusRequest(_f.Time));

        var report = _f.Single(HubOutputKind.StatusReport);
        Assert.Equal((TransactionStatus.RJCT, StatusReasonCode.AC04), (report.Status, report.Reason));
    }

    [Fact]
    public void OnStatusRequest_FromAnotherIps_Tm01()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());

        Sut.OnStatusRequest(HubFixture.ThPromptPay, AseanExamples.StatusRequest(_f.Time));

        Assert.Equal(StatusReasonCode.TM01, _f.Single(HubOutputKind.StatusReport).Reason);
    }

    [Fact]
    public void OnReturn_AcceptedPayment_ReversedAtOriginalRate()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());
        Sut.OnStatusReport(HubFixture.ThPromptPay, AseanExamples.Accepted(_f.Time));
        _f.Time.Advance(TimeSpan.FromMinutes(30));

        var decision = Sut.OnReturn(HubFixture.ThPromptPay, AseanExamples.Return(_f.Time));

        Assert.Equal(HubDecisionKind.Applied, decision.Kind);
        var back = _f.Single(HubOutputKind.ReturnPayment);
        Assert.Equal((HubFixture.SgFast, new Money(1_000_00, Currency.SGD), AseanExamples.SgdThbRate), (back.Target, back.Amount, back.ExchangeRate));
        Assert.Equal(StatusReasonCode.AC04, back.Reason);
        Assert.Equal(0, _f.Net(HubFixture.Dbs, Currency.SGD));
        Assert.Equal(0, _f.Net(HubFixture.FxProvider, Currency.SGD));
        Assert.Equal(0, _f.Net(HubFixture.FxProvider, Currency.THB));
        Assert.Equal(0, _f.Net(HubFixture.Bkkb, Currency.THB));
        Sut.TryGetPayment(Id, out var record);
        Assert.Equal(PaymentState.Returned, record.State);
    }

    [Fact]
    public void AtOriginalRate_PartialReturn_ProportionalRoundedHalfUp()
    {
        var facts = new PaymentFacts(default, Priority.HIGH, HubFixture.SgFast, HubFixture.ThPromptPay, HubFixture.Dbs, HubFixture.Bkkb,
            HubFixture.FxProvider, new Money(1_000_00, Currency.SGD), new Money(25_853_00, Currency.THB), 25.8530m, null, null);

        Assert.Equal(new Money(500_00, Currency.SGD), HubEngine.AtOriginalRate(facts, new Money(12_926_50, Currency.THB)));
        Assert.Equal(new Money(1_000_00, Currency.SGD), HubEngine.AtOriginalRate(facts, new Money(25_853_00, Currency.THB)));
    }

    [Fact]
    public void OnReturn_PendingPayment_RejectedAg01()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());

        var decision = Sut.OnReturn(HubFixture.ThPromptPay, AseanExamples.Return(_f.Time));

        Assert.Equal(StatusReasonCode.AG01, decision.Reason);
    }

    [Fact]
    public void OnResolution_RecallAccepted_ReturnPaymentToSource()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());
        Sut.OnStatusReport(HubFixture.ThPromptPay, AseanExamples.Accepted(_f.Time));

        Assert.Equal(HubDecisionKind.Applied, Sut.OnCancellationRequest(HubFixture.SgFast, AseanExamples.Recall(_f.Time)).Kind);
        Assert.Equal(HubFixture.ThPromptPay, _f.Single(HubOutputKind.ForwardRecall).Target);
        var decision = Sut.OnResolution(HubFixture.ThPromptPay, AseanExamples.RecallResolution(_f.Time));

        Assert.Equal(HubDecisionKind.Applied, decision.Kind);
        Assert.Equal(HubFixture.SgFast, _f.Single(HubOutputKind.ForwardResolution).Target);
        Assert.Equal(new Money(1_000_00, Currency.SGD), _f.Single(HubOutputKind.ReturnPayment).Amount);
        Assert.Equal(0, _f.Net(HubFixture.Dbs, Currency.SGD));
        Sut.TryGetPayment(Id, out var record);
        Assert.Equal(PaymentState.Recalled, record.State);
    }

    [Fact]
    public void OnResolution_RecallRefused_PaymentStaysAccepted()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());
        Sut.OnStatusReport(HubFixture.ThPromptPay, AseanExamples.Accepted(_f.Time));
        Sut.OnCancellationRequest(HubFixture.SgFast, AseanExamples.Recall(_f.Time));
        var refusal = AseanExamples.RecallResolution(_f.Time) with
        {
            StatusConfirmation = "RJCR",
            Transactions = ValueList<CancellationStatusTransaction>.Of(AseanExamples.RecallResolution(_f.Time).Transactions[0] with { TransactionCancellationStatus = "RJCR" }),
        };

        Sut.OnResolution(HubFixture.ThPromptPay, refusal);

        Sut.TryGetPayment(Id, out var record);
        Assert.Equal(PaymentState.Accepted, record.State);
        Assert.Equal(-1_000_00, _f.Net(HubFixture.Dbs, Currency.SGD));
    }

    [Fact]
    public void OnCancellationRequest_PendingPayment_RejectedAg01()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());

        Assert.Equal(StatusReasonCode.AG01, Sut.OnCancellationRequest(HubFixture.SgFast, AseanExamples.Recall(_f.Time)).Reason);
    }

    // Random interleavings of destination answers (ACCC, RJCT, interim) and clock advances over several payments:
    // whatever the order, the ledger never credits without a debit, every accepted payment is committed exactly once,
    // nothing stays reserved once every payment is final, and replaying the journal rebuilds the same payment state.
    [Property(MaxTest = 150)]
    public Property Engine_RandomInterleavingsOfAcceptAndTimeout_NoCreditWithoutDebitAndReplayEqual(byte[] script)
    {
        var f = new HubFixture();
        var journal = new List<PaymentEvent>();
        const int payments = 4;
        for (var i = 0; i < payments; i++)
        {
            f.Engine.Submit(HubFixture.SgFast, f.Payment(i));
            journal.AddRange(f.Engine.Events.ToArray());
        }

        foreach (var step in script ?? [])
        {
            var uetr = HubFixture.TestUetr(step % payments);
            switch ((step / payments) % 4)
            {
                case 0: f.Engine.OnStatusReport(HubFixture.ThPromptPay, HubFixture.Report(uetr, TransactionStatus.ACCC)); break;
                case 1: f.Engine.OnStatusReport(HubFixture.ThPromptPay, HubFixture.Report(uetr, TransactionStatus.RJCT, StatusReasonCode.AC04)); break;
                case 2: f.Engine.OnStatusReport(HubFixture.ThPromptPay, HubFixture.Report(uetr, TransactionStatus.ACSP)); break;
                default: f.Time.Advance(TimeSpan.FromSeconds(step % 40)); f.Engine.OnTick(); break;
            }

            journal.AddRange(f.Engine.Events.ToArray());
        }

        f.Time.Advance(TimeSpan.FromMinutes(2));
        f.Engine.OnTick();
        journal.AddRange(f.Engine.Events.ToArray());

        var accepted = f.Engine.Payments.Snapshot().Count(r => r.State == PaymentState.Accepted);
        var noCreditWithoutDebit =
            f.Net(HubFixture.Bkkb, Currency.THB) == -f.Net(HubFixture.FxProvider, Currency.THB)
            && f.Net(HubFixture.FxProvider, Currency.SGD) == -f.Net(HubFixture.Dbs, Currency.SGD)
            && f.Net(HubFixture.Bkkb, Currency.THB) == accepted * 25_853_00L
            && f.Net(HubFixture.Dbs, Currency.SGD) == -accepted * 1_000_00L
            && f.Reserved(HubFixture.Dbs, Currency.SGD) == 0
            && f.Reserved(HubFixture.FxProvider, Currency.THB) == 0;

        var replayed = new PaymentBook();
        foreach (var e in journal)
        {
            replayed.Apply(e);
        }

        return (noCreditWithoutDebit && replayed.Snapshot().SequenceEqual(f.Engine.Payments.Snapshot())).ToProperty();
    }
}
