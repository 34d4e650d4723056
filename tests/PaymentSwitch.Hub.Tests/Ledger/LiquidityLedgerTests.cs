using PaymentSwitch.Domain;
using PaymentSwitch.Hub.Ledger;
using static PaymentSwitch.Hub.Tests.Ledger.LedgerFixtures;

namespace PaymentSwitch.Hub.Tests.Ledger;

public sealed class LiquidityLedgerTests
{
    [Fact]
    public void Reserve_PrefundedBeyondAvailable_RejectsAM04()
    {
        var sut = NewLedger();
        sut.ConfigurePrefunded(Dbs, Currency.SGD, 10_000);
        sut.ConfigurePrefunded(Fxp, Currency.SGD, 0);

        var result = sut.Reserve(PaymentId(1), Leg(Dbs, Fxp, 10_001, Currency.SGD));

        Assert.Equal(ReservationStatus.Rejected, result.Status);
        Assert.Equal(StatusReasonCode.AM04, result.Rejection!.Value.Reason);
        Assert.Equal("legs[0] DBSSSGSGXXX SGD", result.Rejection.Value.Field);
        Assert.Equal(0, sut.GetPosition(Dbs, Currency.SGD).ReservedMinor);
    }

    [Fact]
    public void Reserve_PrefundedExactlyAvailable_Reserves()
    {
        var sut = NewLedger();
        sut.ConfigurePrefunded(Dbs, Currency.SGD, 10_000);
        sut.ConfigurePrefunded(Fxp, Currency.SGD, 0);

        var result = sut.Reserve(PaymentId(1), Leg(Dbs, Fxp, 10_000, Currency.SGD));

        Assert.Equal(ReservationStatus.Reserved, result.Status);
        var position = sut.GetPosition(Dbs, Currency.SGD);
        Assert.Equal(10_000, position.ReservedMinor);
        Assert.Equal(0, position.AvailableMinor);
        Assert.Equal(10_000, position.BalanceMinor);
    }

    [Fact]
    public void Reserve_NetDebitCapBeyondCap_RejectsAM23()
    {
        var sut = NewLedger();
        sut.ConfigureNetDebitCap(Bbl, Currency.THB, 50_000);
        sut.ConfigureNetDebitCap(Fxp, Currency.THB, 0);
        Assert.Equal(ReservationStatus.Reserved, sut.Reserve(PaymentId(1), Leg(Bbl, Fxp, 30_000, Currency.THB)).Status);
        Assert.Equal(ReservationOutcome.Committed, sut.Commit(PaymentId(1)));

        var result = sut.Reserve(PaymentId(2), Leg(Bbl, Fxp, 20_001, Currency.THB));

        Assert.Equal(StatusReasonCode.AM23, result.Rejection!.Value.Reason);
        Assert.Equal("legs[0] BKKBTHBKXXX THB", result.Rejection.Value.Field);
        var position = sut.GetPosition(Bbl, Currency.THB);
        Assert.Equal(-30_000, position.NetMinor);
        Assert.Equal(-30_000, position.BalanceMinor);
        Assert.Equal(20_000, position.AvailableMinor);
    }

    [Fact]
    public void Reserve_NetDebitCapUnsettledCredits_DoNotRaiseHeadroom()
    {
        var sut = NewLedger();
        sut.ConfigureNetDebitCap(Bbl, Currency.THB, 10_000);
        sut.ConfigureNetDebitCap(Fxp, Currency.THB, 100_000);
        sut.Reserve(PaymentId(1), Leg(Fxp, Bbl, 40_000, Currency.THB));
        sut.Commit(PaymentId(1));

        var result = sut.Reserve(PaymentId(2), Leg(Bbl, Fxp, 10_001, Currency.THB));

        Assert.Equal(StatusReasonCode.AM23, result.Rejection!.Value.Reason);
        Assert.Equal(10_000, sut.GetPosition(Bbl, Currency.THB).AvailableMinor);
    }

    [Fact]
    public void Reserve_PrefundedReceivedFunds_AreSpendableAtOnce()
    {
        var sut = NewLedger();
        sut.ConfigurePrefunded(Bbl, Currency.THB, 0);
        sut.ConfigurePrefunded(Fxp, Currency.THB, 100_000);
        sut.Reserve(PaymentId(1), Leg(Fxp, Bbl, 40_000, Currency.THB));
        sut.Commit(PaymentId(1));

        var result = sut.Reserve(PaymentId(2), Leg(Bbl, Fxp, 40_000, Currency.THB));

        Assert.Equal(ReservationStatus.Reserved, result.Status);
        Assert.Equal(0, sut.GetPosition(Bbl, Currency.THB).AvailableMinor);
    }

    [Fact]
    public void Reserve_SecondLegFails_ReservesNothing()
    {
        var sut = NewLedger();
        sut.ConfigurePrefunded(Dbs, Currency.SGD, 1_000_000);
        sut.ConfigurePrefunded(Fxp, Currency.SGD, 0);
        sut.ConfigurePrefunded(Fxp, Currency.THB, 1_000_000);
        sut.ConfigurePrefunded(Bbl, Currency.THB, 0);

        var result = sut.Reserve(PaymentId(1), [Leg(Dbs, Fxp, 100_000, Currency.SGD), Leg(Fxp, Bbl, 2_585_300, Currency.THB)]);

        Assert.Equal(StatusReasonCode.AM04, result.Rejection!.Value.Reason);
        Assert.Equal("legs[1] NXFXSGSGXXX THB", result.Rejection.Value.Field);
        Assert.Equal(0, sut.GetPosition(Dbs, Currency.SGD).ReservedMinor);
        Assert.Equal(0, sut.GetPosition(Fxp, Currency.THB).ReservedMinor);
        Assert.Equal(0, sut.PendingCount);
        Assert.Equal(ReservationState.Unknown, sut.GetReservationState(PaymentId(1)));
    }

    [Fact]
    public void Reserve_TwoLegsSameDebtorFitOnlySeparately_RejectsBoth()
    {
        var sut = NewLedger();
        sut.ConfigurePrefunded(Dbs, Currency.SGD, 100);
        sut.ConfigurePrefunded(Fxp, Currency.SGD, 0);
        sut.ConfigurePrefunded(Maybank, Currency.SGD, 0);

        var result = sut.Reserve(PaymentId(1), [Leg(Dbs, Fxp, 60, Currency.SGD), Leg(Dbs, Maybank, 60, Currency.SGD)]);

        Assert.Equal(StatusReasonCode.AM04, result.Rejection!.Value.Reason);
        Assert.Equal("legs[1] DBSSSGSGXXX SGD", result.Rejection.Value.Field);
        Assert.Equal(0, sut.GetPosition(Dbs, Currency.SGD).ReservedMinor);
    }

    [Fact]
    public void Reserve_BadLegs_RejectWithDistinctCodes()
    {
        var sut = NewLedger();
        sut.ConfigurePrefunded(Dbs, Currency.SGD, 100);
        sut.ConfigurePrefunded(Fxp, Currency.SGD, 0);

        Assert.Equal(StatusReasonCode.CH21, sut.Reserve(PaymentId(1), ReadOnlySpan<TransferLeg>.Empty).Rejection!.Value.Reason);
        Assert.Equal(StatusReasonCode.AM01, sut.Reserve(PaymentId(1), Leg(Dbs, Fxp, 0, Currency.SGD)).Rejection!.Value.Reason);
        Assert.Equal(StatusReasonCode.AM09, sut.Reserve(PaymentId(1), Leg(Dbs, Fxp, -1, Currency.SGD)).Rejection!.Value.Reason);
        Assert.Equal(StatusReasonCode.AM09, sut.Reserve(PaymentId(1), Leg(Dbs, Fxp, long.MaxValue, Currency.SGD)).Rejection!.Value.Reason);
        Assert.Equal(StatusReasonCode.AG01, sut.Reserve(PaymentId(1), Leg(Dbs, Dbs, 1, Currency.SGD)).Rejection!.Value.Reason);
        var unknownCreditor = sut.Reserve(PaymentId(1), Leg(Dbs, Bbl, 1, Currency.SGD)).Rejection!.Value;
        Assert.Equal(StatusReasonCode.AG01, unknownCreditor.Reason);
        Assert.Equal("legs[0] BKKBTHBKXXX SGD", unknownCreditor.Field);
        Assert.Equal(StatusReasonCode.AG01, sut.Reserve(PaymentId(1), Leg(Dbs, Fxp, 1, Currency.THB)).Rejection!.Value.Reason);
        var nine = Enumerable.Repeat(Leg(Dbs, Fxp, 1, Currency.SGD), LiquidityLedger.MaxLegsPerReservation + 1).ToArray();
        Assert.Equal(StatusReasonCode.AG01, sut.Reserve(PaymentId(1), nine).Rejection!.Value.Reason);
        Assert.Equal(0, sut.PendingCount);
        Assert.Equal(2, sut.LastSequence);
    }

    [Fact]
    public void Reserve_SameIdSameLegs_AlreadyReservedWithoutEffect()
    {
        var sut = NewLedger();
        sut.ConfigurePrefunded(Dbs, Currency.SGD, 100);
        sut.ConfigurePrefunded(Fxp, Currency.SGD, 0);
        sut.Reserve(PaymentId(1), Leg(Dbs, Fxp, 60, Currency.SGD));

        var again = sut.Reserve(PaymentId(1), Leg(Dbs, Fxp, 60, Currency.SGD));
        var different = sut.Reserve(PaymentId(1), Leg(Dbs, Fxp, 61, Currency.SGD));

        Assert.Equal(ReservationStatus.AlreadyReserved, again.Status);
        Assert.True(again.IsReserved);
        Assert.Equal(StatusReasonCode.AM05, different.Rejection!.Value.Reason);
        Assert.Equal(60, sut.GetPosition(Dbs, Currency.SGD).ReservedMinor);
    }

    [Fact]
    public void Reserve_CompletedId_RejectsAM05()
    {
        var sut = NewLedger();
        sut.ConfigurePrefunded(Dbs, Currency.SGD, 100);
        sut.ConfigurePrefunded(Fxp, Currency.SGD, 0);
        sut.Reserve(PaymentId(1), Leg(Dbs, Fxp, 60, Currency.SGD));
        sut.Release(PaymentId(1));

        var result = sut.Reserve(PaymentId(1), Leg(Dbs, Fxp, 60, Currency.SGD));

        Assert.Equal(StatusReasonCode.AM05, result.Rejection!.Value.Reason);
        Assert.Equal(0, sut.GetPosition(Dbs, Currency.SGD).ReservedMinor);
    }

    [Fact]
    public void Reserve_ReturnOfPayment_HasItsOwnId()
    {
        var sut = NewLedger();
        sut.ConfigureNetDebitCap(Dbs, Currency.SGD, 1_000);
        sut.ConfigureNetDebitCap(Fxp, Currency.SGD, 1_000);
        var payment = ReservationId.ForPayment(UetrFor(7));
        var paymentReturn = ReservationId.ForReturn(UetrFor(7));
        sut.Reserve(payment, Leg(Dbs, Fxp, 500, Currency.SGD));
        sut.Commit(payment);

        var result = sut.Reserve(paymentReturn, Leg(Fxp, Dbs, 500, Currency.SGD));

        Assert.Equal(ReservationStatus.Reserved, result.Status);
        Assert.Equal(ReservationOutcome.Committed, sut.Commit(paymentReturn));
        Assert.NotEqual(payment, paymentReturn);
        Assert.Equal(0, sut.GetPosition(Dbs, Currency.SGD).NetMinor);
    }

    [Fact]
    public void Commit_CrossCurrency_MovesBothLedgers()
    {
        var sut = NewLedger();
        WorkedExample.Configure(sut);
        sut.Reserve(PaymentId(1), WorkedExample.Legs);

        var outcome = sut.Commit(PaymentId(1));

        Assert.Equal(ReservationOutcome.Committed, outcome);
        Assert.Equal(new Position(Dbs, Currency.SGD, LiquidityLimitKind.Prefunded, 5_000_000, -100_000, 0), sut.GetPosition(Dbs, Currency.SGD));
        Assert.Equal(100_000, sut.GetPosition(Fxp, Currency.SGD).NetMinor);
        Assert.Equal(-2_585_300, sut.GetPosition(Fxp, Currency.THB).NetMinor);
        Assert.Equal(2_585_300, sut.GetPosition(Bbl, Currency.THB).NetMinor);
        Assert.Equal(0, sut.GetPosition(Fxp, Currency.THB).ReservedMinor);
    }

    [Fact]
    public void Commit_Twice_SecondChangesNothing()
    {
        var sut = NewLedger();
        WorkedExample.Configure(sut);
        sut.Reserve(PaymentId(1), WorkedExample.Legs);
        sut.Commit(PaymentId(1));
        var before = sut.DescribeState();

        Assert.Equal(ReservationOutcome.AlreadyCommitted, sut.Commit(PaymentId(1)));
        Assert.Equal(ReservationOutcome.AlreadyCommitted, sut.Release(PaymentId(1)));
        Assert.Equal(before, sut.DescribeState());
        Assert.Equal(ReservationState.Committed, sut.GetReservationState(PaymentId(1)));
    }

    [Fact]
    public void Release_Pending_RestoresPositionsExactly()
    {
        var sut = NewLedger();
        WorkedExample.Configure(sut);
        var before = sut.Positions;
        sut.Reserve(PaymentId(1), WorkedExample.Legs);

        Assert.Equal(ReservationOutcome.Released, sut.Release(PaymentId(1)));
        Assert.Equal(before, sut.Positions);
        Assert.Equal(ReservationOutcome.AlreadyReleased, sut.Release(PaymentId(1)));
        Assert.Equal(ReservationOutcome.AlreadyReleased, sut.Commit(PaymentId(1)));
        Assert.Equal(before, sut.Positions);
        Assert.Equal(0, sut.OpenCycle.CommittedLegCount);
    }

    [Fact]
    public void CommitAndRelease_UnknownId_ReturnUnknown()
    {
        var sut = NewLedger();

        Assert.Equal(ReservationOutcome.Unknown, sut.Commit(PaymentId(99)));
        Assert.Equal(ReservationOutcome.Unknown, sut.Release(PaymentId(99)));
        Assert.Equal(0, sut.LastSequence);
    }

    [Fact]
    public void Commit_CompletedIdsBeyondRetention_AreForgottenOldestFirst()
    {
        var sut = new LiquidityLedger(new LedgerOptions { CompletedReservationsRetained = 2 });
        sut.ConfigureNetDebitCap(Dbs, Currency.SGD, 1_000);
        sut.ConfigureNetDebitCap(Fxp, Currency.SGD, 1_000);
        for (var i = 1; i <= 3; i++)
        {
            sut.Reserve(PaymentId(i), Leg(Dbs, Fxp, 1, Currency.SGD));
            sut.Commit(PaymentId(i));
        }

        Assert.Equal(ReservationOutcome.Unknown, sut.Commit(PaymentId(1)));
        Assert.Equal(ReservationOutcome.AlreadyCommitted, sut.Commit(PaymentId(2)));
        Assert.Equal(ReservationOutcome.AlreadyCommitted, sut.Commit(PaymentId(3)));
        Assert.Equal(-3, sut.GetPosition(Dbs, Currency.SGD).NetMinor);
    }

    [Fact]
    public void Configure_Twice_EmitsOnceAndKeepsNet()
    {
        var buffer = new LedgerEventBuffer();
        var sut = NewLedger(buffer);
        sut.ConfigureNetDebitCap(Dbs, Currency.SGD, 1_000);
        sut.ConfigureNetDebitCap(Dbs, Currency.SGD, 1_000);
        sut.ConfigureNetDebitCap(Fxp, Currency.SGD, 0);
        sut.Reserve(PaymentId(1), Leg(Dbs, Fxp, 400, Currency.SGD));
        sut.Commit(PaymentId(1));

        sut.ConfigureNetDebitCap(Dbs, Currency.SGD, 500);

        Assert.Equal(5, buffer.Count);
        Assert.Equal(new Position(Dbs, Currency.SGD, LiquidityLimitKind.NetDebitCap, 500, -400, 0), sut.GetPosition(Dbs, Currency.SGD));
    }

    [Fact]
    public void Configure_BadInput_Throws()
    {
        var sut = NewLedger();

        Assert.Throws<ArgumentException>(() => sut.ConfigurePrefunded(default, Currency.SGD, 1));
        Assert.Throws<ArgumentException>(() => sut.ConfigurePrefunded(Dbs, default, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sut.ConfigurePrefunded(Dbs, Currency.SGD, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sut.Configure(Dbs, Currency.SGD, (LiquidityLimitKind)9, 1));
        sut.ConfigurePrefunded(Fxp, Currency.SGD, 1);
        Assert.Throws<ArgumentException>(() => sut.ConfigureNetDebitCap(Fxp, Currency.SGD, 1));
        Assert.Throws<ArgumentException>(() => sut.GetPosition(Dbs, Currency.SGD));
        Assert.False(sut.TryGetPosition(Dbs, Currency.SGD, out _));
    }

    [Fact]
    public void Events_EachChangeEmitsOneInSequence()
    {
        var buffer = new LedgerEventBuffer();
        var sut = NewLedger(buffer);
        WorkedExample.Configure(sut);
        sut.Reserve(PaymentId(1), WorkedExample.Legs);
        sut.Commit(PaymentId(1));
        sut.Reserve(PaymentId(2), Leg(Dbs, Fxp, 1, Currency.SGD));
        sut.Release(PaymentId(2));
        sut.Close(1, Start.AddHours(1), IpsByCurrency);

        var kinds = buffer.ToArray().Select(e => e.Kind).ToArray();

        Assert.Equal(
            [LedgerEventKind.LimitConfigured, LedgerEventKind.LimitConfigured, LedgerEventKind.LimitConfigured, LedgerEventKind.LimitConfigured,
             LedgerEventKind.Reserved, LedgerEventKind.Committed, LedgerEventKind.Reserved, LedgerEventKind.Released, LedgerEventKind.CycleClosed],
            kinds);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), buffer.ToArray().Select(e => e.Sequence));
        Assert.Equal(WorkedExample.Legs[1], buffer.Events[4].GetLeg(1));
    }

    [Fact]
    public void Apply_DuplicateEvent_IsSkippedAndGapFails()
    {
        var buffer = new LedgerEventBuffer();
        var original = NewLedger(buffer);
        WorkedExample.Configure(original);
        original.Reserve(PaymentId(1), WorkedExample.Legs);
        var events = buffer.ToArray();
        var sut = NewLedger();

        sut.Replay(events);
        var applied = sut.Apply(events[2]);

        Assert.False(applied);
        Assert.Equal(original.DescribeState(), sut.DescribeState());
        var gap = LedgerEvent.Released(events.Length + 2, PaymentId(1));
        Assert.Throws<InvalidOperationException>(() => sut.Apply(gap));
    }

    [Fact]
    public void Reserve_ThreeLegs_ReplaysEqual()
    {
        var buffer = new LedgerEventBuffer();
        var original = NewLedger(buffer);
        foreach (var bic in new[] { Dbs, Fxp, Maybank, Bbl })
        {
            original.ConfigureNetDebitCap(bic, Currency.SGD, 1_000);
        }

        TransferLeg[] legs = [Leg(Dbs, Fxp, 10, Currency.SGD), Leg(Fxp, Maybank, 20, Currency.SGD), Leg(Maybank, Bbl, 30, Currency.SGD)];
        original.Reserve(PaymentId(1), legs);
        var replayed = NewLedger();
        replayed.Replay(buffer.ToArray());

        Assert.Equal(legs, original.GetPendingLegs(PaymentId(1)));
        Assert.Equal(original.DescribeState(), replayed.DescribeState());
        Assert.Equal(ReservationOutcome.Committed, original.Commit(PaymentId(1)));
        Assert.Equal(ReservationOutcome.Committed, replayed.Commit(PaymentId(1)));
        Assert.Equal(original.DescribeState(), replayed.DescribeState());
        Assert.Equal(buffer.Events[^1], buffer.Events[^1]);
    }

    [Fact]
    public void ReserveCommitRelease_AfterWarmUp_AllocateNothing()
    {
        var buffer = new LedgerEventBuffer(initialCapacity: 4096, maxCount: 4096);
        var sut = new LiquidityLedger(new LedgerOptions { PendingReservationCapacity = 64, CompletedReservationsRetained = 1024 }, buffer);
        sut.ConfigureNetDebitCap(Dbs, Currency.SGD, Money.MaxAmountMinor);
        sut.ConfigureNetDebitCap(Fxp, Currency.SGD, 0);
        sut.ConfigureNetDebitCap(Fxp, Currency.THB, Money.MaxAmountMinor);
        sut.ConfigureNetDebitCap(Bbl, Currency.THB, 0);
        var ids = Enumerable.Range(1, 20_000).Select(PaymentId).ToArray();
        var legs = WorkedExample.Legs.ToArray();
        var oneLeg = Leg(Fxp, Bbl, 100, Currency.THB);

        void Run(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                if (buffer.Count > 4000)
                {
                    buffer.Clear();
                }

                if (i % 3 == 0)
                {
                    sut.Reserve(ids[i], in oneLeg);
                    sut.Release(ids[i]);
                }
                else
                {
                    sut.Reserve(ids[i], legs.AsSpan());
                    sut.Commit(ids[i]);
                    sut.Commit(ids[i]);
                }
            }
        }

        Run(0, 4_000);
        var next = 4_000;
        var allocated = PaymentSwitch.TestKit.Allocations.SteadyStateBytes(() =>
        {
            // Every round uses fresh reservation ids: a repeated id would take the idempotent path instead.
            Run(next, next + 2_000);
            next += 2_000;
        });

        Assert.Equal(0, allocated);
    }
}
