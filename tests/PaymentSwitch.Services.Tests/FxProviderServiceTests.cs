using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Fx;
using PaymentSwitch.Services.Hub;
using PaymentSwitch.Services.Protocol;

namespace PaymentSwitch.Services.Tests;

/// <summary>
/// The FX provider service against a real hub service on the in-process bus, with a fake clock driving both: the
/// first publication, the random walk per interval, determinism by seed, the drift bound, and what the hub quotes
/// when a provider stops.
/// </summary>
public sealed class FxProviderServiceTests : IAsyncLifetime
{
    private static readonly Bic Dbs = Bic.Parse("DBSSSGSGXXX");
    private static readonly Bic Cimb = Bic.Parse("CIBBMYKLXXX");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
    private readonly InProcessBus _bus = new();
    private HubService _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = new HubService(_bus, TestProfiles.Topology, _time, new HubServiceOptions { PublishEvents = false }, NullLogger<HubService>.Instance);
        await _hub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _bus.DisposeAsync();
    }

    [Fact]
    public async Task StartAsync_PublishesEverySheetAtTheReferenceMid_HubHoldsThemLive()
    {
        await using var sut = Create(Dbs);

        await sut.StartAsync();

        var definition = Provider(Dbs);
        Assert.Equal(1, sut.RoundCount);
        Assert.Equal(definition.RateSheets.Count, _hub.RateSheets.Count);
        Assert.True(_hub.RateSheets.IsLive(Dbs));
        Assert.False(_hub.RateSheets.IsLive(Cimb));
        foreach (var reference in definition.RateSheets)
        {
            Assert.Equal(LiveSheetStatus.Current, _hub.RateSheets.Find(Dbs, reference.SourceCurrency, reference.DestinationCurrency, _time.GetUtcNow(), out var live, out var validUntil));
            Assert.Equal(reference, live);
            Assert.Equal(_time.GetUtcNow().AddSeconds(60), validUntil);
        }
    }

    [Fact]
    public async Task Interval_MovesEveryMidByWholeBasisPointsWithinTheStepAndRepublishes()
    {
        await using var sut = Create(Dbs, o => o.MaxStepBps = 4);
        await sut.StartAsync();

        _time.Advance(TimeSpan.FromSeconds(5));
        await sut.LastRound;

        Assert.Equal(2, sut.RoundCount);
        var references = Provider(Dbs).RateSheets;
        var moved = 0;
        for (var i = 0; i < references.Count; i++)
        {
            var reference = references[i];
            var current = sut.CurrentSheets[i];
            var step = Enumerable.Range(-4, 9).Where(k => FxConversion.ToExchangeRateForm(reference.MidRate * (10_000 + k) / 10_000m) == current.MidRate).ToList();
            Assert.True(step.Count > 0, $"{reference.SourceCurrency.Code}/{reference.DestinationCurrency.Code}: {reference.MidRate} → {current.MidRate} is not a whole step of at most 4 bps");
            moved += current.MidRate == reference.MidRate ? 0 : 1;
            Assert.Equal(LiveSheetStatus.Current, _hub.RateSheets.Find(Dbs, reference.SourceCurrency, reference.DestinationCurrency, _time.GetUtcNow(), out var live, out _));
            Assert.Equal(current.MidRate, live!.MidRate);
            Assert.Equal((reference.SpreadBps, reference.Tiers, reference.PspImprovements), (live.SpreadBps, live.Tiers, live.PspImprovements));
        }

        Assert.True(moved > references.Count / 2, $"only {moved} of {references.Count} mid rates moved");
    }

    [Fact]
    public async Task PublishNextAsync_SameSeed_SameRatesAndAnotherSeedDiffers()
    {
        await using var first = Create(Dbs, o => o.Seed = 7);
        await using var second = Create(Dbs, o => o.Seed = 7);
        await using var other = Create(Dbs, o => o.Seed = 8);

        for (var round = 0; round < 5; round++)
        {
            Assert.Null(await first.PublishNextAsync());
            Assert.Null(await second.PublishNextAsync());
            Assert.Null(await other.PublishNextAsync());
        }

        Assert.Equal(first.CurrentSheets.Select(static s => s.MidRate), second.CurrentSheets.Select(static s => s.MidRate));
        Assert.NotEqual(first.CurrentSheets.Select(static s => s.MidRate), other.CurrentSheets.Select(static s => s.MidRate));
    }

    [Fact]
    public async Task PublishNextAsync_ManyLargeSteps_NeverDriftsBeyondTheBound()
    {
        await using var sut = Create(Cimb, o => (o.MaxStepBps, o.MaxDriftBps) = (100, 150));

        for (var round = 0; round < 30; round++)
        {
            Assert.Null(await sut.PublishNextAsync());
        }

        var references = Provider(Cimb).RateSheets;
        for (var i = 0; i < references.Count; i++)
        {
            var mid = references[i].MidRate;
            Assert.InRange(sut.CurrentSheets[i].MidRate, FxConversion.ToExchangeRateForm(mid * 0.985m), mid * 1.015m);
        }
    }

    [Fact]
    public async Task StoppedProvider_AfterItsSheetsExpire_HubQuotesOnlyTheOtherAndNeverTheReferenceData()
    {
        await using var cimb = Create(Cimb);
        var dbs = Create(Dbs);
        await cimb.StartAsync();
        await dbs.StartAsync();

        await dbs.DisposeAsync();
        for (var i = 0; i < 13; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await cimb.LastRound;
        }

        var response = await QuoteAsync();
        Assert.Equal([Cimb.Value], response.Quotes.Select(static q => q.FxProvider));
        var rejection = Assert.Single(response.Rejections);
        Assert.Equal("AG01", rejection.Reason);
        Assert.Contains("expired", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NoHub_NoResponders()
    {
        await using var bus = new InProcessBus();
        await using var sut = new FxProviderService(bus, Provider(Dbs), _time, new FxProviderServiceOptions(), NullLogger<FxProviderService>.Instance);

        await Assert.ThrowsAsync<NoRespondersException>(() => sut.StartAsync());
    }

    [Fact]
    public async Task StartAsync_HubRefusesTheSheets_InvalidOperationNamingTheError()
    {
        // A provider the hub's reference data does not know: every sheet is refused RC01.
        var stranger = Provider(Dbs) with { Bic = Bic.Parse("SCBLSGSGXXX") };
        await using var sut = new FxProviderService(_bus, stranger, _time, new FxProviderServiceOptions(), NullLogger<FxProviderService>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.StartAsync());

        Assert.Contains("fxProvider", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _hub.RateSheets.Count);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(5, 5)]
    [InlineData(5, 3)]
    [InlineData(5, 4000)]
    public void Constructor_InvalidIntervalOrValidity_Throws(int intervalSeconds, int? validForSeconds)
    {
        var options = new FxProviderServiceOptions
        {
            Interval = TimeSpan.FromSeconds(intervalSeconds),
            ValidFor = validForSeconds is { } v ? TimeSpan.FromSeconds(v) : null,
        };

        Assert.Throws<ArgumentException>(() => new FxProviderService(_bus, Provider(Dbs), _time, options, NullLogger<FxProviderService>.Instance));
    }

    [Theory]
    [InlineData(5, 60)]
    [InlineData(30, 90)]
    [InlineData(1200, 3600)]
    public void EffectiveValidFor_Default_ThreeIntervalsAtLeastAMinuteAtMostAnHour(int intervalSeconds, int expectedSeconds)
    {
        var options = new FxProviderServiceOptions { Interval = TimeSpan.FromSeconds(intervalSeconds) };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), options.EffectiveValidFor);
    }

    private FxProviderService Create(Bic bic, Action<FxProviderServiceOptions>? configure = null)
    {
        var options = new FxProviderServiceOptions();
        configure?.Invoke(options);
        return new FxProviderService(_bus, Provider(bic), _time, options, NullLogger<FxProviderService>.Instance);
    }

    private static FxProviderDefinition Provider(Bic bic) =>
        TestProfiles.Topology.TryGetFxProvider(bic, out var provider) ? provider : throw new InvalidOperationException($"{bic} is not an FX provider");

    private async Task<QuoteResponseDto> QuoteAsync()
    {
        var request = new QuoteRequestDto("SG-FAST", "TH-PROMPTPAY", "SCBLSGSGXXX", new AmountDto("SGD", 50_000), "source");
        var reply = await _bus.RequestAsync(ProtocolSubjects.Quotes, JsonWire.Serialize(request), null, TimeSpan.FromSeconds(5));
        Assert.True(JsonWire.TryDeserialize<QuoteResponseDto>(reply.Payload, out var response, out var error), error.ToString());
        return response!;
    }
}
