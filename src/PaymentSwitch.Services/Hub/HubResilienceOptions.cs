using System.ComponentModel.DataAnnotations;
using PaymentSwitch.Messaging;

namespace PaymentSwitch.Services.Hub;

/// <summary>
/// The hub's operating-fault handling at the messaging edge (configuration section <c>Hub:Resilience</c>): the
/// circuit breaker per destination IPS (<see cref="DestinationHealth"/>) that makes the hub refuse payments with AB08
/// while a destination has stopped answering, and the retry pipelines of the hub's publishes and proxy-lookup relay.
/// The ranges are Polly's own limits, checked at start-up so a bad setting fails with our message.
/// </summary>
public sealed class HubResilienceOptions
{
    /// <summary>
    /// The share of failed legs to a destination within <see cref="BreakerSamplingDuration"/> that opens its circuit,
    /// in [0.01, 1] (default 0.5). A failed leg is a HIGH payment the hub timed out (AB05/AB06) or a proxy lookup the
    /// destination's directory did not answer; a leg the destination answered is a success.
    /// </summary>
    [Range(typeof(decimal), "0.01", "1")]
    public decimal BreakerFailureRatio { get; set; } = 0.5m;

    /// <summary>The fewest legs to a destination within the sampling window before the ratio is judged (default 10, at least 2).</summary>
    [Range(2, 1_000_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The window over which a destination's failure ratio is measured (default 60 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long an open circuit refuses payments to its destination with AB08 (default 15 s). After it, the next
    /// payment is forwarded as a trial: an answer closes the circuit, another timeout opens it again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Every message the hub publishes (forwarded pacs.008, pacs.002, pacs.004, camt.056/029, events): per-attempt
    /// timeout, retries with exponential backoff and jitter on transient bus failures (connection lost, timeout). A
    /// publish that still fails is logged and dropped; the protocol's resend rule and status enquiry recover from it.
    /// </summary>
    [Required]
    public MessagingResilienceOptions Publish { get; set; } = new();

    /// <summary>
    /// The relay of a proxy lookup to the destination's directory (<c>ps.v1.ips.&lt;IPS&gt;.lookup</c>): each attempt
    /// waits <see cref="MessagingResilienceOptions.AttemptTimeout"/> (default 1 s), "no responders" and timeouts are
    /// retried (default twice, 100 ms then 200 ms, with jitter). The defaults keep the whole relay, about 3.5 s at
    /// worst, inside the requester's own timeout (the reference adapter waits 5 s per attempt).
    /// </summary>
    [Required]
    public MessagingResilienceOptions Lookup { get; set; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(1),
        RetryAttempts = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(100),
        RetryMaxDelay = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>
    /// How many proxy lookups the hub relays at once (default 1,024). Each relay waits for a destination's round trip
    /// beside the hub's subscription loop, so one slow directory never holds up the lookups behind it; past this many
    /// in flight, the hub stops taking lookups off the bus until one ends (back-pressure, never a drop).
    /// </summary>
    [Range(1, 100_000)]
    public int MaxConcurrentLookups { get; set; } = 1_024;

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid setting, including those of <see cref="Publish"/> and <see cref="Lookup"/>.</summary>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException(
                $"Invalid {nameof(HubResilienceOptions)}: {string.Join("; ", results.Select(static result => result.ErrorMessage))}",
                nameof(HubResilienceOptions));
        }

        Publish.Validate();
        Lookup.Validate();
    }
}
