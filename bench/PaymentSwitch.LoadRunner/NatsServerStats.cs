using System.Text.Json;

namespace PaymentSwitch.LoadRunner;

/// <summary>The counters of a nats-server's <c>/varz</c> monitoring endpoint the harness uses.</summary>
/// <param name="Version">The server's version, for example 2.9.25.</param>
/// <param name="InMessages">Messages the server has received from clients since it started.</param>
/// <param name="InBytes">Payload and header bytes of those messages.</param>
public readonly record struct NatsServerStats(string Version, long InMessages, long InBytes)
{
    /// <summary>Reads <c>/varz</c> from <paramref name="monitoringUrl"/> (http://127.0.0.1:8222).</summary>
    public static async Task<NatsServerStats> ReadAsync(HttpClient http, string monitoringUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        await using var stream = await http.GetStreamAsync(new Uri(new Uri(monitoringUrl), "varz"), cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        return new NatsServerStats(
            root.TryGetProperty("version", out var version) ? version.GetString() ?? "unknown" : "unknown",
            root.GetProperty("in_msgs").GetInt64(),
            root.GetProperty("in_bytes").GetInt64());
    }

    /// <summary>The traffic from <paramref name="before"/> to this reading.</summary>
    public (long Messages, long Bytes) Since(NatsServerStats before) => (InMessages - before.InMessages, InBytes - before.InBytes);
}
