using Microsoft.Extensions.Logging.Abstractions;
using PaymentSwitch.Adapters;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Adapters;
using PaymentSwitch.TestKit;
using static PaymentSwitch.Services.Tests.TestPayments;

namespace PaymentSwitch.Services.Tests;

/// <summary>
/// The hub's circuit breaker per destination IPS, end to end: a destination that stops answering is found out by its
/// timed-out HIGH payments (or its unanswered proxy lookups), then refused AB08 at once without any reservation, and
/// let through again once it answers. Like <see cref="SwitchScenarios"/>, every scenario runs on a real nats-server
/// and on the in-process bus.
/// </summary>
public abstract class CircuitBreakerScenarios
{
    private static readonly TimeSpan HighTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(2);

    /// <summary>Connects a fresh bus for one test.</summary>
    protected abstract Task<IMessageBus> CreateBusAsync();

    [SkippableFact]
    public async Task Hub_DestinationStopsAnswering_CircuitOpensRefusesAb08FastThenClosesWhenItIsBack()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);
        var before = await sut.Hub.FindPositionAsync(Dbs, Currency.SGD);
        await sut.StopAdapterAsync(ThPromptPay);

        // HIGH payments to the silent destination time out at the hub until the breaker has seen enough (two).
        var timedOut = 0;
        while (!sut.Hub.Destinations.IsOffline(ThPromptPay))
        {
            Assert.True(timedOut < 4, $"the circuit did not open after {timedOut} timeouts");
            var outcome = await sut.SendAsync(SgFast, SgdToThb(20_000 + timedOut, Priority.HIGH));
            Assert.True(outcome.Stage == OutcomeStage.Rejected, $"{outcome.Stage} {outcome.Reason} {outcome.Detail}");
            Assert.Contains(outcome.Reason, new[] { StatusReasonCode.AB05, StatusReasonCode.AB06 });
            timedOut++;
        }

        Assert.Equal(2, timedOut);

        // Open: refused before anything is reserved, without waiting for the deadline.
        var refused = await sut.SendAsync(SgFast, SgdToThb(30_000, Priority.HIGH));

        Assert.True(refused.Stage == OutcomeStage.Rejected, $"{refused.Stage} {refused.Reason} {refused.Detail}");
        Assert.Equal(StatusReasonCode.AB08, refused.Reason);
        Assert.True(refused.Elapsed < HighTimeout, $"AB08 took {refused.Elapsed.TotalMilliseconds} ms; the HIGH timeout is {HighTimeout.TotalMilliseconds} ms");
        Assert.Null(await sut.Hub.FindPaymentAsync(refused.Uetr));
        var during = await sut.Hub.FindPositionAsync(Dbs, Currency.SGD);
        Assert.Equal(before!.Value.ReservedMinor, during!.Value.ReservedMinor);
        Assert.Equal(before.Value.NetMinor, during.Value.NetMinor);

        // The destination comes back; once the break is over the next payment is the trial, and its answer closes the circuit.
        await sut.StartAdapterAsync(ThPromptPay);
        await WaitUntilAsync(() => !sut.Hub.Destinations.IsOffline(ThPromptPay), BreakDuration + TimeSpan.FromSeconds(2));
        // NORM, so the destination's sampled latency cannot turn the trial into another timeout under the short HIGH deadline.
        var accepted = await sut.SendAsync(SgFast, SgdToThb(40_000, Priority.NORM));

        Assert.True(accepted.Stage == OutcomeStage.Accepted, $"{accepted.Stage} {accepted.Reason} {accepted.Detail}");
        Assert.Equal(TransactionStatus.ACCC, accepted.Status);
        Assert.Equal(DeliveryCircuitState.Closed, sut.Hub.Destinations.GetCircuitState(ThPromptPay));
    }

    [SkippableFact]
    public async Task Lookup_DestinationDirectoryGone_Ab08AndOpensTheCircuitForPaymentsToo()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);
        await sut.StopAdapterAsync(ThPromptPay);

        // The hub still knows TH-PROMPTPAY's proxies, but nothing answers on its directory subject: the relay retries
        // "no responders", then answers AB08; two such lookups open the circuit.
        for (var i = 0; i < 2; i++)
        {
            var outcome = await sut.SendAsync(SgFast, SgdToThb(10_000, Priority.NORM, OutboundCreditor.ByProxy("MBNO", "+66-812345678")));
            Assert.True(outcome.Reason == StatusReasonCode.AB08, $"{outcome.Stage} {outcome.Reason} {outcome.Detail}");
            Assert.Contains("did not answer", outcome.Detail, StringComparison.Ordinal);
        }

        Assert.True(sut.Hub.Destinations.IsOffline(ThPromptPay));
        var lookup = await sut.SendAsync(SgFast, SgdToThb(10_000, Priority.NORM, OutboundCreditor.ByProxy("MBNO", "+66-812345678")));
        Assert.Equal(StatusReasonCode.AB08, lookup.Reason);
        Assert.Contains("offline", lookup.Detail, StringComparison.Ordinal);
        var payment = await sut.SendAsync(SgFast, SgdToThb(10_000, Priority.NORM));
        Assert.Equal(OutcomeStage.Rejected, payment.Stage);
        Assert.Equal(StatusReasonCode.AB08, payment.Reason);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < limit, $"the condition did not hold within {limit.TotalSeconds} s");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }
    }

    private static Task<SwitchRuntime> StartAsync(IMessageBus bus)
    {
        var options = new SwitchRuntimeOptions { Adapter = new AdapterServiceOptions { FinalAnswerWait = TimeSpan.FromSeconds(20) } };
        options.Hub.PublishEvents = false;
        options.Hub.Engine = options.Hub.Engine with { HighPriorityTimeout = HighTimeout };
        options.Hub.Resilience.BreakerMinimumThroughput = 2;
        options.Hub.Resilience.BreakerBreakDuration = BreakDuration;
        options.Hub.Resilience.BreakerSamplingDuration = TimeSpan.FromSeconds(30);
        var profiles = TestProfiles.ReliableAndQuick();
        return SwitchRuntime.StartAsync(bus, profiles, TimeProvider.System, NullLoggerFactory.Instance, options);
    }
}

/// <summary>The circuit-breaker scenarios against a real nats-server.</summary>
public sealed class NatsCircuitBreakerScenarios(NatsServerFixture fixture) : CircuitBreakerScenarios, IClassFixture<NatsServerFixture>
{
    /// <inheritdoc/>
    protected override async Task<IMessageBus> CreateBusAsync()
    {
        fixture.RequireServer();
        return await fixture.CreateBusAsync();
    }
}

/// <summary>The circuit-breaker scenarios on the in-process bus.</summary>
public sealed class InProcessCircuitBreakerScenarios : CircuitBreakerScenarios
{
    /// <inheritdoc/>
    protected override Task<IMessageBus> CreateBusAsync() => Task.FromResult<IMessageBus>(new InProcessBus());
}
