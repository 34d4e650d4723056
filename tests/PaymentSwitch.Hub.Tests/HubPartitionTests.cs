using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.Ledger;
using static PaymentSwitch.Hub.Tests.Ledger.LedgerFixtures;

namespace PaymentSwitch.Hub.Tests;

/// <summary>How a split hub assigns payments and liquidity to its instances, and how their settlement reports combine.</summary>
public sealed class HubPartitionTests
{
    private const int Cases = 300;

    private static readonly Gen<Uetr> Uetrs = Gen.Fresh(Uetr.NewUetr);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, 2)]
    [InlineData(2, 2)]
    [InlineData(0, HubPartition.MaxCount + 1)]
    public void Constructor_IndexOrCountOutOfRange_Throws(int index, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HubPartition(index, count));

    [Fact]
    public void Of_WorkedExample_IsTheLastSixteenHexDigitsModuloTheCount()
    {
        var uetr = Uetr.Parse("8a562c67-ca16-48ba-b074-65581be6f011");

        // b07465581be6f011 = 12714899077073399825; mod 3 = 2, mod 7 = 3.
        Assert.Equal(2, HubPartition.Of(uetr, 3));
        Assert.Equal(3, HubPartition.Of(uetr, 7));
        Assert.True(new HubPartition(2, 3).Owns(uetr));
        Assert.False(new HubPartition(0, 3).Owns(uetr));
    }

    [Fact]
    public void Of_AnyUetr_MatchesTheDocumentedRuleAndExactlyOneInstanceOwnsIt() =>
        Prop.ForAll(Arb.From(Uetrs), Arb.From(Gen.Choose(1, HubPartition.MaxCount)), (uetr, count) =>
        {
            var text = uetr.ToString();
            var tail = ulong.Parse(text[19..23] + text[24..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var owners = Enumerable.Range(0, count).Count(i => new HubPartition(i, count).Owns(uetr));
            return HubPartition.Of(uetr, count) == (int)(tail % (ulong)count) && owners == 1;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));

    [Fact]
    public void Of_TenThousandRandomUetrs_SpreadEvenlyOverFourInstances()
    {
        var counts = new int[4];
        for (var i = 0; i < 10_000; i++)
        {
            counts[HubPartition.Of(Uetr.NewUetr(), 4)]++;
        }

        // Binomial(10,000, 1/4): the standard deviation is about 43, so 250 either side is more than 5 sigma.
        Assert.All(counts, count => Assert.InRange(count, 2_250, 2_750));
    }

    [Fact]
    public void ShareOf_AnyLimit_SharesAddUpExactlyAndDifferByAtMostOneUnit() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue).Select(static v => (long)v * 7919)), Arb.From(Gen.Choose(1, HubPartition.MaxCount)), (total, count) =>
        {
            var shares = Enumerable.Range(0, count).Select(i => new HubPartition(i, count).ShareOf(total)).ToArray();
            return shares.Sum() == total && shares.Max() - shares.Min() <= 1 && shares.All(static s => s >= 0);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));

    [Fact]
    public void Whole_OwnsEverythingAndKeepsTheWholeLimit()
    {
        Assert.True(HubPartition.Whole.Owns(Uetr.NewUetr()));
        Assert.True(default(HubPartition).Owns(Uetr.NewUetr()));
        Assert.Equal(12_345, HubPartition.Whole.ShareOf(12_345));
    }

    [Fact]
    public void Combine_LegsSplitByUetrOverInstances_EqualsTheReportOfOneLedgerHoldingThemAll()
    {
        var participants = new[] { Dbs, Bbl, Fxp, Maybank };
        var currencies = new[] { Currency.SGD, Currency.THB, Currency.VND };
        var legs =
            from uetr in Uetrs
            from debtor in Gen.Choose(0, participants.Length - 1)
            from offset in Gen.Choose(1, participants.Length - 1)
            from currency in Gen.Elements(currencies)
            from amount in Gen.Choose(1, 5_000_000)
            select (Uetr: uetr, Leg: Leg(participants[debtor], participants[(debtor + offset) % participants.Length], amount, currency));
        var scenarios =
            from count in Gen.Choose(2, 4)
            from payments in Gen.ListOf(legs)
            select (Count: count, Payments: payments.ToArray());

        Prop.ForAll(Arb.From(scenarios), scenario =>
        {
            var whole = OpenLedger(participants, currencies);
            var parts = Enumerable.Range(0, scenario.Count).Select(_ => OpenLedger(participants, currencies)).ToArray();
            foreach (var (uetr, leg) in scenario.Payments)
            {
                Settle(whole, uetr, leg);
                Settle(parts[HubPartition.Of(uetr, scenario.Count)], uetr, leg);
            }

            var expected = whole.Close(1, Start.AddHours(1), IpsByCurrency)!;
            var combined = SettlementReport.Combine([.. parts.Select(p => p.Close(1, Start.AddHours(1), IpsByCurrency)!)]);
            return Describe(combined) == Describe(expected);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));
    }

    [Fact]
    public void Combine_OnePart_ReturnsItAndNoPartThrows()
    {
        var report = OpenLedger([Dbs, Bbl], [Currency.SGD]).Close(1, Start, IpsByCurrency)!;

        Assert.Same(report, SettlementReport.Combine([report]));
        Assert.Throws<ArgumentException>(() => SettlementReport.Combine([]));
    }

    private static LiquidityLedger OpenLedger(Bic[] participants, Currency[] currencies)
    {
        var ledger = NewLedger();
        foreach (var participant in participants)
        {
            foreach (var currency in currencies)
            {
                ledger.ConfigureNetDebitCap(participant, currency, Money.MaxAmountMinor);
            }
        }

        return ledger;
    }

    private static void Settle(LiquidityLedger ledger, Uetr uetr, TransferLeg leg)
    {
        var id = ReservationId.ForPayment(uetr);
        Assert.True(ledger.Reserve(id, leg).IsReserved);
        ledger.Commit(id);
    }

    private static string Describe(SettlementReport report) =>
        $"cycle {report.CycleNumber} legs {report.CommittedLegCount}\n" + string.Join("\n", report.Currencies.Select(static c =>
            $"{c.Currency.Code} {c.Ips}: nets [{string.Join(", ", c.Nets)}] bilateral [{string.Join(", ", c.Bilateral)}] instructions [{string.Join(", ", c.Instructions)}]"));
}
