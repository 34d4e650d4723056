using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.Ledger;
using static PaymentSwitch.Hub.Tests.Ledger.LedgerFixtures;

namespace PaymentSwitch.Hub.Tests.Ledger;

public sealed class SettlementCycleTests
{
    [Fact]
    public void Close_WorkedExample_NetsPerCurrencySumToZeroAndEachIpsSettlesItsOwn()
    {
        var sut = NewLedger();
        WorkedExample.Configure(sut);
        sut.Reserve(PaymentId(1), WorkedExample.Legs);
        sut.Commit(PaymentId(1));

        var report = sut.Close(1, Start.AddHours(1), IpsByCurrency)!;

        Assert.Equal(1, report.CycleNumber);
        Assert.Equal(Start, report.OpenedAt);
        Assert.Equal(Start.AddHours(1), report.ClosedAt);
        Assert.Equal(2, report.CommittedLegCount);
        Assert.Equal([Currency.SGD, Currency.THB], report.Currencies.Select(c => c.Currency));
        var sgd = report.For(Currency.SGD)!;
        Assert.Equal([new ParticipantNet(Dbs, -100_000), new ParticipantNet(Fxp, 100_000)], sgd.Nets);
        Assert.Equal([new BilateralGross(Dbs, Fxp, 100_000, 1)], sgd.Bilateral);
        var thb = report.For(Currency.THB)!;
        Assert.Equal([new ParticipantNet(Bbl, 2_585_300), new ParticipantNet(Fxp, -2_585_300)], thb.Nets);
        Assert.Equal(
            [new SettlementInstruction(SgFast, Dbs, Fxp, new Money(100_000, Currency.SGD))],
            report.InstructionsFor(SgFast));
        Assert.Equal(
            [new SettlementInstruction(ThPromptPay, Fxp, Bbl, new Money(2_585_300, Currency.THB))],
            report.InstructionsFor(ThPromptPay));
        Assert.Empty(report.InstructionsFor(VnNapas));
    }

    [Fact]
    public void WorkedExample_PositionsBeforeAndAfter_MatchTheDocs()
    {
        var sut = NewLedger();
        WorkedExample.Configure(sut);
        Assert.Equal(5_000_000, sut.GetPosition(Dbs, Currency.SGD).AvailableMinor);
        Assert.Equal(200_000_000, sut.GetPosition(Fxp, Currency.THB).AvailableMinor);

        sut.Reserve(PaymentId(1), WorkedExample.Legs);
        Assert.Equal((100_000, 4_900_000), Reserved(Dbs, Currency.SGD));
        Assert.Equal((2_585_300, 197_414_700), Reserved(Fxp, Currency.THB));
        Assert.Equal((0, 0), Reserved(Fxp, Currency.SGD));

        sut.Commit(PaymentId(1));
        Assert.Equal((-100_000, 4_900_000, 4_900_000), After(Dbs, Currency.SGD));
        Assert.Equal((100_000, 100_000, 100_000), After(Fxp, Currency.SGD));
        Assert.Equal((-2_585_300, 197_414_700, 197_414_700), After(Fxp, Currency.THB));
        Assert.Equal((2_585_300, 2_585_300, 1_000_000_000), After(Bbl, Currency.THB));

        sut.Close(1, Start.AddHours(1), IpsByCurrency);
        Assert.Equal((-100_000, 4_900_000, 4_900_000), After(Dbs, Currency.SGD));
        Assert.Equal((100_000, 100_000, 100_000), After(Fxp, Currency.SGD));
        Assert.Equal((-2_585_300, 197_414_700, 197_414_700), After(Fxp, Currency.THB));
        Assert.Equal((0, 0, 1_000_000_000), After(Bbl, Currency.THB));

        (long Reserved, long Available) Reserved(Bic bic, Currency currency)
        {
            var p = sut.GetPosition(bic, currency);
            return (p.ReservedMinor, p.AvailableMinor);
        }

        (long Net, long Balance, long Available) After(Bic bic, Currency currency)
        {
            var p = sut.GetPosition(bic, currency);
            Assert.Equal(0, p.ReservedMinor);
            return (p.NetMinor, p.BalanceMinor, p.AvailableMinor);
        }
    }

    [Fact]
    public void Reserve_WorkedExampleFxProviderShortOfBaht_RejectsAM04OnSecondLeg()
    {
        var sut = NewLedger();
        WorkedExample.Configure(sut);
        sut.ConfigurePrefunded(Fxp, Currency.THB, 2_000_000);

        var result = sut.Reserve(PaymentId(1), WorkedExample.Legs);

        Assert.Equal(new Rejection(StatusReasonCode.AM04, "legs[1] NXFXSGSGXXX THB", result.Rejection!.Value.Detail), result.Rejection);
        Assert.Equal(0, sut.GetPosition(Dbs, Currency.SGD).ReservedMinor);
    }

    [Fact]
    public void Close_ManyPayments_BilateralMatrixKeepsGrossAndNetsOffset()
    {
        var sut = NewLedger();
        foreach (var bic in new[] { Dbs, Fxp, Maybank })
        {
            sut.ConfigureNetDebitCap(bic, Currency.SGD, 1_000_000);
        }

        var n = 0;
        void Pay(Bic debtor, Bic creditor, long amountMinor)
        {
            n++;
            Assert.True(sut.Reserve(PaymentId(n), Leg(debtor, creditor, amountMinor, Currency.SGD)).IsReserved);
            Assert.Equal(ReservationOutcome.Committed, sut.Commit(PaymentId(n)));
        }

        Pay(Dbs, Maybank, 700);
        Pay(Dbs, Maybank, 300);
        Pay(Maybank, Dbs, 400);
        Pay(Maybank, Fxp, 250);
        Pay(Fxp, Dbs, 50);

        var sgd = sut.Close(1, Start.AddMinutes(5), IpsByCurrency)!.For(Currency.SGD)!;

        Assert.Equal(1_000, sgd.GrossOf(Dbs, Maybank));
        Assert.Equal(400, sgd.GrossOf(Maybank, Dbs));
        Assert.Equal(250, sgd.GrossOf(Maybank, Fxp));
        Assert.Equal(50, sgd.GrossOf(Fxp, Dbs));
        Assert.Equal(0, sgd.GrossOf(Dbs, Fxp));
        Assert.Equal(2, sgd.Bilateral.Single(c => c.Debtor == Dbs && c.Creditor == Maybank).LegCount);
        Assert.Equal(-550, sgd.NetOf(Dbs));
        Assert.Equal(350, sgd.NetOf(Maybank));
        Assert.Equal(200, sgd.NetOf(Fxp));

        // Greedy matching: the largest payer pays the largest payee first; at most participants − 1 instructions.
        Assert.Equal(
            [
                new SettlementInstruction(SgFast, Dbs, Maybank, new Money(350, Currency.SGD)),
                new SettlementInstruction(SgFast, Dbs, Fxp, new Money(200, Currency.SGD)),
            ],
            sgd.Instructions);
    }

    [Fact]
    public void Close_Twice_ReturnsSameReportAndChangesNothing()
    {
        var buffer = new LedgerEventBuffer();
        var sut = NewLedger(buffer);
        WorkedExample.Configure(sut);
        sut.Reserve(PaymentId(1), WorkedExample.Legs);
        sut.Commit(PaymentId(1));
        var first = sut.Close(1, Start.AddHours(1), IpsByCurrency);
        var state = sut.DescribeState();
        var events = buffer.Count;

        var second = sut.Close(1, Start.AddHours(2), IpsByCurrency);

        Assert.Same(first, second);
        Assert.Equal(state, sut.DescribeState());
        Assert.Equal(events, buffer.Count);
        Assert.Equal(2, sut.OpenCycle.CycleNumber);
        Assert.Equal(Start.AddHours(1), sut.OpenCycle.OpenedAt);
    }

    [Fact]
    public void Close_UnknownCycle_ReturnsNull()
    {
        var sut = NewLedger();

        Assert.Null(sut.Close(2, Start.AddHours(1), IpsByCurrency));
        Assert.Null(sut.Close(0, Start.AddHours(1), IpsByCurrency));
        Assert.Equal(1, sut.OpenCycle.CycleNumber);
    }

    [Fact]
    public void Close_BeforeOpened_Throws()
    {
        var sut = NewLedger();

        Assert.Throws<ArgumentOutOfRangeException>(() => sut.Close(1, Start.AddTicks(-1), IpsByCurrency));
    }

    [Fact]
    public void Close_CurrencyWithoutIps_ThrowsBeforeAnyChange()
    {
        var sut = NewLedger();
        WorkedExample.Configure(sut);
        sut.Reserve(PaymentId(1), WorkedExample.Legs);
        sut.Commit(PaymentId(1));
        var state = sut.DescribeState();

        Assert.Throws<ArgumentException>(() => sut.Close(1, Start.AddHours(1), new Dictionary<Currency, IpsId> { [Currency.SGD] = SgFast }));
        Assert.Equal(state, sut.DescribeState());
    }

    [Fact]
    public void Close_NetDebitCapRestartsAtZeroPrefundedKeepsBalanceAndPendingCarriesOver()
    {
        var sut = NewLedger();
        WorkedExample.Configure(sut);
        sut.Reserve(PaymentId(1), WorkedExample.Legs);
        sut.Commit(PaymentId(1));
        sut.Reserve(PaymentId(2), WorkedExample.Legs);

        sut.Close(1, Start.AddHours(1), IpsByCurrency);

        var dbs = sut.GetPosition(Dbs, Currency.SGD);
        Assert.Equal(-100_000, dbs.NetMinor);
        Assert.Equal(4_900_000, dbs.BalanceMinor);
        Assert.Equal(100_000, dbs.ReservedMinor);
        Assert.Equal(0, sut.GetPosition(Bbl, Currency.THB).NetMinor);
        Assert.Equal(0, sut.OpenCycle.GetNet(Dbs, Currency.SGD));
        Assert.Equal(ReservationOutcome.Committed, sut.Commit(PaymentId(2)));
        var report = sut.Close(2, Start.AddHours(2), IpsByCurrency)!;
        Assert.Equal(-100_000, report.NetOf(Dbs, Currency.SGD));
        Assert.Equal(2_585_300, report.NetOf(Bbl, Currency.THB));
        Assert.Equal(Start.AddHours(1), report.OpenedAt);
        Assert.Equal(-200_000, sut.GetPosition(Dbs, Currency.SGD).NetMinor);
    }

    [Fact]
    public void OpenCycle_Commit_UpdatesRunningTotals()
    {
        var sut = NewLedger();
        WorkedExample.Configure(sut);
        sut.Reserve(PaymentId(1), WorkedExample.Legs);

        Assert.Equal(0, sut.OpenCycle.GetNet(Fxp, Currency.THB));
        sut.Commit(PaymentId(1));

        Assert.Equal(-2_585_300, sut.OpenCycle.GetNet(Fxp, Currency.THB));
        Assert.Equal(2_585_300, sut.OpenCycle.GetGross(Fxp, Bbl, Currency.THB));
        Assert.Equal(2, sut.OpenCycle.BilateralPairCount);
    }

    [Fact]
    public void Scheduler_NextCloseAt_FollowsTheGridWithoutDrift()
    {
        var time = new FakeTimeProvider(Start.AddMinutes(7).AddSeconds(30));
        var sut = new SettlementScheduler(time, TimeSpan.FromMinutes(5), Start);

        Assert.Equal(Start.AddMinutes(10), sut.NextCloseAt());
        Assert.Equal(TimeSpan.FromSeconds(150), sut.DueIn());
        Assert.False(sut.IsDue(Start.AddMinutes(5)));
        Assert.True(sut.IsDue(Start));

        time.Advance(TimeSpan.FromSeconds(150));
        Assert.Equal(Start.AddMinutes(15), sut.NextCloseAt());
        Assert.True(sut.IsDue(Start.AddMinutes(5)));
        Assert.Equal(Start, sut.NextCloseAfter(Start.AddMinutes(-1)));
        Assert.Equal(Start.AddMinutes(-5), sut.NextCloseAfter(Start.AddMinutes(-7)));
    }
}
