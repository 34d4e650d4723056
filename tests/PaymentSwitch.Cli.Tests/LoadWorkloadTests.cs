using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Adapters.Workload;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.LoadRunner;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Cli.Tests;

/// <summary>The harness's workload and transport cost: corridor mix, amount profiles, steady IPS profiles, messages per payment.</summary>
public sealed class LoadWorkloadTests
{
    private static readonly AdapterProfiles Published = AdapterProfiles.LoadDefault(Topology.LoadDefault());
    private static readonly IpsId SgFast = new("SG-FAST");
    private static readonly IpsId ThPromptPay = new("TH-PROMPTPAY");
    private static readonly IpsId MyDuitNow = new("MY-DUITNOW");
    private static readonly IpsId PhInstaPay = new("PH-INSTAPAY");
    private static readonly IpsId EuTips = new("EU-TIPS");
    private static readonly IpsId EuRt1 = new("EU-RT1");

    /// <summary>bench/topologies/asean-eur.json, found from the repository root above the test binaries.</summary>
    public static string AseanEurTopologyFile => RepositoryFile("bench", "topologies", "asean-eur.json");

    /// <summary>bench/topologies/asean-eur-adapters.json.</summary>
    public static string AseanEurProfilesFile => RepositoryFile("bench", "topologies", "asean-eur-adapters.json");

    private static readonly Lazy<AdapterProfiles> AseanEur = new(static () => LoadReferenceData.Load(new LoadRunOptions { TopologyFile = AseanEurTopologyFile }).Profiles);

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
    public void ExampleFiles_AseanEur_LoadWithoutErrors()
    {
        var topology = Topology.Load(File.ReadAllText(AseanEurTopologyFile));
        Assert.True(topology.Succeeded, string.Join(Environment.NewLine, topology.Errors));
        var profiles = AdapterProfiles.Load(File.ReadAllText(AseanEurProfilesFile), topology.Topology!);
        Assert.True(profiles.Succeeded, string.Join(Environment.NewLine, profiles.Errors));
        var sut = topology.Topology!;

        // The ASEAN set unchanged, plus two euro IPSs that share a currency.
        var asean = Topology.LoadDefault();
        Assert.All(asean.Ips, ips => Assert.True(sut.TryGetIps(ips.Id, out _), ips.Id.Value));
        Assert.All(asean.Corridors, c => Assert.True(sut.TryGetCorridor(c.SourceIps, c.DestinationIps, out _)));
        Assert.Equal([EuTips, EuRt1], sut.IpsForCurrency(Currency.EUR).Select(static i => i.Id));
        Assert.All(sut.IpsForCurrency(Currency.EUR), static i => Assert.Equal(Money.FromMajor(100_000m, Currency.EUR), i.PerTransactionCap));
        Assert.Equal(9, profiles.Profiles!.Switches.Count);

        // EU-TIPS <-> EU-RT1 is open and same-currency; every EUR <-> ASEAN pair is open and has an FX quote.
        Assert.True(sut.TryGetCorridor(EuTips, EuRt1, out var there) && there.Enabled);
        Assert.True(sut.TryGetCorridor(EuRt1, EuTips, out var back) && back.Enabled);
        foreach (var ips in asean.Ips)
        {
            foreach (var eu in new[] { EuTips, EuRt1 })
            {
                Assert.True(sut.TryGetCorridor(eu, ips.Id, out var outbound) && outbound.Enabled, $"{eu}>{ips.Id}");
                Assert.True(sut.TryGetCorridor(ips.Id, eu, out var inbound) && inbound.Enabled, $"{ips.Id}>{eu}");
            }

            Assert.NotEmpty(sut.RateSheetsFor(Currency.EUR, ips.Currency));
            Assert.NotEmpty(sut.RateSheetsFor(ips.Currency, Currency.EUR));
        }
    }

    [Fact]
    public void LoadReferenceData_TopologyOnly_TakesTheAdaptersFileBesideIt()
    {
        Assert.True(LoadReferenceData.TryLoad(new LoadRunOptions { TopologyFile = AseanEurTopologyFile }, out var sut, out var errors), string.Join(Environment.NewLine, errors));

        Assert.Equal(Path.GetFullPath(AseanEurTopologyFile), sut!.TopologySource);
        Assert.Equal(Path.GetFullPath(AseanEurProfilesFile), sut.ProfilesSource);
        Assert.True(sut.Profiles.TryGet(EuRt1, out _));
    }

    [Fact]
    public void LoadReferenceData_Defaults_EmbeddedAseanFiles()
    {
        Assert.True(LoadReferenceData.TryLoad(new LoadRunOptions(), out var sut, out _));

        Assert.Equal(LoadReferenceData.EmbeddedTopology, sut!.TopologySource);
        Assert.Equal(LoadReferenceData.EmbeddedProfiles, sut.ProfilesSource);
        Assert.Equal(7, sut.Profiles.Switches.Count);
    }

    [Theory]
    [InlineData(7_000)]
    [InlineData(5_000)]
    [InlineData(0)]
    [InlineData(10_000)]
    public void Create_CrossCurrencyShareOnAseanEur_PoolHasExactlyThatShareSpreadEvenly(int shareBps)
    {
        var sut = LoadWorkload.Create(AseanEur.Value, new LoadRunOptions { PoolSize = 1_000, CrossCurrencyShareBps = shareBps });

        Assert.Equal(1_000, sut.Count);
        var cross = Enumerable.Range(0, sut.Count).Select(i => CrossesCurrencies(sut[i])).ToArray();
        Assert.Equal(shareBps / 10, cross.Count(static c => c));
        Assert.Equal(shareBps / 10, sut.CrossCurrencyCount);
        Assert.All(Enumerable.Range(0, sut.Count), i => Assert.Equal(cross[i], sut.IsCrossCurrency(i)));

        // Every same-currency payment runs between the two euro IPSs, and any 100 consecutive payments hold the share.
        Assert.All(Enumerable.Range(0, sut.Count).Where(i => !cross[i]), i => Assert.Contains(LoadWorkload.Corridor(sut[i]), new[] { "EU-TIPS>EU-RT1", "EU-RT1>EU-TIPS" }));
        for (var start = 0; start + 100 <= sut.Count; start += 50)
        {
            Assert.InRange(cross.Skip(start).Take(100).Count(static c => c), (shareBps / 100) - 1, (shareBps / 100) + 1);
        }
    }

    [Fact]
    public void Create_SameCurrencyShareOnAseanEur_OffersManyDistinctSameCurrencyPayments()
    {
        var sut = LoadWorkload.Create(AseanEur.Value, new LoadRunOptions { PoolSize = 1_000, CrossCurrencyShareBps = 5_000 });

        var distinct = Enumerable.Range(0, sut.Count).Where(i => !sut.IsCrossCurrency(i)).Select(i => sut[i].Instruction).Distinct().Count();

        Assert.True(distinct >= 50, $"only {distinct} distinct same-currency payments");
    }

    [Fact]
    public void Create_SameCurrencyShareOnTheAseanTopology_RefusedPointingToTheExample()
    {
        var refused = Assert.Throws<ArgumentException>(() => LoadWorkload.Create(Published, new LoadRunOptions { PoolSize = 100, CrossCurrencyShareBps = 5_000 }));

        Assert.Contains("same-currency", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--topology bench/topologies/asean-eur.json", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ShareBelow100WithACrossCurrencyOnlyCorridorMix_RefusedNamingTheMix()
    {
        var options = new LoadRunOptions { PoolSize = 100, CrossCurrencyShareBps = 5_000, Corridors = [new CorridorWeight(SgFast, EuTips, 1)] };

        var refused = Assert.Throws<ArgumentException>(() => LoadWorkload.Create(AseanEur.Value, options));

        Assert.Contains("corridor mix", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SameCurrencyOnlyMixAtTheDefaultShare_RefusedSuggestingShareZero()
    {
        var options = new LoadRunOptions { PoolSize = 100, Corridors = [new CorridorWeight(EuTips, EuRt1, 1)] };

        var refused = Assert.Throws<ArgumentException>(() => LoadWorkload.Create(AseanEur.Value, options));

        Assert.Contains("--cross-currency-share 0", refused.Message, StringComparison.Ordinal);

        options.CrossCurrencyShareBps = 0;
        var allSameCurrency = LoadWorkload.Create(AseanEur.Value, options);
        Assert.Equal(100, allSameCurrency.Count);
        Assert.Equal(0, allSameCurrency.CrossCurrencyCount);
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

    private static bool CrossesCurrencies(WorkloadItem item) =>
        AseanEur.Value[item.SourceIps].Currency != AseanEur.Value[item.Instruction.DestinationIps].Currency;

    private static string RepositoryFile(params string[] parts)
    {
        var root = SharedFiles.RepositoryRoot
            ?? throw new InvalidOperationException($"No PaymentSwitch.sln above {AppContext.BaseDirectory}: the tests must run from a build inside the repository.");
        return Path.Combine([root, .. parts]);
    }
}
