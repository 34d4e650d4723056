using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Fx;
using PaymentSwitch.Services.Hub;
using PaymentSwitch.Services.Protocol;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Services.Tests;

/// <summary>
/// FX providers competing on live rate sheets, over the wire as a connector in another language would publish them
/// (<c>ps.v1.fx.rates.&lt;BIC&gt;</c>, JSON), and quotes on <c>ps.v1.hub.quotes</c>. Every scenario runs against a real
/// nats-server and on the in-process bus.
/// </summary>
public abstract class FxProviderScenarios
{
    private const string Dbs = "DBSSSGSGXXX";
    private const string Cimb = "CIBBMYKLXXX";
    // Only a bound: a reply normally comes in milliseconds.
    private static readonly TimeSpan Timeout = Eventually.Patience;

    // The hub and the providers share a clock that never moves: a sheet's validity cannot run out mid-scenario however
    // slowly a loaded machine runs it.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 1, 30, 0, TimeSpan.Zero));

    /// <summary>Connects a fresh bus for one test.</summary>
    protected abstract Task<IMessageBus> CreateBusAsync();

    [SkippableFact]
    public async Task Quotes_TwoProvidersPublishDifferentSgdToThbRates_OneQuoteEachAndTheBetterMarkedBest()
    {
        await using var bus = await CreateBusAsync();
        await using var hub = await StartHubAsync(bus);

        // The rate as a string (recommended) from DBS and as a JSON number from CIMB: both are read exactly.
        await AssertAcceptedAsync(bus, Dbs, """{"pair":"SGD/THB","rate":"26.0","spreadBps":35}""");
        await AssertAcceptedAsync(bus, Cimb, """{"pair":"SGD/THB","rate":25.5,"spreadBps":50,"validForSeconds":120}""");
        var response = await QuoteAsync(bus);

        Assert.Empty(response.Rejections);
        Assert.Equal([Cimb, Dbs], response.Quotes.Select(static q => q.FxProvider));
        var dbs = response.Quotes.Single(static q => q.FxProvider == Dbs);
        var cimb = response.Quotes.Single(static q => q.FxProvider == Cimb);
        Assert.Equal(25.909m, dbs.Rate); // 26 × (1 − 35 bps)
        Assert.Equal(25.3725m, cimb.Rate); // 25.5 × (1 − 50 bps)
        Assert.Equal(new AmountDto("THB", 1_295_450), dbs.DestinationAmount);
        Assert.True(dbs.Best);
        Assert.False(cimb.Best);
    }

    [SkippableFact]
    public async Task Quotes_ProviderPublishesABetterRate_ItBecomesBestAndEarlierQuotesKeepTheirRate()
    {
        await using var bus = await CreateBusAsync();
        await using var hub = await StartHubAsync(bus);
        await AssertAcceptedAsync(bus, Dbs, """{"pair":"SGD/THB","rate":"26.0","spreadBps":35}""");
        await AssertAcceptedAsync(bus, Cimb, """{"pair":"SGD/THB","rate":"25.5","spreadBps":50}""");
        var before = await QuoteAsync(bus);

        await AssertAcceptedAsync(bus, Cimb, """{"pair":"SGD/THB","rate":"26.5","spreadBps":50}""");
        var after = await QuoteAsync(bus);

        Assert.Equal(Dbs, before.Quotes.Single(static q => q.Best).FxProvider);
        var best = after.Quotes.Single(static q => q.Best);
        Assert.Equal(Cimb, best.FxProvider);
        Assert.Equal(26.3675m, best.Rate); // 26.5 × (1 − 50 bps) beats DBS's 25.909
        Assert.Equal(25.3725m, before.Quotes.Single(static q => q.FxProvider == Cimb).Rate);
        Assert.NotEqual(before.Quotes.Single(static q => q.FxProvider == Cimb).QuoteId, best.QuoteId);
    }

    [SkippableFact]
    public async Task RateSheet_Invalid_ErrorReplyNamingEachFieldAndNothingChanges()
    {
        await using var bus = await CreateBusAsync();
        await using var hub = await StartHubAsync(bus);
        await AssertAcceptedAsync(bus, Dbs, """{"pair":"SGD/THB","rate":"26.0","spreadBps":35}""");

        var reply = await PublishSheetAsync(bus, Dbs, """
            {"pair":"SGD/THB","rate":"-1","spreadBps":35,
             "tiers":[{"fromSourceMinor":200,"improvementBps":1},{"fromSourceMinor":100,"improvementBps":1}]}
            """);

        Assert.True(reply.Headers!.TryGet(HeaderNames.Reason, out var reason));
        Assert.Equal("FF01", reason);
        Assert.True(reply.Headers.TryGet(HeaderNames.Error, out var error));
        Assert.StartsWith("rate: ", error, StringComparison.Ordinal);
        Assert.Contains("(and 1 more: tiers[1])", error, StringComparison.Ordinal);
        var body = JsonSerializer.Deserialize<RateSheetRejectionDto>(reply.Payload.Span, JsonWire.Options)!;
        Assert.Equal(("FF01", "rate"), (body.Reason, body.Field));
        Assert.Equal(["rate", "tiers[1]"], body.Problems.Select(static p => p.Field));
        var quotes = await QuoteAsync(bus);
        Assert.Equal(25.909m, quotes.Quotes.Single(static q => q.FxProvider == Dbs).Rate);
    }

    [SkippableFact]
    public async Task RateSheet_FromAParticipantThatIsNoFxProvider_Rc01AndNotLive()
    {
        await using var bus = await CreateBusAsync();
        await using var hub = await StartHubAsync(bus);

        var reply = await PublishSheetAsync(bus, "SCBLSGSGXXX", """{"pair":"SGD/THB","rate":"30","spreadBps":0}""");

        Assert.True(reply.Headers!.TryGet(HeaderNames.Reason, out var reason));
        Assert.Equal("RC01", reason);
        Assert.True(reply.Headers.TryGet(HeaderNames.Error, out var error));
        Assert.StartsWith("fxProvider: ", error, StringComparison.Ordinal);
        Assert.Equal(0, hub.RateSheets.Count);
        var quotes = await QuoteAsync(bus);
        Assert.Equal([Cimb, Dbs], quotes.Quotes.Select(static q => q.FxProvider));
    }

    [SkippableTheory]
    [InlineData("not json", "FF01", "")]
    [InlineData("""{"pair":"SGD-THB","rate":"26","spreadBps":35}""", "AM03", "pair: ")]
    [InlineData("""{"pair":"SGD/THB","rate":"26"}""", "FF01", "spreadBps: ")]
    [InlineData("""{"pair":"SGD/THB","rate":"twenty","spreadBps":35}""", "FF01", "$.rate: ")]
    [InlineData("""{"pair":"SGD/JPY","rate":"110","spreadBps":35}""", "AG01", "pair: ")]
    [InlineData("""{"pair":"SGD/THB","rate":"26","spreadBps":35,"validForSeconds":0}""", "FF01", "validForSeconds: ")]
    public async Task RateSheet_Unreadable_ErrorReplyNamingTheField(string body, string code, string errorStart)
    {
        await using var bus = await CreateBusAsync();
        await using var hub = await StartHubAsync(bus);

        var reply = await PublishSheetAsync(bus, Dbs, body);

        Assert.True(reply.Headers!.TryGet(HeaderNames.Reason, out var reason));
        Assert.Equal(code, reason);
        Assert.True(reply.Headers.TryGet(HeaderNames.Error, out var error));
        Assert.StartsWith(errorStart, error, StringComparison.Ordinal);
        Assert.Equal(0, hub.RateSheets.Count);
    }

    [SkippableFact]
    public async Task FxProviderServices_BothRunning_QuotesComeFromTheirPublishedSheets()
    {
        await using var bus = await CreateBusAsync();
        await using var hub = await StartHubAsync(bus);
        var providers = new List<FxProviderService>();
        try
        {
            foreach (var definition in TestProfiles.Topology.FxProviders)
            {
                var provider = new FxProviderService(bus, definition, _time, new FxProviderServiceOptions { Seed = 11, Interval = TimeSpan.FromMinutes(10) }, NullLogger<FxProviderService>.Instance);
                providers.Add(provider);
                await provider.StartAsync();
                Assert.Null(await provider.PublishNextAsync()); // One step of the walk away from the reference data.
            }

            var response = await QuoteAsync(bus);

            Assert.Equal(2, response.Quotes.Count);
            Assert.Single(response.Quotes, static q => q.Best);
            foreach (var quote in response.Quotes)
            {
                var provider = providers.Single(p => p.FxProvider.Value == quote.FxProvider);
                var sheet = provider.CurrentSheets.Single(static s => s.SourceCurrency.Code == "SGD" && s.DestinationCurrency.Code == "THB");
                Assert.Equal(sheet.EffectiveRate(50_000, Domain.Bic.Parse("SCBLSGSGXXX")), quote.Rate);
            }
        }
        finally
        {
            foreach (var provider in providers)
            {
                await provider.DisposeAsync();
            }
        }
    }

    private async Task<HubService> StartHubAsync(IMessageBus bus)
    {
        var hub = new HubService(bus, TestProfiles.Topology, _time, new HubServiceOptions { PublishEvents = false }, NullLogger<HubService>.Instance);
        await hub.StartAsync();
        return hub;
    }

    private static async Task<BusMessage> PublishSheetAsync(IMessageBus bus, string fxProvider, string json) =>
        await bus.RequestAsync($"ps.v1.fx.rates.{fxProvider}", Encoding.UTF8.GetBytes(json), Headers(), Timeout);

    private static async Task AssertAcceptedAsync(IMessageBus bus, string fxProvider, string json)
    {
        var reply = await PublishSheetAsync(bus, fxProvider, json);
        Assert.False(reply.Headers?.Contains(HeaderNames.Error) ?? false, reply.Headers?.TryGet(HeaderNames.Error, out var error) == true ? error : null);
        Assert.True(reply.Headers!.TryGet(HeaderNames.Reason, out var reason));
        Assert.Equal("ACK", reason);
        var ack = JsonSerializer.Deserialize<RateSheetAckDto>(reply.Payload.Span, JsonWire.Options)!;
        Assert.Equal("SGD/THB", ack.Pair);
    }

    private static async Task<QuoteResponseDto> QuoteAsync(IMessageBus bus)
    {
        var request = new QuoteRequestDto("SG-FAST", "TH-PROMPTPAY", "SCBLSGSGXXX", new AmountDto("SGD", 50_000), "source");
        var reply = await bus.RequestAsync(ProtocolSubjects.Quotes, JsonWire.Serialize(request), Headers(), Timeout);
        Assert.True(JsonWire.TryDeserialize<QuoteResponseDto>(reply.Payload, out var response, out var error), error.ToString());
        return response!;
    }

    private static MessageHeaders Headers() => new()
    {
        [HeaderNames.ContentType] = ContentTypes.Json,
        [HeaderNames.ProtocolVersion] = ProtocolSubjects.Version,
    };
}

/// <summary>The FX provider scenarios against a real nats-server.</summary>
public sealed class NatsFxProviderScenarios(NatsServerFixture fixture) : FxProviderScenarios, IClassFixture<NatsServerFixture>
{
    /// <inheritdoc/>
    protected override async Task<IMessageBus> CreateBusAsync()
    {
        fixture.RequireServer();
        return await fixture.CreateBusAsync();
    }
}

/// <summary>The FX provider scenarios on the in-process bus.</summary>
public sealed class InProcessFxProviderScenarios : FxProviderScenarios
{
    /// <inheritdoc/>
    protected override Task<IMessageBus> CreateBusAsync() => Task.FromResult<IMessageBus>(new InProcessBus());
}
