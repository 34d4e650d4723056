using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PaymentSwitch.Messaging.Tests;

public sealed class DeliveryPipelinesTests
{
    private const string PromptPay = "TH-PROMPTPAY";
    private const string DuitNow = "MY-DUITNOW";

    // Where the clock must stop at a phase, it moves 10 ms at a time: a tenth of the first retry delay (100 ms), and
    // far below the attempt and request timeouts (1 s and more) that must not fire by accident.
    private static readonly TimeSpan FineStep = TimeSpan.FromMilliseconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 1, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task ExecuteAsync_NoRespondersOnceThenSuccess_RetriesAfterBackoffAndDelivers()
    {
        var sut = new DeliveryPipelines(Options(retryAttempts: 3), _time);
        var calls = 0;

        var delivery = sut.ExecuteAsync(
            PromptPay,
            _ => Interlocked.Increment(ref calls) == 1 ? ValueTask.FromException(new NoRespondersException("ips.th.promptpay.in")) : ValueTask.CompletedTask,
            CancellationToken.None).AsTask();
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref calls) == 1, "the first attempt");

        // The retry waits on the fake clock: nothing happens until time moves. The pause only gives a retry on the
        // real clock (a bug) the chance to show; a slow machine can make this pass wrongly, never fail wrongly.
        await Task.Delay(200);
        Assert.False(delivery.IsCompleted);
        Assert.Equal(1, Volatile.Read(ref calls));

        // The backoff is 100 ms of fake time; half a second is ample and far below anything else that could fire.
        await Eventually.AdvanceUntilAsync(_time, () => Volatile.Read(ref calls) == 2, FineStep, TimeSpan.FromMilliseconds(500), "the retry after the backoff");
        var result = await Eventually.CompletesAsync(delivery, "the delivery after its retry");

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.True(result.IsDelivered);
        Assert.Null(result.Exception);
        Assert.Equal(2, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task ExecuteAsync_RequestBeforeAdapterSubscribes_RetriesNoRespondersUntilTheAdapterAnswers()
    {
        // The hub delivers to the PromptPay adapter, which is still starting: the first request finds no responder,
        // the retry after the backoff finds it.
        await using var bus = new InProcessBus(new InProcessBusOptions { TimeProvider = _time });
        var sut = new DeliveryPipelines(Options(retryAttempts: 3), _time);
        var attempts = 0;
        var delivery = sut.ExecuteAsync(
            PromptPay,
            bus,
            async (bus, token) =>
            {
                Interlocked.Increment(ref attempts);
                var reply = await bus.RequestAsync("ips.th-promptpay.pacs008", "pacs.008"u8.ToArray(), null, TimeSpan.FromSeconds(1), token);
                Assert.Equal("ACCC"u8.ToArray(), reply.Payload.ToArray());
            },
            CancellationToken.None).AsTask();
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref attempts) == 1, "the first attempt, before the adapter subscribes");

        await using var adapter = await bus.SubscribeAsync("ips.th-promptpay.pacs008", "adapters", (request, token) => bus.ReplyAsync(request, "ACCC"u8.ToArray(), null, token));

        // Advance only until the retry has started: the adapter answers on its own thread in real time, and the
        // clock must stay still meanwhile, or the second request's 1 s timeout would fire and cause a third attempt.
        // The bound of 500 ms is past the 100 ms backoff and keeps the whole advance below that 1 s.
        await Eventually.AdvanceUntilAsync(_time, () => Volatile.Read(ref attempts) == 2, FineStep, TimeSpan.FromMilliseconds(500), "the retry after the backoff");
        var result = await Eventually.CompletesAsync(delivery, "the delivery the adapter answers");

        Assert.Equal(DeliveryOutcome.Delivered, result.Outcome);
        Assert.Equal(2, Volatile.Read(ref attempts));
    }

    [Fact]
    public async Task ExecuteAsync_TransientFailureEveryTime_FailsAfterAllRetriesWithLastException()
    {
        var sut = new DeliveryPipelines(Options(retryAttempts: 2), _time);
        var calls = 0;

        // Backoffs of 100 and 200 ms: the delivery is over after 300 ms of fake time; no other timer is running.
        var result = await DriveAsync(
            sut.ExecuteAsync(PromptPay, _ => { Interlocked.Increment(ref calls); return ValueTask.FromException(new BusTimeoutException("s", TimeSpan.FromSeconds(1))); }, CancellationToken.None).AsTask(),
            step: TimeSpan.FromMilliseconds(50),
            maxAdvance: TimeSpan.FromSeconds(1));

        Assert.Equal(DeliveryOutcome.Failed, result.Outcome);
        Assert.IsType<BusTimeoutException>(result.Exception);
        Assert.Equal(3, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task ExecuteAsync_NonTransientException_FailsAtOnceWithoutRetry()
    {
        var sut = new DeliveryPipelines(Options(retryAttempts: 3), _time);
        var calls = 0;

        var result = await sut.ExecuteAsync(PromptPay, _ => { calls++; throw new FormatException("bad payload"); }, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Failed, result.Outcome);
        Assert.IsType<FormatException>(result.Exception);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task ExecuteAsync_AttemptHangs_TimesOutPerAttemptAndRetries()
    {
        var sut = new DeliveryPipelines(Options(retryAttempts: 1, attemptTimeout: TimeSpan.FromSeconds(2)), _time);
        var calls = 0;

        // Attempt timeouts at 2 s and, after the 100 ms backoff, at 4.1 s of fake time; no more attempts can follow.
        var result = await DriveAsync(
            sut.ExecuteAsync(PromptPay, async token => { Interlocked.Increment(ref calls); await Task.Delay(Timeout.InfiniteTimeSpan, token); }, CancellationToken.None).AsTask(),
            step: TimeSpan.FromMilliseconds(100),
            maxAdvance: TimeSpan.FromSeconds(10));

        Assert.Equal(DeliveryOutcome.Failed, result.Outcome);
        Assert.IsType<TimeoutRejectedException>(result.Exception);
        Assert.Equal(2, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task ExecuteAsync_RepeatedFailures_OpensCircuitAndFailsFastWithoutCallingAction()
    {
        var sut = new DeliveryPipelines(Options(retryAttempts: 0), _time);
        var calls = 0;
        ValueTask Failing(CancellationToken token)
        {
            calls++;
            return ValueTask.FromException(new NoRespondersException("ips.th.promptpay.in"));
        }

        // Minimum throughput 4 at ratio 0.5: four failed attempts open the circuit.
        for (var i = 0; i < 4; i++)
        {
            Assert.False(sut.IsOpen(PromptPay));
            Assert.Equal(DeliveryOutcome.Failed, (await sut.ExecuteAsync(PromptPay, Failing, CancellationToken.None)).Outcome);
        }

        var rejected = await sut.ExecuteAsync(PromptPay, Failing, CancellationToken.None);

        Assert.True(sut.IsOpen(PromptPay));
        Assert.Equal(DeliveryCircuitState.Open, sut.GetCircuitState(PromptPay));
        Assert.Equal(DeliveryOutcome.CircuitOpen, rejected.Outcome);
        Assert.IsAssignableFrom<BrokenCircuitException>(rejected.Exception);
        Assert.Equal(4, calls);
        Assert.False(sut.IsOpen(DuitNow));
        Assert.Equal(DeliveryOutcome.Delivered, (await sut.ExecuteAsync(DuitNow, static _ => ValueTask.CompletedTask, CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task ExecuteAsync_CircuitOpensDuringRetries_StopsRetryingWithCircuitOpen()
    {
        // The break and the sampling window are an hour here, far beyond the few seconds of fake time the retries
        // take, so however far the clock is driven the circuit cannot half-open (letting a fifth call through) and
        // the window cannot roll over (keeping the circuit closed).
        var sut = new DeliveryPipelines(Options(retryAttempts: 10, breakerWindows: TimeSpan.FromHours(1)), _time);
        var calls = 0;

        var result = await DriveAsync(
            sut.ExecuteAsync(PromptPay, _ => { Interlocked.Increment(ref calls); return ValueTask.FromException(new BusConnectionException("connection lost")); }, CancellationToken.None).AsTask(),
            step: TimeSpan.FromMilliseconds(100),
            maxAdvance: TimeSpan.FromMinutes(10));

        Assert.Equal(DeliveryOutcome.CircuitOpen, result.Outcome);
        Assert.Equal(4, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task IsOpen_AfterBreakDuration_ReturnsFalseAndTrialDeliveryClosesCircuit()
    {
        var sut = new DeliveryPipelines(Options(retryAttempts: 0), _time);
        for (var i = 0; i < 4; i++)
        {
            await sut.ExecuteAsync(PromptPay, static _ => ValueTask.FromException(new BusTimeoutException("s", TimeSpan.FromSeconds(1))), CancellationToken.None);
        }

        Assert.True(sut.IsOpen(PromptPay));
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(sut.IsOpen(PromptPay));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(sut.IsOpen(PromptPay));
        Assert.Equal(DeliveryCircuitState.HalfOpen, sut.GetCircuitState(PromptPay));
        var calls = 0;

        var trial = await sut.ExecuteAsync(PromptPay, _ => { calls++; return ValueTask.CompletedTask; }, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, trial.Outcome);
        Assert.Equal(1, calls);
        Assert.Equal(DeliveryCircuitState.Closed, sut.GetCircuitState(PromptPay));
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancels_ThrowsOperationCanceledInsteadOfReportingFailure()
    {
        var sut = new DeliveryPipelines(Options(retryAttempts: 3), _time);
        using var cancellation = new CancellationTokenSource();

        var delivery = sut.ExecuteAsync(PromptPay, async token => await Task.Delay(Timeout.InfiniteTimeSpan, token), cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Eventually.CompletesAsync(delivery, "the cancelled delivery"));
        Assert.False(sut.IsOpen(PromptPay));
    }

    [Fact]
    public void GetCircuitState_UnknownKey_IsClosed()
    {
        var sut = new DeliveryPipelines(new MessagingResilienceOptions(), _time);

        Assert.Equal(DeliveryCircuitState.Closed, sut.GetCircuitState("SG-FAST"));
        Assert.False(sut.IsOpen("SG-FAST"));
    }

    [Fact]
    public async Task ExecuteAsync_MoreKeysThanMaxKeys_ThrowsInvalidOperation()
    {
        var sut = new DeliveryPipelines(new MessagingResilienceOptions { MaxKeys = 2 }, _time);
        await sut.ExecuteAsync("A", static _ => ValueTask.CompletedTask, CancellationToken.None);
        await sut.ExecuteAsync("B", static _ => ValueTask.CompletedTask, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await sut.ExecuteAsync("C", static _ => ValueTask.CompletedTask, CancellationToken.None));
        Assert.True((await sut.ExecuteAsync("A", static _ => ValueTask.CompletedTask, CancellationToken.None)).IsDelivered);
    }

    public static TheoryData<Action<MessagingResilienceOptions>> InvalidOptions => new()
    {
        options => options.AttemptTimeout = TimeSpan.FromMilliseconds(1),
        options => options.RetryAttempts = -1,
        options => options.RetryBaseDelay = TimeSpan.FromSeconds(-1),
        options => options.BreakerFailureRatio = 0m,
        options => options.BreakerFailureRatio = 1.5m,
        options => options.BreakerMinimumThroughput = 1,
        options => options.BreakerSamplingDuration = TimeSpan.FromMilliseconds(100),
        options => options.BreakerBreakDuration = TimeSpan.FromMilliseconds(499),
        options => options.MaxKeys = 0,
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_InvalidOptions_ThrowsArgumentException(Action<MessagingResilienceOptions> breakIt)
    {
        var options = new MessagingResilienceOptions();
        breakIt(options);

        Assert.Throws<ArgumentException>(() => new DeliveryPipelines(options, _time));
    }

    /// <param name="retryAttempts">Retries after the first attempt.</param>
    /// <param name="attemptTimeout">The per-attempt timeout (default 2 s).</param>
    /// <param name="breakerWindows">The breaker's sampling window and break duration (default 30 s and 5 s).</param>
    private static MessagingResilienceOptions Options(int retryAttempts, TimeSpan? attemptTimeout = null, TimeSpan? breakerWindows = null) => new()
    {
        AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(2),
        RetryAttempts = retryAttempts,
        RetryBaseDelay = TimeSpan.FromMilliseconds(100),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
        UseJitter = false,
        BreakerFailureRatio = 0.5m,
        BreakerMinimumThroughput = 4,
        BreakerSamplingDuration = breakerWindows ?? TimeSpan.FromSeconds(30),
        BreakerBreakDuration = breakerWindows ?? TimeSpan.FromSeconds(5),
    };

    /// <summary>
    /// Moves the fake clock by <paramref name="step"/> at a time until the delivery completes, at most
    /// <paramref name="maxAdvance"/> in all (a bound below any timer that would change the outcome), then returns its result.
    /// </summary>
    private async Task<DeliveryResult> DriveAsync(Task<DeliveryResult> delivery, TimeSpan step, TimeSpan maxAdvance)
    {
        await Eventually.AdvanceUntilAsync(_time, () => delivery.IsCompleted, step, maxAdvance, "the delivery completes while the fake clock moves");
        return await delivery;
    }
}
