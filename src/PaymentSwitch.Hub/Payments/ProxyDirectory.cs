using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.Payments;

/// <summary>
/// Resolves an account proxy (mobile number, national id, business registration number) in a destination IPS to the
/// creditor agent that holds the account: the acmt.023/acmt.024 lookup, already answered and cached by the host.
/// </summary>
public interface IProxyDirectory
{
    /// <summary>Finds the creditor agent for <paramref name="proxyId"/> registered in <paramref name="ips"/>; allocation-free.</summary>
    bool TryResolve(IpsId ips, ReadOnlySpan<char> proxyId, out Bic creditorAgent);
}

/// <summary>An in-memory proxy directory for tests, simulations and benchmarks.</summary>
public sealed class InMemoryProxyDirectory : IProxyDirectory
{
    private readonly Dictionary<(IpsId Ips, string Proxy), Bic> _entries = [];

    /// <summary>An empty directory: every proxy is unknown (BE23).</summary>
    public static InMemoryProxyDirectory Empty { get; } = new();

    /// <summary>Registers <paramref name="proxyId"/> in <paramref name="ips"/> as held at <paramref name="creditorAgent"/>.</summary>
    public InMemoryProxyDirectory Register(IpsId ips, string proxyId, Bic creditorAgent)
    {
        _entries[(ips, proxyId)] = creditorAgent;
        return this;
    }

    /// <inheritdoc/>
    public bool TryResolve(IpsId ips, ReadOnlySpan<char> proxyId, out Bic creditorAgent) =>
        _entries.TryGetValue((ips, proxyId.ToString()), out creditorAgent);
}
