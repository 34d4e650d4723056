namespace PaymentSwitch.Hub;

/// <summary>Limits and deadlines of a <see cref="HubEngine"/>; every queue and cache it owns is bounded by one of these.</summary>
public sealed record HubEngineOptions
{
    /// <summary>
    /// How long a HIGH-priority payment may wait for the destination's final pacs.002, measured from its acceptance
    /// date-time (<c>AccptncDtTm</c>, clamped to the receipt time) or, without one, from receipt. Nexus aims to finish
    /// a payment end to end within 60 seconds.
    /// </summary>
    public TimeSpan HighPriorityTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a UETR is remembered for duplicate detection and status enquiries.</summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The most UETRs the duplicate window remembers; the oldest is forgotten first.</summary>
    public int DuplicateWindowCapacity { get; init; } = 1 << 20;

    /// <summary>Expected number of payments held at once (pre-sizes the payment book and the deadline heap).</summary>
    public int PaymentCapacity { get; init; } = 1 << 16;

    /// <summary>Checks the values; throws for a programmer error in configuration.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HighPriorityTimeout, TimeSpan.Zero, nameof(HighPriorityTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DuplicateWindow, TimeSpan.Zero, nameof(DuplicateWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(DuplicateWindowCapacity, 1, nameof(DuplicateWindowCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(PaymentCapacity, 1, nameof(PaymentCapacity));
    }
}
