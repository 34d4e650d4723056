using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
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
using PaymentSwitch.Services.Hub;
using PaymentSwitch.Services.Protocol;
using PaymentSwitch.TestKit;
using static PaymentSwitch.Services.Tests.TestPayments;

namespace PaymentSwitch.Services.Tests;

/// <summary>
/// Retries at the messaging edge: an adapter that starts before the hub registers once the hub answers (on a real
/// nats-server and in process), and a hub publish that fails transiently is retried, or logged and dropped without
/// stopping the hub.
/// </summary>
public abstract class EdgeRetryScenarios
{
    private static readonly IpsId ThPromptPay = new("TH-PROMPTPAY");

    /// <summary>Connects a fresh bus for one test.</summary>
    protected abstract Task<IMessageBus> CreateBusAsync();

    [SkippableFact]
    public async Task AdapterStartAsync_HubStartsMomentsLater_RegistrationRetriedUntilTheHubAnswers()
    {
        // The adapter and the hub share a fake clock: the registration's backoff passes only when the test moves it, so
        // the first attempt is sure to find no hub, and the retry is sure to find it.
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 1, 30, 0, TimeSpan.Zero));
        await using var bus = new FlakyBus(await CreateBusAsync());
        var profiles = TestProfiles.ReliableAndInstant();
        var nationalSwitch = NationalSwitch.CreateAll(profiles, time, 1)[ThPromptPay];
        var options = new AdapterServiceOptions
        {
            RequestTimeout = TimeSpan.FromMinutes(1),
            Requests = new MessagingResilienceOptions
            {
                AttemptTimeout = TimeSpan.FromHours(1),
                RetryAttempts = 20,
                RetryBaseDelay = TimeSpan.FromMilliseconds(50),
                RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            },
        };
        await using var sut = new AdapterService(bus, nationalSwitch, time, options, NullLogger<AdapterService>.Instance);

        // Nothing answers on the registration subject yet: without the retry this fails at once with "no responders".
        var starting = sut.StartAsync();
        var registration = ProtocolSubjects.ProxyRegistration(ThPromptPay);
        await Eventually.WaitUntilAsync(() => bus.FailedRequests(registration) >= 1, "the first registration found no hub");
        var hubOptions = new HubServiceOptions { PublishEvents = false };
        await using var hub = new HubService(bus, TestProfiles.Topology, time, hubOptions, NullLogger<HubService>.Instance);
        await hub.StartAsync();

        // Completes only on the hub's ACK: a refused registration throws, and so does the last "no responders". The
        // clock moves in 10 ms steps, so the retry after the backoff (at most 200 ms) is the one that reaches the hub.
        await Eventually.AdvanceUntilAsync(time, () => starting.IsCompleted, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30), "the adapter's registration");
        await starting;
        Assert.True(bus.FailedRequests(registration) >= 1);
    }
}

/// <summary>The edge-retry scenarios against a real nats-server.</summary>
public sealed class NatsEdgeRetryScenarios(NatsServerFixture fixture) : EdgeRetryScenarios, IClassFixture<NatsServerFixture>
{
    /// <inheritdoc/>
    protected override async Task<IMessageBus> CreateBusAsync()
    {
        fixture.RequireServer();
        return await fixture.CreateBusAsync();
    }
}

/// <summary>The edge-retry scenarios on the in-process bus, plus those that need a bus that fails on purpose.</summary>
public sealed class InProcessEdgeRetryScenarios : EdgeRetryScenarios
{

    /// <inheritdoc/>
    protected override Task<IMessageBus> CreateBusAsync() => Task.FromResult<IMessageBus>(new InProcessBus());

    [Fact]
    public async Task Hub_ForwardPublishFailsTwice_RetriedAndPaymentAccepted()
    {
        await using var bus = new FlakyBus(new InProcessBus());
        await using var sut = await StartAsync(bus, NullLoggerFactory.Instance);
        bus.FailPublishes(ProtocolSubjects.IpsInbound(ThPromptPay), 2);

        var outcome = await sut.SendAsync(SgFast, SgdToThb(10_000, Priority.NORM));

        Assert.True(outcome.Stage == OutcomeStage.Accepted, $"{outcome.Stage} {outcome.Reason} {outcome.Detail}");
        Assert.Equal(2, bus.Failed);
    }

    [Fact]
    public async Task Hub_ForwardPublishKeepsFailing_LoggedNotThrownAndTheHubKeepsServing()
    {
        await using var bus = new FlakyBus(new InProcessBus());
        var logs = new CollectingLoggers();
        await using var sut = await StartAsync(bus, logs);
        // One forward's every attempt (1 + 2 retries) fails: the pacs.008 never reaches the destination.
        bus.FailPublishes(ProtocolSubjects.IpsInbound(ThPromptPay), 3);

        var lost = await sut.SendAsync(SgFast, SgdToThb(10_000, Priority.HIGH));
        var next = await sut.SendAsync(SgFast, SgdToThb(11_000, Priority.NORM));

        Assert.True(lost.Stage == OutcomeStage.Rejected && lost.Reason == StatusReasonCode.AB06, $"{lost.Stage} {lost.Reason} {lost.Detail}");
        Assert.True(next.Stage == OutcomeStage.Accepted, $"{next.Stage} {next.Reason} {next.Detail}");
        Assert.Contains(logs.Lines, static line => line.StartsWith("Error Publish on ps.v1.ips.TH-PROMPTPAY.in failed (Failed)", StringComparison.Ordinal));
    }

    private static Task<SwitchRuntime> StartAsync(IMessageBus bus, ILoggerFactory loggers)
    {
        // Real time: the hub's publish retries wait their (short) backoffs. The outcomes do not depend on how long
        // anything takes: the lost HIGH payment can only end by its deadline, and the source waits far longer than that.
        var options = new SwitchRuntimeOptions { Adapter = new AdapterServiceOptions { FinalAnswerWait = TimeSpan.FromMinutes(10) } };
        options.Hub.PublishEvents = false;
        options.Hub.Engine = options.Hub.Engine with { HighPriorityTimeout = TimeSpan.FromSeconds(1) };
        options.Hub.Resilience.Publish = new MessagingResilienceOptions { RetryAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(10), RetryMaxDelay = TimeSpan.FromMilliseconds(50) };
        var profiles = TestProfiles.ReliableAndQuick();
        return SwitchRuntime.StartAsync(bus, profiles, TimeProvider.System, loggers, options);
    }

    private sealed class CollectingLoggers : ILoggerFactory, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => this;

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Lines.Enqueue(logLevel + " " + formatter(state, exception));
            }
        }
    }
}

// A bus that fails the next N publishes on one subject with a transient connection failure, counts the requests
// that failed per subject, and passes everything else to the bus it wraps.
internal sealed class FlakyBus(IMessageBus inner) : IMessageBus
{
    private string? _subject;
    private int _remaining;
    private int _failed;
    private readonly ConcurrentDictionary<string, int> _failedRequests = new();

    public string Description => "flaky " + inner.Description;

    public int Failed => Volatile.Read(ref _failed);

    public void FailPublishes(string subject, int count)
    {
        _subject = subject;
        Volatile.Write(ref _remaining, count);
    }

    public ValueTask PublishAsync(string subject, ReadOnlyMemory<byte> payload, MessageHeaders? headers = null, string? replyTo = null, CancellationToken cancellationToken = default)
    {
        if (subject == _subject && Interlocked.Decrement(ref _remaining) >= 0)
        {
            Interlocked.Increment(ref _failed);
            return ValueTask.FromException(new BusConnectionException("injected: connection lost"));
        }

        return inner.PublishAsync(subject, payload, headers, replyTo, cancellationToken);
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(string subject, string? queueGroup, Func<BusMessage, CancellationToken, ValueTask> handler, CancellationToken cancellationToken = default) =>
        inner.SubscribeAsync(subject, queueGroup, handler, cancellationToken);

    public int FailedRequests(string subject) => _failedRequests.TryGetValue(subject, out var count) ? count : 0;

    public async ValueTask<BusMessage> RequestAsync(string subject, ReadOnlyMemory<byte> payload, MessageHeaders? headers, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.RequestAsync(subject, payload, headers, timeout, cancellationToken);
        }
        catch (Exception)
        {
            _failedRequests.AddOrUpdate(subject, 1, static (_, count) => count + 1);
            throw;
        }
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
