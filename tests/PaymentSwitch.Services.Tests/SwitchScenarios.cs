using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Adapters;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Adapters.Workload;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Adapters;
using PaymentSwitch.Services.Protocol;
using PaymentSwitch.TestKit;
using static PaymentSwitch.Services.Tests.TestPayments;

namespace PaymentSwitch.Services.Tests;

/// <summary>
/// End-to-end payments through the hub and the adapters over a bus. Every scenario runs twice: against a real
/// nats-server (started by <see cref="NatsServerFixture"/> on a free loopback port) and on the in-process bus, which
/// must behave the same.
/// </summary>
/// <remarks>
/// Every component runs on one <see cref="FakeTimeProvider"/> and the destinations answer without sampled latency: a
/// deadline or a wait for an answer passes only when a scenario moves the clock, so a loaded machine makes the
/// scenarios slower, never different.
/// </remarks>
public abstract class SwitchScenarios
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 1, 30, 0, TimeSpan.Zero));

    /// <summary>Connects a fresh bus for one test.</summary>
    protected abstract Task<IMessageBus> CreateBusAsync();

    [SkippableFact]
    public async Task SendAsync_SgdToThbByMobileProxy_AcceptedWithExactFxAmounts()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);
        var before = Balance(sut, ThPromptPay, BangkokBank, "1234567890");

        var outcome = await sut.SendAsync(SgFast, SgdToThb(100_000, OutboundCreditor.ByProxy("MBNO", "+66-812345678")));

        Assert.True(outcome.Stage == OutcomeStage.Accepted, $"{outcome.Stage} {outcome.Reason} {outcome.Detail}");
        Assert.Equal(TransactionStatus.ACCC, outcome.Status);
        var quote = Assert.IsType<QuoteDto>(outcome.Quote);
        Assert.Equal(new AmountDto("SGD", 100_000), quote.SourceAmount);
        // The quote's rounding rule (docs/fx-quotes.md): half to even of the source amount times the rate, in THB minor units.
        var expected = decimal.Round(1_000.00m * quote.Rate, 2, MidpointRounding.ToEven);
        Assert.Equal((long)(expected * 100), quote.DestinationAmount.Minor);
        // The creditor receives exactly what the quote said, less the destination PSP's fee.
        Assert.Equal(before + quote.CreditorAmount.Minor, Balance(sut, ThPromptPay, BangkokBank, "1234567890"));
        var record = await sut.Hub.FindPaymentAsync(outcome.Uetr);
        Assert.Equal(TransactionStatus.ACCC, record!.Value.LastStatus);
        Assert.Equal(quote.DestinationAmount.Minor, record.Value.Facts.SettlementAmount.AmountMinor);
    }

    [SkippableFact]
    public async Task SendAsync_UnknownCreditorAccount_RejectedAc01ByDestination()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);

        var outcome = await sut.SendAsync(SgFast, SgdToThb(5_000, OutboundCreditor.ByAccount(BangkokBank, "9999999999")));

        Assert.Equal(OutcomeStage.Rejected, outcome.Stage);
        Assert.Equal(StatusReasonCode.AC01, outcome.Reason);
    }

    [SkippableFact]
    public async Task SendAsync_AboveSourceCap_RejectedAm02WithoutReservation()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);
        var position = await sut.Hub.FindPositionAsync(Dbs, Currency.SGD);

        // FAST's cap is SGD 200,000 per transaction.
        var outcome = await sut.SendAsync(SgFast, SgdToThb(20_000_001, OutboundCreditor.ByAccount(BangkokBank, "1234567890")));

        Assert.NotEqual(OutcomeStage.Accepted, outcome.Stage);
        Assert.Equal(StatusReasonCode.AM02, outcome.Reason);
        Assert.Equal(position, await sut.Hub.FindPositionAsync(Dbs, Currency.SGD));
    }

    [SkippableFact]
    public async Task Hub_GarbageOnInboundSubject_ErrorReplyAndKeepsServing()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);

        var reply = await bus.RequestAsync(ProtocolSubjects.HubInbound(SgFast), "not a payment"u8.ToArray(), null, Eventually.Patience);

        Assert.True(reply.Headers!.TryGet(HeaderNames.Reason, out var reason));
        Assert.Equal("FF01", reason);
        Assert.True(reply.Headers.TryGet(HeaderNames.Error, out var error));
        Assert.Contains("payload", error, StringComparison.Ordinal);
        var outcome = await sut.SendAsync(SgFast, SgdToThb(10_000, OutboundCreditor.ByAccount(BangkokBank, "1234567890")));
        Assert.True(outcome.Stage == OutcomeStage.Accepted, $"{outcome.Stage} {outcome.Reason} {outcome.Detail}");
    }

    [SkippableFact]
    public async Task Hub_QuoteRequestPastItsDeadline_IsDroppedUnansweredAndTheNextIsAnswered()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);
        var body = JsonWire.Serialize(new QuoteRequestDto(SgFast.Value, ThPromptPay.Value, Dbs.Value, new AmountDto("SGD", 10_000), "source"));
        var late = new MessageHeaders();
        RequestDeadline.Stamp(late, _time.GetUtcNow().AddSeconds(-1));
        var current = new MessageHeaders();
        RequestDeadline.Stamp(current, _time.GetUtcNow().AddSeconds(30));

        // A dropped request is never answered, so its requester always times out; a hub that wrongly answered it would
        // answer well inside the 800 ms (a slow machine can only hide that, never fail a correct hub).
        await Assert.ThrowsAsync<BusTimeoutException>(async () => await bus.RequestAsync(ProtocolSubjects.Quotes, body, late, TimeSpan.FromMilliseconds(800)));
        var answer = await bus.RequestAsync(ProtocolSubjects.Quotes, body, current, Eventually.Patience);

        Assert.True(JsonWire.TryDeserialize<QuoteResponseDto>(answer.Payload, out var quotes, out _));
        Assert.NotEmpty(quotes!.Quotes);
    }

    [SkippableFact]
    public async Task SendAsync_QuoteAndLookupRequests_CarryTheirSendersDeadline()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);
        var deadlines = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset>();
        ValueTask Tap(BusMessage message, CancellationToken token)
        {
            if (RequestDeadline.TryRead(message.Headers, out var deadline))
            {
                deadlines[message.Subject] = deadline;
            }

            return ValueTask.CompletedTask;
        }

        await using var quotes = await bus.SubscribeAsync(ProtocolSubjects.Quotes, null, Tap);
        await using var lookups = await bus.SubscribeAsync(ProtocolSubjects.ProxyLookup, null, Tap);
        await using var relayed = await bus.SubscribeAsync(ProtocolSubjects.IpsLookup(ThPromptPay), null, Tap);
        await bus.FlushAsync();

        var outcome = await sut.SendAsync(SgFast, SgdToThb(12_345, OutboundCreditor.ByProxy("MBNO", "+66-812345678")));

        // The taps see their copies on their own subscriptions, which may run after the payment has its answer.
        Assert.Equal(OutcomeStage.Accepted, outcome.Stage);
        await Eventually.WaitUntilAsync(() => deadlines.Count == 3, "the quote, the lookup and its relay tapped", () => string.Join(", ", deadlines.Keys));
        // The clock has not moved: each deadline is exactly one request timeout from now.
        var timeout = new AdapterServiceOptions().RequestTimeout;
        Assert.Equal(_time.GetUtcNow() + timeout, deadlines[ProtocolSubjects.Quotes]);
        Assert.Equal(_time.GetUtcNow() + timeout, deadlines[ProtocolSubjects.ProxyLookup]);
        // The hub relays the lookup with the earlier of the adapter's deadline and its own relay timeout.
        Assert.True(deadlines[ProtocolSubjects.IpsLookup(ThPromptPay)] <= deadlines[ProtocolSubjects.ProxyLookup]);
    }

    [SkippableFact]
    public async Task SendAsync_AdapterAtItsInFlightLimit_RefusesTheNextAtOnceNarrAndAdmitsAgainAfterAnAnswer()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus, options =>
        {
            options.Adapter.MaxInFlight = 1;
            options.Adapter.FinalAnswerWait = TimeSpan.FromSeconds(2);
        });
        var source = sut.Adapters[SgFast];
        await sut.StopAdapterAsync(ThPromptPay);

        // A NORM payment to a stopped destination waits for its final answer: it holds the only slot.
        var reservedBefore = await ReservedThbAsync(sut);
        var first = sut.SendAsync(SgFast, SgdToThb(10_000, OutboundCreditor.ByAccount(BangkokBank, "1234567890")));
        await Eventually.WaitUntilAsync(async () => await ReservedThbAsync(sut) > reservedBefore, "the first payment forwarded by the hub");
        Assert.Equal(1, source.InFlight);

        var refused = await sut.SendAsync(SgFast, SgdToThb(20_000, OutboundCreditor.ByAccount(BangkokBank, "1234567890")));

        Assert.Equal(OutcomeStage.Source, refused.Stage);
        Assert.Equal(StatusReasonCode.NARR, refused.Reason);
        Assert.Contains("adapter", refused.Detail, StringComparison.Ordinal);
        Assert.Contains("in flight", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(default, refused.Uetr);

        // Past the source's wait for a final answer (nothing else runs on the clock now: a NORM payment has no hub
        // deadline), the first gives up and frees the slot.
        await Eventually.AdvanceUntilAsync(_time, () => first.IsCompleted, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), "the first payment's wait for an answer");
        Assert.Equal(OutcomeStage.NoAnswer, (await first).Stage);
        Assert.Equal(0, source.InFlight);

        // The slot is free again: with the destination back, the next payment goes through.
        await sut.StartAdapterAsync(ThPromptPay);
        var admitted = await sut.SendAsync(SgFast, SgdToThb(30_000, OutboundCreditor.ByAccount(BangkokBank, "1234567890")));
        Assert.Equal(OutcomeStage.Accepted, admitted.Stage);
    }

    [SkippableFact]
    public async Task Hub_SamePacs008SentTwice_SettlesOnce()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);
        var captured = new TaskCompletionSource<BusMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var tap = await bus.SubscribeAsync(ProtocolSubjects.HubInbound(SgFast), null, (m, _) =>
        {
            if (m.Headers?.TryGet(HeaderNames.MessageType, out var type) == true && type.StartsWith("pacs.008", StringComparison.Ordinal))
            {
                captured.TrySetResult(new BusMessage(m.Subject, null, m.Headers.Clone(), m.Payload.ToArray()));
            }

            return ValueTask.CompletedTask;
        });
        await bus.FlushAsync();
        var outcome = await sut.SendAsync(SgFast, SgdToThb(25_000, OutboundCreditor.ByAccount(BangkokBank, "1234567890")));
        Assert.True(outcome.Stage == OutcomeStage.Accepted, $"{outcome.Stage} {outcome.Reason} {outcome.Detail}");
        var credited = Balance(sut, ThPromptPay, BangkokBank, "1234567890");
        var position = await sut.Hub.FindPositionAsync(Dbs, Currency.SGD);

        var resend = await Eventually.CompletesAsync(captured.Task, "the pacs.008 tapped");
        var answer = await bus.RequestAsync(ProtocolSubjects.HubInbound(SgFast), resend.Payload, resend.Headers, Eventually.Patience);

        Assert.False(answer.Headers?.Contains(HeaderNames.Error) ?? false);
        await bus.FlushAsync();
        Assert.Equal(position, await sut.Hub.FindPositionAsync(Dbs, Currency.SGD));
        Assert.Equal(credited, Balance(sut, ThPromptPay, BangkokBank, "1234567890"));
        // The destination PSP was credited in the cycle exactly once: the settlement amount of one payment.
        var report = await sut.Hub.CloseCycleAsync();
        Assert.Equal(outcome.Quote!.DestinationAmount.Minor, report.NetOf(BangkokBank, Currency.THB));
    }

    [SkippableFact]
    public async Task Hub_StoppedDestinationAdapter_HighPriorityTimesOutAndReleasesReservation()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus, options => options.Hub.Engine = options.Hub.Engine with { HighPriorityTimeout = TimeSpan.FromSeconds(1) });
        var position = await sut.Hub.FindPositionAsync(Dbs, Currency.SGD);
        var reservedBefore = await ReservedThbAsync(sut);
        await sut.StopAdapterAsync(ThPromptPay);

        // The deadline counts from the pacs.008's acceptance date-time, in whole seconds like the clock: once the hub
        // holds the payment, one second on the clock passes it.
        var sending = sut.SendAsync(SgFast, SgdToThb(30_000, OutboundCreditor.ByAccount(BangkokBank, "1234567890"), Priority.HIGH));
        await Eventually.WaitUntilAsync(async () => await ReservedThbAsync(sut) > reservedBefore, "the HIGH payment reserved at the hub");
        _time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await Eventually.CompletesAsync(sending, "the timed-out payment's answer at the source");

        Assert.Equal(OutcomeStage.Rejected, outcome.Stage);
        Assert.Contains(outcome.Reason, new[] { StatusReasonCode.AB05, StatusReasonCode.AB06 });
        var after = await sut.Hub.FindPositionAsync(Dbs, Currency.SGD);
        Assert.Equal(position!.Value.ReservedMinor, after!.Value.ReservedMinor);
        Assert.Equal(position.Value.NetMinor, after.Value.NetMinor);
        Assert.Equal(reservedBefore, await ReservedThbAsync(sut));
    }

    [SkippableFact]
    public async Task CloseCycle_AfterMixedBatch_NetsSumToZeroPerCurrency()
    {
        await using var bus = await CreateBusAsync();
        await using var sut = await StartAsync(bus);
        var workload = new WorkloadGenerator(sut.Profiles, new WorkloadOptions { Count = 40 }).Generate(seed: 7);

        var outcomes = await Eventually.CompletesAsync(Task.WhenAll(workload.Select(item => sut.SendAsync(item.SourceIps, item.Instruction))), "the 40 payments' outcomes");
        var report = await sut.Hub.CloseCycleAsync();

        Assert.Contains(outcomes, o => o.Stage == OutcomeStage.Accepted);
        var unanswered = workload.Zip(outcomes).Where(static p => p.Second.Stage == OutcomeStage.NoAnswer).Select(static p => $"{p.First.SourceIps}->{p.First.Instruction.DestinationIps} {p.First.Instruction.Priority} {p.First.Expected} {p.Second.Uetr}");
        Assert.True(!unanswered.Any(), string.Join("; ", unanswered));
        Assert.NotEmpty(report.Currencies);
        foreach (var currency in report.Currencies)
        {
            Assert.Equal(0, currency.Nets.Sum(static n => n.NetMinor));
        }
    }

    private static long Balance(SwitchRuntime runtime, IpsId ips, Bic bank, string account) =>
        runtime.Adapters[ips].Switch.TryGetAccount(bank, account, out var balance) ? balance.BalanceMinor : throw new InvalidOperationException("no such account");

    private Task<SwitchRuntime> StartAsync(IMessageBus bus, Action<SwitchRuntimeOptions>? configure = null)
    {
        var options = new SwitchRuntimeOptions { Adapter = new AdapterServiceOptions { FinalAnswerWait = TimeSpan.FromSeconds(20) } };
        options.Hub.PublishEvents = false;
        configure?.Invoke(options);
        return SwitchRuntime.StartAsync(bus, TestProfiles.ReliableAndInstant(), _time, NullLoggerFactory.Instance, options);
    }
}

/// <summary>The scenarios against a real nats-server.</summary>
public sealed class NatsSwitchScenarios(NatsServerFixture fixture) : SwitchScenarios, IClassFixture<NatsServerFixture>
{
    /// <inheritdoc/>
    protected override async Task<IMessageBus> CreateBusAsync()
    {
        fixture.RequireServer();
        return await fixture.CreateBusAsync();
    }
}

/// <summary>The scenarios on the in-process bus.</summary>
public sealed class InProcessSwitchScenarios : SwitchScenarios
{
    /// <inheritdoc/>
    protected override Task<IMessageBus> CreateBusAsync() => Task.FromResult<IMessageBus>(new InProcessBus());
}
