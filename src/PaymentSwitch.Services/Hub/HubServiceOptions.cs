using System.ComponentModel.DataAnnotations;
using PaymentSwitch.Hub;

namespace PaymentSwitch.Services.Hub;

/// <summary>Options of the hub service (configuration section <c>Hub</c>).</summary>
public sealed class HubServiceOptions
{
    /// <summary>A short id of this hub instance, part of every message id it issues (letters and digits, at most 8).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9]{1,8}$")]
    public string InstanceId { get; set; } = "H1";

    /// <summary>
    /// How many hub instances share the payments (1: one hub holds everything). Each instance owns the payments whose
    /// UETR falls in its partition and an equal share of every liquidity limit; see docs/protocol.md, "Several hub
    /// instances". Every instance must be given the same value and its own <see cref="Partition"/>.
    /// </summary>
    [Range(1, HubPartition.MaxCount)]
    public int Partitions { get; set; } = 1;

    /// <summary>Which of the <see cref="Partitions"/> instances this is, from 0; instance 0 also coordinates settlement requests.</summary>
    [Range(0, HubPartition.MaxCount - 1)]
    public int Partition { get; set; }

    /// <summary>How often a settlement cycle closes on its own; an admin request can close one at any time.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan SettlementInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Publish lifecycle events on <c>ps.v1.events.payment.*</c> (observers, dashboards); see <see cref="EventDetail"/> for which.</summary>
    public bool PublishEvents { get; set; } = true;

    /// <summary>
    /// Which lifecycle events are published when <see cref="PublishEvents"/> is on: <see cref="PaymentEventDetail.Outcomes"/>
    /// (the default: one event per outcome, usually one per payment) or <see cref="PaymentEventDetail.All"/> (every
    /// state change, about five per payment, each its own message). The hub's own event stream is complete either way.
    /// </summary>
    public PaymentEventDetail EventDetail { get; set; } = PaymentEventDetail.Outcomes;

    /// <summary>The hub core's options: HIGH-priority timeout, duplicate window, capacities.</summary>
    [Required]
    public HubEngineOptions Engine { get; set; } = new();

    /// <summary>
    /// Operating faults at the messaging edge: the circuit breaker per destination IPS (AB08 while it is open) and the
    /// retries of the hub's publishes and proxy-lookup relay (docs/protocol.md, "Resilience").
    /// </summary>
    [Required]
    public HubResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// These options for instance <paramref name="index"/> of <paramref name="count"/> of a split hub: the same settings,
    /// with <see cref="Partition"/>, <see cref="Partitions"/> and an instance id of its own (<c>H1</c>, <c>H2</c>, …, so
    /// message ids stay unique). The engine and resilience options are shared, not copied: they are read-only once the hub runs.
    /// </summary>
    public HubServiceOptions ForPartition(int index, int count)
    {
        var partition = new HubPartition(index, count);
        var copy = (HubServiceOptions)MemberwiseClone();
        copy.Partition = partition.Index;
        copy.Partitions = partition.Count;
        copy.InstanceId = "H" + (partition.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return copy;
    }
}

/// <summary>Which payment lifecycle events the hub publishes for observers.</summary>
public enum PaymentEventDetail
{
    /// <summary>
    /// Outcomes only: rejected, accepted, timed out, late acceptance recorded, return requested, returned, and the recall
    /// events. Not the steps on the way (received, validated, reserved, forwarded, interim status), which traces show.
    /// </summary>
    Outcomes,

    /// <summary>Every state change of every payment.</summary>
    All,
}
