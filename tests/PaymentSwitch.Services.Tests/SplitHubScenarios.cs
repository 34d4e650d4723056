using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Adapters;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Adapters;
using PaymentSwitch.Services.Protocol;
using PaymentSwitch.TestKit;
using static PaymentSwitch.Services.Tests.TestPayments;

namespace PaymentSwitch.Services.Tests;

/// <summary>
/// A hub split into two instances (Hub:Partitions = 2) behind the same adapters: every payment is decided by the
/// instance that owns its UETR, quotes issued by either instance are honoured by both, liquidity is shared out and a
/// settle request answers for both. Runs on a real nats-server and on the in-process bus.
/// </summary>
/// <remarks>
/// The instances and the adapters share a <see cref="FakeTimeProvider"/> that never moves and the destinations answer
/// at once: no quote can expire and no wait can run out however slowly a loaded machine carries the payments.
/// </remarks>
public abstract class SplitHubScenarios
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 1, 30, 0, TimeSpan.Zero));

    /// <summary>Connects a fresh bus for one test.</summary>
    protected abstract Task<IMessageBus> CreateBusAsync();

    [SkippableFact]
    public async Task SendAsync_TwentyPaymentsOverTwoInstances_EachAcceptedAndHeldOnlyByItsOwner()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);

        var outcomes = await Eventually.CompletesAsync(
            Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
                sut.SendAsync(SgFast, SgdToThb(10_000 + i, i % 2 == 0 ? OutboundCreditor.ByProxy("MBNO", "+66-812345678") : OutboundCreditor.ByAccount(BangkokBank, "1234567890"))))),
            "the 20 payments' outcomes");

        var crossInstance = 0;
        foreach (var outcome in outcomes)
        {
            Assert.True(outcome.Stage == OutcomeStage.Accepted, $"{outcome.Uetr}: {outcome.Stage} {outcome.Reason} {outcome.Detail}");
            var owner = HubPartition.Of(outcome.Uetr, 2);
            var record = await sut.Hubs[owner].FindPaymentAsync(outcome.Uetr);
            Assert.Equal(TransactionStatus.ACCC, record!.Value.LastStatus);
            Assert.Equal(outcome.Quote!.DestinationAmount.Minor, record.Value.Facts.SettlementAmount.AmountMinor);
            Assert.Null(await sut.Hubs[1 - owner].FindPaymentAsync(outcome.Uetr));

            // Quote ids name the issuing instance (Q0P…, Q1P…): a quote issued by the other instance was honoured too.
            crossInstance += outcome.Quote.QuoteId.StartsWith($"Q{1 - owner}P", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.Contains(outcomes, o => HubPartition.Of(o.Uetr, 2) == 0);
        Assert.Contains(outcomes, o => HubPartition.Of(o.Uetr, 2) == 1);
        Assert.True(crossInstance > 0, "no payment cited a quote issued by the instance that does not own it");
    }

    [SkippableFact]
    public async Task Start_TwoInstances_EachHoldsItsShareOfEveryLimit()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);
        Assert.True(TestProfiles.Topology.TryGetParticipant(Dbs, out var dbs));
        var declared = dbs.Liquidity.AsSpan().ToArray().Single(l => l.Currency == Currency.SGD).LimitMinor;

        var first = await sut.Hubs[0].FindPositionAsync(Dbs, Currency.SGD);
        var second = await sut.Hubs[1].FindPositionAsync(Dbs, Currency.SGD);

        Assert.Equal(declared, first!.Value.LimitMinor + second!.Value.LimitMinor);
        Assert.InRange(first.Value.LimitMinor - second.Value.LimitMinor, 0, 1);
    }

    [SkippableFact]
    public async Task AdminSettle_TwoInstances_OneReportCoversThePaymentsOfBoth()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);
        var outcomes = new List<PaymentOutcome>();
        for (var i = 0; i < 12; i++)
        {
            outcomes.Add(await sut.SendAsync(SgFast, SgdToThb(20_000 + i, OutboundCreditor.ByAccount(BangkokBank, "1234567890"))));
        }

        Assert.All(outcomes, o => Assert.Equal(OutcomeStage.Accepted, o.Stage));
        Assert.Contains(outcomes, o => HubPartition.Of(o.Uetr, 2) == 0);
        Assert.Contains(outcomes, o => HubPartition.Of(o.Uetr, 2) == 1);

        var reply = await bus.RequestAsync(ProtocolSubjects.AdminSettle, ReadOnlyMemory<byte>.Empty, null, Eventually.Patience);

        Assert.False(reply.Headers?.Contains(HeaderNames.Error) ?? false);
        Assert.True(JsonWire.TryDeserialize<SettlementReportDto>(reply.Payload, out var report, out _));
        Assert.Null(report!.Partition);
        var thb = report.Currencies.Single(c => c.Currency == "THB");
        Assert.Equal(outcomes.Sum(o => o.Quote!.DestinationAmount.Minor), thb.Nets.Single(n => n.Participant == BangkokBank.Value).NetMinor);
        Assert.All(report.Currencies, c => Assert.Equal(0, c.Nets.Sum(n => n.NetMinor)));

        // Both instances closed their cycle: nothing is left to settle in either.
        var again = await bus.RequestAsync(ProtocolSubjects.AdminSettle, ReadOnlyMemory<byte>.Empty, null, Eventually.Patience);
        Assert.True(JsonWire.TryDeserialize<SettlementReportDto>(again.Payload, out var empty, out _));
        Assert.Equal(0, empty!.CommittedLegCount);
    }

    [SkippableFact]
    public async Task AdminStatus_TwoInstances_TheOwnerAnswersAndAnUnknownUetrIsTm01()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);
        var outcome = await sut.SendAsync(SgFast, SgdToThb(15_000, OutboundCreditor.ByAccount(BangkokBank, "1234567890")));
        Assert.Equal(OutcomeStage.Accepted, outcome.Stage);

        var known = await bus.RequestAsync(ProtocolSubjects.AdminStatus, JsonWire.Serialize(outcome.Uetr.ToString()), null, Eventually.Patience);
        var unknown = await bus.RequestAsync(ProtocolSubjects.AdminStatus, JsonWire.Serialize(Uetr.NewUetr().ToString()), null, Eventually.Patience);

        Assert.True(JsonWire.TryDeserialize<PaymentStatusDto>(known.Payload, out var status, out _));
        Assert.Equal("ACCC", status!.LastStatus);
        Assert.True(unknown.Headers!.TryGet(HeaderNames.Reason, out var reason));
        Assert.Equal("TM01", reason);
    }

    [SkippableFact]
    public async Task Hub_GarbageOnInboundSubject_OneErrorReplyAndBothInstancesKeepServing()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);

        var reply = await bus.RequestAsync(ProtocolSubjects.HubInbound(SgFast), "not a payment"u8.ToArray(), null, Eventually.Patience);

        Assert.True(reply.Headers!.TryGet(HeaderNames.Reason, out var reason));
        Assert.Equal("FF01", reason);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => sut.SendAsync(SgFast, SgdToThb(11_000 + i, OutboundCreditor.ByAccount(BangkokBank, "1234567890")))));
        Assert.All(outcomes, o => Assert.Equal(OutcomeStage.Accepted, o.Stage));
    }

    private Task<SwitchRuntime> StartAsync(IMessageBus bus)
    {
        var options = new SwitchRuntimeOptions { HubInstances = 2 };
        options.Hub.PublishEvents = false;
        return SwitchRuntime.StartAsync(bus, TestProfiles.ReliableAndInstant(), _time, NullLoggerFactory.Instance, options);
    }
}

/// <summary><see cref="SplitHubScenarios"/> on a real nats-server.</summary>
public sealed class NatsSplitHubScenarios(NatsServerFixture fixture) : SplitHubScenarios, IClassFixture<NatsServerFixture>
{
    /// <inheritdoc/>
    protected override async Task<IMessageBus> CreateBusAsync()
    {
        fixture.RequireServer();
        return await fixture.CreateBusAsync();
    }
}

/// <summary><see cref="SplitHubScenarios"/> on the in-process bus.</summary>
public sealed class InProcessSplitHubScenarios : SplitHubScenarios
{
    /// <inheritdoc/>
    protected override Task<IMessageBus> CreateBusAsync() => Task.FromResult<IMessageBus>(new InProcessBus());
}
