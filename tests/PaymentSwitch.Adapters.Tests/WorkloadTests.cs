using FsCheck.Xunit;
using PaymentSwitch.Adapters.Workload;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using static PaymentSwitch.Adapters.Tests.AdapterFixture;

namespace PaymentSwitch.Adapters.Tests;

public sealed class WorkloadTests
{
    private static readonly WorkloadGenerator Sut = new(DefaultProfiles);

    [Fact]
    public void Generate_SameSeed_SameWorkload()
    {
        var first = Sut.Generate(2026);
        var second = new WorkloadGenerator(DefaultProfiles).Generate(2026);
        var other = Sut.Generate(2027);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Generate_DefaultMix_CoversSourcesCorridorsProxiesPrioritiesAndFlaws()
    {
        var items = new WorkloadGenerator(DefaultProfiles, new WorkloadOptions { Count = 4_000 }).Generate(1);

        Assert.Equal(4_000, items.Count);
        Assert.Equal(Enumerable.Range(0, 4_000), items.Select(static i => i.Sequence));
        Assert.Equal(7, items.Select(static i => i.SourceIps).Distinct().Count());
        Assert.InRange(items.Select(static i => (i.SourceIps, i.Instruction.DestinationIps)).Distinct().Count(), 40, 42);
        var good = items.Where(static i => i.Expected.Flaw == PaymentFlaw.None).ToList();
        Assert.InRange(good.Count(static i => i.Instruction.Creditor.IsProxy) * 100 / good.Count, 50, 70);
        Assert.InRange(good.Count(static i => i.Instruction.AmountFixedIn == FixedSide.Destination) * 100 / good.Count, 15, 25);
        Assert.InRange(items.Count(static i => i.Expected.Flaw != PaymentFlaw.None), 120, 280);
        Assert.All(Enum.GetValues<PaymentFlaw>(), flaw => Assert.Contains(items, i => i.Expected.Flaw == flaw));
        Assert.Contains(items, static i => i.Instruction.Priority == Priority.HIGH);
        Assert.DoesNotContain(items, static i => i.Instruction.Priority == Priority.HIGH && (i.SourceIps == VnNapas || i.Instruction.DestinationIps == VnNapas));
        Assert.All(items.Where(static i => i.Instruction.DestinationIps == InUpi), static i => Assert.Contains(i.Instruction.PurposeCode, new[] { "FAMI", "GIFT" }));
    }

    [Fact]
    public void Generate_GoodPayments_StayWithinTheSourceCaps()
    {
        var items = Sut.Generate(3);

        foreach (var item in items.Where(static i => i.Expected.Flaw == PaymentFlaw.None && i.Instruction.AmountFixedIn == FixedSide.Source))
        {
            var source = Profile(item.SourceIps);
            Assert.True(Topology.TryGetCorridor(item.SourceIps, item.Instruction.DestinationIps, out var corridor));
            Assert.True(item.Instruction.Amount.AmountMinor <= Math.Min(source.DomesticCap.AmountMinor, corridor.Cap?.AmountMinor ?? long.MaxValue));
            Assert.True(item.Instruction.Amount.AmountMinor > 0);
        }
    }

    [Fact]
    public void Generate_NoFlaws_OnlyGoodPayments()
    {
        var items = new WorkloadGenerator(DefaultProfiles, new WorkloadOptions { Count = 500, FlawedShareBps = 0 }).Generate(8);

        Assert.All(items, static i => Assert.Equal(WorkloadExpectation.Accepted, i.Expected));
    }

    [Fact]
    public void Run_DefaultWorkloadThroughTheHub_EndsWhereEachPaymentWasBuiltToEnd()
    {
        var f = new AdapterFixture(seed: 11);
        var items = new WorkloadGenerator(f.Profiles, new WorkloadOptions { Count = 400, FlawedShareBps = 2_000 }).Generate(11);

        var outcomes = items.Select(i => (Item: i, Outcome: WorkloadRunner.Run(f, i))).ToList();

        var drained = 0;
        foreach (var (item, outcome) in outcomes)
        {
            // Any payment may meet AM04 at its own bank once earlier payments have spent the debtor's balance (the
            // generator does not track balances); it must stay rare.
            if (outcome is { Stage: ExpectedStage.Source, Reason: StatusReasonCode.AM04 } && item.Expected.Flaw != PaymentFlaw.InsufficientFunds)
            {
                drained++;
                continue;
            }

            Assert.True(
                (item.Expected.Stage, item.Expected.Reason) == (outcome.Stage, outcome.Reason),
                $"#{item.Sequence} {item.SourceIps}->{item.Instruction.DestinationIps} {item.Expected.Flaw}: expected {item.Expected.Stage} {item.Expected.Reason}, got {outcome.Stage} {outcome.Reason}");
        }

        Assert.InRange(drained, 0, items.Count / 20);
        Assert.True(outcomes.Count(static o => o.Outcome.Stage == ExpectedStage.Accepted) > 250);
    }

    /// <summary>
    /// Money is conserved over any generated workload run end to end with every payment accepted that can be: each
    /// IPS's balances plus fees equal its opening balances plus what settled in minus what settled out; what the
    /// sources sent out is exactly the instructed amounts and what the destinations took in is exactly the settlement
    /// amounts (credited to creditors plus the destination fees); nothing stays held at a bank or reserved at the hub.
    /// </summary>
    [Property(MaxTest = 12)]
    public void Run_AnyWorkload_ConservesMoney(int seed)
    {
        var f = new AdapterFixture(seed: seed);
        var items = new WorkloadGenerator(f.Profiles, new WorkloadOptions { Count = 80 }).Generate(seed);

        var accepted = items.Select(i => (Item: i, Outcome: WorkloadRunner.Run(f, i))).Where(static r => r.Outcome.Stage == ExpectedStage.Accepted).ToList();

        foreach (var (ips, sut) in f.Switches)
        {
            var totals = sut.Totals();
            Assert.True(totals.IsConserved, $"{ips}: {totals}");
            Assert.Equal(0, totals.HeldMinor);
            var sent = accepted.Where(r => r.Item.SourceIps == ips).ToList();
            var received = accepted.Where(r => r.Item.Instruction.DestinationIps == ips).ToList();
            Assert.Equal(sent.Sum(static r => r.Outcome.Instructed.AmountMinor), totals.SettlementOutMinor);
            Assert.Equal(received.Sum(static r => r.Outcome.Settled.AmountMinor), totals.SettlementInMinor);
            Assert.Equal(received.Sum(static r => r.Outcome.Settled.AmountMinor), received.Sum(static r => r.Outcome.Credited.AmountMinor + r.Outcome.DestinationFee.AmountMinor));
            Assert.Equal(
                sent.Sum(static r => r.Outcome.SourceFee.AmountMinor) + received.Sum(static r => r.Outcome.DestinationFee.AmountMinor),
                totals.FeeIncomeMinor);
            Assert.Equal(
                totals.OpeningBalancesMinor - sent.Sum(static r => r.Outcome.Instructed.AmountMinor + r.Outcome.SourceFee.AmountMinor) + received.Sum(static r => r.Outcome.Credited.AmountMinor),
                totals.CustomerBalancesMinor);
        }

        Assert.Equal(0, f.Ledger.PendingCount);
    }
}
