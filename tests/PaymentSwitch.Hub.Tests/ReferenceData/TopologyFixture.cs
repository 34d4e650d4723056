using System.Text.Json.Nodes;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Hub.Tests.ReferenceData;

/// <summary>The embedded default topology, as text and loaded once, plus a way to break one thing in it.</summary>
internal static class TopologyFixture
{
    private static readonly Lazy<string> DefaultText = new(() =>
    {
        using var stream = typeof(Topology).Assembly.GetManifestResourceStream("PaymentSwitch.Hub.Topology.asean-default.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<Topology> DefaultTopology = new(Topology.LoadDefault);

    public static string Json => DefaultText.Value;

    public static Topology Default => DefaultTopology.Value;

    /// <summary>Loads the default file after <paramref name="edit"/> changed its JSON tree.</summary>
    public static TopologyLoadResult LoadEdited(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(Json)!.AsObject();
        edit(root);
        return Topology.Load(root.ToJsonString());
    }

    public static JsonObject Ips(this JsonObject root, string id) =>
        root["ips"]!.AsArray().Select(static n => n!.AsObject()).Single(o => (string?)o["id"] == id);

    public static int IpsIndex(this JsonObject root, string id) =>
        root["ips"]!.AsArray().Select((n, i) => (n, i)).Single(x => (string?)x.n!["id"] == id).i;

    public static int ParticipantIndex(this JsonObject root, string bic) =>
        root["participants"]!.AsArray().Select((n, i) => (n, i)).Single(x => (string?)x.n!["bic"] == bic).i;
}
