using System.ComponentModel.DataAnnotations;

namespace PaymentSwitch.Messaging;

/// <summary>
/// Settings of <see cref="DeliveryPipelines"/>: per-attempt timeout, retry with exponential backoff, and a circuit
/// breaker per destination. The ranges are Polly's own limits, checked here so a bad setting fails at start-up with
/// our message rather than at the first delivery.
/// </summary>
public sealed class MessagingResilienceOptions
{
    /// <summary>How long one attempt may take before it is cancelled and counted as a failure (default 2 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after the first attempt; 0 turns retrying off (default 3).</summary>
    [Range(0, 100)]
    public int RetryAttempts { get; set; } = 3;

    /// <summary>The first retry delay; each next one doubles (default 100 ms).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest retry delay, however many doublings (default 2 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Spread retry delays randomly around the exponential curve (decorrelated jitter), so that senders that
    /// failed together do not retry together (default true).
    /// </summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>The share of failed attempts within <see cref="BreakerSamplingDuration"/> that opens the circuit, in (0, 1] (default 0.5).</summary>
    [Range(typeof(decimal), "0.01", "1")]
    public decimal BreakerFailureRatio { get; set; } = 0.5m;

    /// <summary>The fewest attempts within the sampling window before the ratio is judged (default 10, at least 2).</summary>
    [Range(2, int.MaxValue)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The window over which the failure ratio is measured (default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an opened circuit fails fast before one trial delivery is let through (default 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most destinations (pipelines) kept; keys are IPS ids, so the bound only catches a key leak (default 1,024).</summary>
    [Range(1, 65_536)]
    public int MaxKeys { get; set; } = 1024;

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void Validate() => OptionsValidation.ThrowIfInvalid(this);
}
