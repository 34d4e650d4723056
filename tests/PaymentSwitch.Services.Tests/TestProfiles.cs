using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Services.Tests;

/// <summary>The adapter profiles the scenarios run on.</summary>
internal static class TestProfiles
{
    /// <summary>The default topology, loaded once.</summary>
    public static readonly Topology Topology = Topology.LoadDefault();

    /// <summary>
    /// The default profiles, made reliable (no random rejections, no outages) and quick: every destination answers in
    /// 2 ms. The realistic latency tables reach tens of seconds in their tail (p99.9), which would make a scenario's
    /// outcome depend on which UETR drew a slow answer; a test of a rule must not.
    /// </summary>
    public static AdapterProfiles ReliableAndQuick()
    {
        var profiles = AdapterProfiles.LoadDefault(Topology).Reliable();
        foreach (var profile in profiles.Switches)
        {
            profiles = profiles.With(profile with { Behaviour = profile.Behaviour with { LatencyMs = PercentileTable.Constant(2) } });
        }

        return profiles;
    }

    /// <summary>
    /// The default profiles, reliable and answering at once (no sampled latency): for scenarios on a
    /// <c>FakeTimeProvider</c>, where an answer that waits 2 ms would wait until the test moves the clock.
    /// </summary>
    public static AdapterProfiles ReliableAndInstant()
    {
        var profiles = AdapterProfiles.LoadDefault(Topology).Reliable();
        foreach (var profile in profiles.Switches)
        {
            profiles = profiles.With(profile with { Behaviour = profile.Behaviour with { LatencyMs = PercentileTable.Constant(0) } });
        }

        return profiles;
    }
}
