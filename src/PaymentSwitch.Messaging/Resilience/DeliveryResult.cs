namespace PaymentSwitch.Messaging;

/// <summary>How a delivery through <see cref="DeliveryPipelines"/> ended.</summary>
public enum DeliveryOutcome
{
    /// <summary>The action completed (possibly after retries).</summary>
    Delivered,

    /// <summary>The destination's circuit is open: the action was not attempted (the hub answers AB08).</summary>
    CircuitOpen,

    /// <summary>Every attempt failed, or the failure was not transient.</summary>
    Failed,
}

/// <summary>The state of a destination's circuit breaker.</summary>
public enum DeliveryCircuitState
{
    /// <summary>Deliveries flow.</summary>
    Closed,

    /// <summary>Deliveries fail fast until the break duration has passed.</summary>
    Open,

    /// <summary>The break is over: the next delivery is a trial that closes or reopens the circuit.</summary>
    HalfOpen,

    /// <summary>Held open by hand.</summary>
    Isolated,
}

/// <summary>The result of <see cref="DeliveryPipelines.ExecuteAsync"/>: a value, never an exception, so the caller maps it to a reason code.</summary>
/// <param name="Outcome">How the delivery ended.</param>
/// <param name="Exception">The last failure, or null when delivered.</param>
public readonly record struct DeliveryResult(DeliveryOutcome Outcome, Exception? Exception)
{
    /// <summary>The result of a delivery that went through.</summary>
    public static DeliveryResult Delivered { get; } = new(DeliveryOutcome.Delivered, null);

    /// <summary>True when <see cref="Outcome"/> is <see cref="DeliveryOutcome.Delivered"/>.</summary>
    public bool IsDelivered => Outcome == DeliveryOutcome.Delivered;
}
