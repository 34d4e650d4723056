using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.LoadRunner;

namespace PaymentSwitch.Cli.Tests;

/// <summary>The harness's workload and transport cost: corridor mix, amount profiles, steady IPS profiles, messages per payment.</summary>
public sealed class LoadWorkloadTests
{
    private static readonly AdapterProfiles Published = AdapterProfiles.LoadDefault(Topology.LoadDefault());
    private static readonly IpsId SgFast = new("SG-FAST");
    private static readonly IpsId ThPromptPay = new("TH-PROMPTPAY");
    private static readonly IpsId MyDuitNow = new("MY-DUITNOW");
    private static readonly IpsId PhInstaPay = new("PH-INSTAPAY");

    [Theory]
    [InlineData("SG-FAST>TH-PROMPTPAY=3", "SG-FAST", "TH-PROMPTPAY", 3)]
    [InlineData("MY-DUITNOW>PH-INSTAPAY", "MY-DUITNOW", "PH-INSTAPAY", 1)]
    [InlineData(" ID-BIFAST > VN-NAPAS =12", "ID-BIFAST", "VN-NAPAS", 12)]
    public void CorridorWeight_TryParse_ReadsSourceDestinationAndWeight(string text, string source, string destination, int weight)
    {
        Assert.True(CorridorWeight.TryParse(text.Replace(" =", "=", StringComparison.Ordinal), out var corridor, out var error), error);
        Assert.Equal(new CorridorWeight(new IpsId(source), new IpsId(destination), weight), corridor);
    }

    [Theory]
    [InlineData("SG-FAST")]
    [InlineData(">TH-PROMPTPAY")]
    [InlineData("SG-FAST>TH-PROMPTPAY=0")]
    [InlineData("SG-FAST>TH-PROMPTPAY=-2")]
    [InlineData("SG-FAST>TH-PROMPTPAY=many")]
    public void CorridorWeight_TryParse_Malformed_FalseWithAReason(string text)
    {
        Assert.False(CorridorWeight.TryParse(text, out _, out var error));
        Assert.Contains(text.Split('=')[0].Trim(), error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CorridorMix_PoolFollowsTheWeightsAndNothingElse()
    {
        var options = new LoadRunOptions
        {
            PoolSize = 400,
            Corridors = [new CorridorWeight(SgFast, ThPromptPay, 3), new CorridorWeight(MyDuitNow, PhInstaPay, 1)],
        };

        var sut = LoadWorkload.Create(Published, options);

        Assert.Equal(400, sut.Count);
        Assert.Equal(new Dictionary<string, int> { ["SG-FAST>TH-PROMPTPAY"] = 300, ["MY-DUITNOW>PH-INSTAPAY"] = 100 }, sut.CorridorCounts);
    }

    [Fact]
    public void Create_ClosedCorridor_RefusedNamingIt()
    {
        var options = new LoadRunOptions { Corridors = [new CorridorWeight(SgFast, SgFast, 1)] };

        var refused = Assert.Throws<ArgumentException>(() => LoadWorkload.Create(Published, options));

        Assert.Contains("SG-FAST>SG-FAST", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SameSeed_SamePaymentsInTheSameOrder()
    {
        var options = new LoadRunOptions { PoolSize = 300, Seed = 7 };

        var first = LoadWorkload.Create(Published, options);
        var second = LoadWorkload.Create(Published, options);

        Assert.All(Enumerable.Range(0, 300), i => Assert.Equal(first[i].Instruction, second[i].Instruction));
    }

    [Fact]
    public void Create_SmallAndLargeAmounts_ScaleTheRetailMedian()
    {
        long Median(AmountProfile profile)
        {
            var pool = LoadWorkload.Create(Published, new LoadRunOptions { PoolSize = 2_000, Amounts = profile, Corridors = [new CorridorWeight(SgFast, ThPromptPay, 1)] });
            var amounts = Enumerable.Range(0, pool.Count).Select(i => pool[i].Instruction.Amount).Where(static m => m.Currency.Code == "SGD").Select(static m => m.AmountMinor).Order().ToArray();
            return amounts[amounts.Length / 2];
        }

        var retail = Median(AmountProfile.Retail);

        Assert.True(Median(AmountProfile.Small) < retail, "small payments should be smaller than retail ones");
        Assert.True(Median(AmountProfile.Large) > retail, "large payments should be larger than retail ones");
    }

    [Fact]
    public void Create_Steady_ReliableInstantAndWellFundedUnlessRealistic()
    {
        var steady = LoadWorkload.Create(Published, new LoadRunOptions { PoolSize = 100, DestinationLatencyMs = 3 }).Profiles;
        var realistic = LoadWorkload.Create(Published, new LoadRunOptions { PoolSize = 100, RealisticBehaviour = true }).Profiles;

        foreach (var profile in steady.Switches)
        {
            var original = Published[profile.Id];
            Assert.Equal(3, profile.Behaviour.LatencyMs.Min);
            Assert.Equal(3, profile.Behaviour.LatencyMs.Max);
            Assert.True(profile.Behaviour.Outages.Count == 0);
            var balances = profile.Banks.AsSpan().ToArray().SelectMany(static b => b.Accounts.AsSpan().ToArray()).Select(static a => a.OpeningBalanceMinor);
            var originalBalances = original.Banks.AsSpan().ToArray().SelectMany(static b => b.Accounts.AsSpan().ToArray()).Select(static a => a.OpeningBalanceMinor);
            Assert.All(balances.Zip(originalBalances), static pair => Assert.True(pair.First >= pair.Second * 1_000_000));
        }

        Assert.Same(Published, realistic);
    }

    [Fact]
    public void MessageCost_FromServerCounters_MessagesPerPaymentSentAndMeanSize()
    {
        var before = new NatsServerStats("2.9.10", 1_000, 500_000);
        var after = new NatsServerStats("2.9.10", 1_000 + 9_400, 500_000 + (9_400 * 583));

        var sut = MessageCost.From(before, after, payments: 1_000, proxyShareBps: 6_000);

        Assert.True(sut.Measured);
        Assert.Equal(9.4m, (decimal)sut.MessagesPerPayment);
        Assert.Equal(583, sut.MeanMessageBytes);
    }

    [Theory]
    [InlineData(0, 7)]
    [InlineData(5_000, 9)]
    [InlineData(10_000, 11)]
    public void MessageCost_WithoutCounters_EstimatedFromTheProtocol(int proxyShareBps, int expected)
    {
        var sut = MessageCost.From(null, null, payments: 1_000, proxyShareBps);

        Assert.False(sut.Measured);
        Assert.Equal(expected, (decimal)sut.MessagesPerPayment);
        Assert.Equal(MessageCost.EstimatedMeanBytes, sut.MeanMessageBytes);
    }
}
