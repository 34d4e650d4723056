using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PaymentSwitch.Hub;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Hub;

namespace PaymentSwitch.Services.Tests;

/// <summary>The hub's circuit breaker per destination IPS, on a fake clock.</summary>
public sealed class DestinationHealthTests
{
    private static readonly IpsId ThPromptPay = new("TH-PROMPTPAY");
    private static readonly IpsId SgFast = new("SG-FAST");
    private static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void IsOffline_NoOutcomeYet_False()
    {
        var sut = Create();

        Assert.False(sut.IsOffline(ThPromptPay));
        Assert.Equal(DeliveryCircuitState.Closed, sut.GetCircuitState(ThPromptPay));
    }

    [Fact]
    public async Task RecordFailureAsync_MinimumThroughputOfFailuresWithinWindow_OpensAndIsOffline()
    {
        var sut = Create(minimumThroughput: 3);

        await sut.RecordFailureAsync(ThPromptPay);
        _time.Advance(TimeSpan.FromSeconds(1));
        await sut.RecordFailureAsync(ThPromptPay);
        Assert.False(sut.IsOffline(ThPromptPay));
        _time.Advance(TimeSpan.FromSeconds(1));
        await sut.RecordFailureAsync(ThPromptPay);

        Assert.True(sut.IsOffline(ThPromptPay));
        Assert.Equal(DeliveryCircuitState.Open, sut.GetCircuitState(ThPromptPay));
        Assert.False(sut.IsOffline(SgFast));
    }

    [Fact]
    public async Task RecordFailureAsync_FailuresSpreadBeyondSamplingWindow_StaysClosed()
    {
        var sut = Create(minimumThroughput: 2);

        await sut.RecordFailureAsync(ThPromptPay);
        _time.Advance(SamplingDuration + TimeSpan.FromSeconds(1));
        await sut.RecordFailureAsync(ThPromptPay);

        Assert.False(sut.IsOffline(ThPromptPay));
        Assert.Equal(DeliveryCircuitState.Closed, sut.GetCircuitState(ThPromptPay));
    }

    [Fact]
    public async Task RecordFailureAsync_RatioBelowThreshold_StaysClosed()
    {
        var sut = Create(minimumThroughput: 4, failureRatio: 0.5m);

        await sut.RecordSuccessAsync(ThPromptPay);
        await sut.RecordSuccessAsync(ThPromptPay);
        await sut.RecordSuccessAsync(ThPromptPay);
        await sut.RecordFailureAsync(ThPromptPay);

        Assert.False(sut.IsOffline(ThPromptPay));
    }

    [Fact]
    public async Task RecordSuccessAsync_OnlySuccesses_NeverOpens()
    {
        var sut = Create(minimumThroughput: 2);

        for (var i = 0; i < 1_000; i++)
        {
            Assert.True(await sut.RecordSuccessAsync(ThPromptPay));
            _time.Advance(TimeSpan.FromMilliseconds(250));
            Assert.False(sut.IsOffline(ThPromptPay));
        }

        Assert.Equal(DeliveryCircuitState.Closed, sut.GetCircuitState(ThPromptPay));
    }

    [Fact]
    public async Task IsOffline_BreakDurationPassed_FalseSoTheNextPaymentIsTheTrial()
    {
        var sut = await OpenedAsync();

        _time.Advance(BreakDuration - TimeSpan.FromMilliseconds(1));
        Assert.True(sut.IsOffline(ThPromptPay));
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(sut.IsOffline(ThPromptPay));
        Assert.Equal(DeliveryCircuitState.HalfOpen, sut.GetCircuitState(ThPromptPay));
    }

    [Fact]
    public async Task RecordSuccessAsync_HalfOpen_Closes()
    {
        var sut = await OpenedAsync();
        _time.Advance(BreakDuration);

        var counted = await sut.RecordSuccessAsync(ThPromptPay);

        Assert.True(counted);
        Assert.False(sut.IsOffline(ThPromptPay));
        Assert.Equal(DeliveryCircuitState.Closed, sut.GetCircuitState(ThPromptPay));
    }

    [Fact]
    public async Task RecordFailureAsync_HalfOpen_OpensAgainForAnotherBreak()
    {
        var sut = await OpenedAsync();
        _time.Advance(BreakDuration);

        await sut.RecordFailureAsync(ThPromptPay);

        Assert.True(sut.IsOffline(ThPromptPay));
        _time.Advance(BreakDuration);
        Assert.False(sut.IsOffline(ThPromptPay));
    }

    [Fact]
    public async Task RecordAsync_WhileOpen_NotCountedAndStaysOpen()
    {
        var sut = await OpenedAsync();

        var success = await sut.RecordSuccessAsync(ThPromptPay);
        var failure = await sut.RecordFailureAsync(ThPromptPay);

        Assert.False(success);
        Assert.False(failure);
        Assert.True(sut.IsOffline(ThPromptPay));
    }

    [Fact]
    public async Task RecordFailureAsync_OneDestinationFails_OthersUnaffected()
    {
        var sut = Create(minimumThroughput: 2);
        await sut.RecordSuccessAsync(SgFast);

        await sut.RecordFailureAsync(ThPromptPay);
        await sut.RecordFailureAsync(ThPromptPay);

        Assert.True(sut.IsOffline(ThPromptPay));
        Assert.False(sut.IsOffline(SgFast));
    }

    [Theory]
    [InlineData("0", 10, 30_000, 5_000)]
    [InlineData("1.5", 10, 30_000, 5_000)]
    [InlineData("0.5", 1, 30_000, 5_000)]
    [InlineData("0.5", 10, 100, 5_000)]
    [InlineData("0.5", 10, 30_000, 100)]
    public void Constructor_OptionOutOfRange_Throws(string ratio, int minimumThroughput, int samplingMs, int breakMs)
    {
        var options = new HubResilienceOptions
        {
            BreakerFailureRatio = decimal.Parse(ratio, System.Globalization.CultureInfo.InvariantCulture),
            BreakerMinimumThroughput = minimumThroughput,
            BreakerSamplingDuration = TimeSpan.FromMilliseconds(samplingMs),
            BreakerBreakDuration = TimeSpan.FromMilliseconds(breakMs),
        };

        var error = Assert.Throws<ArgumentException>(() => new DestinationHealth(options, _time, NullLogger.Instance));

        Assert.Contains(nameof(HubResilienceOptions), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidPublishRetrySettings_Throws()
    {
        var options = new HubResilienceOptions { Publish = new MessagingResilienceOptions { RetryAttempts = -1 } };

        var error = Assert.Throws<ArgumentException>(() => new DestinationHealth(options, _time, NullLogger.Instance));

        Assert.Contains(nameof(MessagingResilienceOptions.RetryAttempts), error.Message, StringComparison.Ordinal);
    }

    private async Task<DestinationHealth> OpenedAsync()
    {
        var sut = Create(minimumThroughput: 2);
        await sut.RecordFailureAsync(ThPromptPay);
        await sut.RecordFailureAsync(ThPromptPay);
        Assert.True(sut.IsOffline(ThPromptPay));
        return sut;
    }

    private DestinationHealth Create(int minimumThroughput = 2, decimal failureRatio = 0.5m) => new(
        new HubResilienceOptions
        {
            BreakerFailureRatio = failureRatio,
            BreakerMinimumThroughput = minimumThroughput,
            BreakerSamplingDuration = SamplingDuration,
            BreakerBreakDuration = BreakDuration,
        },
        _time,
        NullLogger.Instance);
}
