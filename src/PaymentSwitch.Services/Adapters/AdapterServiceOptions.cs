using System.ComponentModel.DataAnnotations;
using PaymentSwitch.Messaging;

namespace PaymentSwitch.Services.Adapters;

/// <summary>Options of a national-switch adapter service (configuration section <c>Adapter</c>).</summary>
public sealed class AdapterServiceOptions
{
    /// <summary>How long <see cref="AdapterService.SendAsync"/> waits for the final pacs.002 (Nexus allows 60 s for HIGH; NORM may take longer).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FinalAnswerWait { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How long one attempt of a request to the hub (proxy registration, quote, proxy lookup) waits for the reply.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries of the requests to the hub, so a hub that briefly does not answer ("no responders" while it restarts, a
    /// timeout, a lost connection) costs a delay rather than a refused payment: by default 3 retries, 100 ms doubling
    /// up to 1 s, with jitter; and a circuit breaker per subject that fails fast (AB08) once the hub has stopped
    /// answering. <see cref="MessagingResilienceOptions.AttemptTimeout"/> is a backstop around each attempt: keep it
    /// longer than <see cref="RequestTimeout"/>, which is what an attempt normally waits.
    /// </summary>
    [Required]
    public MessagingResilienceOptions Requests { get; set; } = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(6),
        RetryAttempts = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(100),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
    };

    /// <summary>
    /// The most payments this adapter has in flight at once (from <see cref="AdapterService.SendAsync"/> until the final
    /// answer); one more is refused at the source at once (NARR, field <c>adapter</c>) instead of queueing. This is the
    /// adapter's admission control: past the switch's capacity, queues stay bounded, so payments already in flight keep
    /// finishing at the switch's rate and the excess is told so immediately, rather than every payment slowing down
    /// together. At a capacity of C payments/s, n adapters add at most about n × MaxInFlight ÷ C of queueing.
    /// 0 means no limit.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MaxInFlight { get; set; } = 256;

    /// <summary>The payload encoding this IPS speaks to the hub: MessagePack (default) or ISO 20022 XML.</summary>
    public bool UseXml { get; set; }
}
