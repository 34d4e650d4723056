using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Adapters.Workload;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Adapters;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Services.Tests;

/// <summary>
/// Every rejection path end to end: the workload generator builds payments each broken in one known way (unknown,
/// closed or blocked account, name mismatch, over the cap, unregistered proxy, insufficient funds), and each must end
/// where it should (source bank, hub, destination) with exactly its ISO 20022 reason code, over a real nats-server
/// and the in-process bus. Behaviour profiles are made reliable so no random rejection blurs the check.
/// </summary>
public abstract class RejectionScenarios
{

    protected abstract Task<IMessageBus> CreateBusAsync();

    [SkippableFact]
    public async Task SendAsync_EachDeliberateFlaw_EndsAtItsStageWithItsReasonCode()
    {
        // Every flaw is answered by a rule, never by a timeout: on a clock that never moves and with destinations that
        // answer at once, no deadline can pass however slowly a loaded machine carries the 60 payments.
        await using var bus = await CreateBusAsync();
        var options = new SwitchRuntimeOptions();
        options.Hub.PublishEvents = false;
        var profiles = TestProfiles.ReliableAndInstant();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 1, 30, 0, TimeSpan.Zero));
        await using var sut = await SwitchRuntime.StartAsync(bus, profiles, time, NullLoggerFactory.Instance, options);
        var workload = new WorkloadGenerator(profiles, new WorkloadOptions { Count = 60, FlawedShareBps = 10_000 }).Generate(seed: 11);

        var outcomes = await Eventually.CompletesAsync(Task.WhenAll(workload.Select(item => sut.SendAsync(item.SourceIps, item.Instruction))), "the 60 payments' outcomes");

        var flaws = new HashSet<PaymentFlaw>();
        foreach (var (item, outcome) in workload.Zip(outcomes))
        {
            var expected = item.Expected;
            var expectedStage = expected.Stage switch
            {
                ExpectedStage.Accepted => OutcomeStage.Accepted,
                ExpectedStage.Source => OutcomeStage.Source,
                _ => OutcomeStage.Rejected,
            };
            var because = $"{item.SourceIps}->{item.Instruction.DestinationIps} {expected.Flaw}: got {outcome.Stage} {outcome.Reason} {outcome.Detail}";

            // A proxy or cap problem may be caught at quote or lookup time (the source adapter refuses) or on submit at the
            // hub: either way the reason code is the one the flaw calls for.
            if (expected.Flaw is PaymentFlaw.OverCap or PaymentFlaw.UnknownProxy)
            {
                Assert.True(outcome.Stage is OutcomeStage.Source or OutcomeStage.Rejected, because);
            }
            else
            {
                Assert.True(outcome.Stage == expectedStage, because);
            }

            Assert.True(outcome.Reason == expected.Reason, because);
            flaws.Add(expected.Flaw);
        }

        // The seed gives every kind of flaw at least once, so no path went untested.
        Assert.Superset(
            new HashSet<PaymentFlaw>
            {
                PaymentFlaw.UnknownAccount, PaymentFlaw.ClosedAccount, PaymentFlaw.BlockedAccount, PaymentFlaw.NameMismatch,
                PaymentFlaw.OverCap, PaymentFlaw.UnknownProxy, PaymentFlaw.InsufficientFunds,
            },
            flaws);
    }
}

public sealed class NatsRejectionScenarios(NatsServerFixture fixture) : RejectionScenarios, IClassFixture<NatsServerFixture>
{
    protected override async Task<IMessageBus> CreateBusAsync()
    {
        fixture.RequireServer();
        return await fixture.CreateBusAsync();
    }
}

public sealed class InProcessRejectionScenarios : RejectionScenarios
{
    protected override Task<IMessageBus> CreateBusAsync() => Task.FromResult<IMessageBus>(new InProcessBus());
}
