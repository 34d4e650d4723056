namespace PaymentSwitch.Hub.ReferenceData;

/// <summary>Reads and validates the topology JSON.</summary>
internal static class TopologyLoader
{
    public static TopologyLoadResult Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new TopologyLoadResult(null, ["$: loader not implemented yet"]);
    }
}
