using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
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
/// <remarks>
/// Every component runs on one <see cref="FakeTimeProvider"/> and the destinations answer without sampled latency,
/// so a deadline passes, a break ends and a retry's backoff elapses only when the test moves the clock: a loaded
/// machine makes the scenarios slower, never different. Timers that must not fire (the source's wait for a final
/// answer, its request timeouts) are far longer than the clock ever moves.
/// </remarks>
public abstract class CircuitBreakerScenarios
{
    // Whole seconds, like the clock's start: the acceptance date-time a pacs.008 carries has whole seconds, so a
    // deadline counted from it lies exactly HighTimeout ahead of the clock when the payment is sent.
    private static readonly TimeSpan HighTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan NeverWithinTheTest = TimeSpan.FromHours(1);

    // The relay's backoffs add up to well under a second; the source's lookup request waits a minute (its deadline),
    // so the clock never moves far enough for that to expire.
    private static readonly TimeSpan LookupAdvanceMax = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 1, 30, 0, TimeSpan.Zero));

    /// <summary>Connects a fresh bus for one test.</summary>
    protected abstract Task<IMessageBus> CreateBusAsync();

    [SkippableFact]
    public async Task Hub_DestinationStopsAnswering_CircuitOpensRefusesAb08FastThenClosesWhenItIsBack()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);
        var before = await sut.Hub.FindPositionAsync(Dbs, Currency.SGD);
        await sut.StopAdapterAsync(ThPromptPay);

        // HIGH payments to the silent destination time out at the hub until the breaker has seen enough (two). Each
        // is sent, seen reserved at the hub (its THB leg, from whichever FX provider quoted; the deadline is armed in
        // the same decision), and then the clock passes its deadline.
        var timedOut = 0;
        while (!sut.Hub.Destinations.IsOffline(ThPromptPay))
        {
            Assert.True(timedOut < 4, $"the circuit did not open after {timedOut} timeouts");
            var reservedBefore = await ReservedThbAsync(sut);
            var sending = sut.SendAsync(SgFast, SgdToThb(20_000 + timedOut, Priority.HIGH));
            await Eventually.WaitUntilAsync(
                async () => await ReservedThbAsync(sut) > reservedBefore,
                "the HIGH payment reserved at the hub",
                () => sending.IsCompletedSuccessfully ? $"the source already has its answer: {sending.Result}" : $"the source's send is {sending.Status}");
            _time.Advance(HighTimeout);
            var outcome = await Eventually.CompletesAsync(sending, "the timed-out payment's answer at the source");
            Assert.True(outcome.Stage == OutcomeStage.Rejected, $"{outcome.Stage} {outcome.Reason} {outcome.Detail}");
            Assert.Contains(outcome.Reason, new[] { StatusReasonCode.AB05, StatusReasonCode.AB06 });
            timedOut++;
        }

        Assert.Equal(2, timedOut);

        // Open: refused before anything is reserved, without waiting for any deadline: the clock has not moved.
        var refused = await sut.SendAsync(SgFast, SgdToThb(30_000, Priority.HIGH));

        Assert.True(refused.Stage == OutcomeStage.Rejected, $"{refused.Stage} {refused.Reason} {refused.Detail}");
        Assert.Equal(StatusReasonCode.AB08, refused.Reason);
        Assert.Equal(TimeSpan.Zero, refused.Elapsed);
        Assert.Null(await sut.Hub.FindPaymentAsync(refused.Uetr));
        var during = await sut.Hub.FindPositionAsync(Dbs, Currency.SGD);
        Assert.Equal(before!.Value.ReservedMinor, during!.Value.ReservedMinor);
        Assert.Equal(before.Value.NetMinor, during.Value.NetMinor);

        // The destination comes back; it stays refused until the break is over, then the next payment is the trial,
        // and its answer closes the circuit.
        await sut.StartAdapterAsync(ThPromptPay);
        _time.Advance(BreakDuration - TimeSpan.FromMilliseconds(1));
        Assert.True(sut.Hub.Destinations.IsOffline(ThPromptPay));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(sut.Hub.Destinations.IsOffline(ThPromptPay));
        var accepted = await sut.SendAsync(SgFast, SgdToThb(40_000, Priority.HIGH));

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
        // "no responders" after its backoffs (moved past in 10 ms steps), then answers AB08; two such lookups open
        // the circuit.
        for (var i = 0; i < 2; i++)
        {
            var sending = sut.SendAsync(SgFast, SgdToThb(10_000, Priority.NORM, OutboundCreditor.ByProxy("MBNO", "+66-812345678")));
            await Eventually.AdvanceUntilAsync(_time, () => sending.IsCompleted, TimeSpan.FromMilliseconds(10), LookupAdvanceMax, "the lookup's answer at the source");
            var outcome = await sending;
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

    private Task<SwitchRuntime> StartAsync(IMessageBus bus)
    {
        var options = new SwitchRuntimeOptions
        {
            Adapter = new AdapterServiceOptions
            {
                FinalAnswerWait = NeverWithinTheTest,
                RequestTimeout = TimeSpan.FromMinutes(1),
                Requests = new MessagingResilienceOptions { AttemptTimeout = NeverWithinTheTest },
            },
        };
        options.Hub.PublishEvents = false;
        options.Hub.Engine = options.Hub.Engine with { HighPriorityTimeout = HighTimeout };
        options.Hub.Resilience.BreakerMinimumThroughput = 2;
        options.Hub.Resilience.BreakerBreakDuration = BreakDuration;
        options.Hub.Resilience.BreakerSamplingDuration = TimeSpan.FromMinutes(30);
        return SwitchRuntime.StartAsync(bus, TestProfiles.ReliableAndInstant(), _time, NullLoggerFactory.Instance, options);
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
