using System.Collections.Frozen;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Payments;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Adapters.Profiles;

/// <summary>The outcome of <see cref="AdapterProfiles.Load"/>: the profiles, or every problem found in the file.</summary>
/// <param name="Profiles">The validated profiles, or <c>null</c> if there was any error.</param>
/// <param name="Errors">Each problem as "<c>$.json.path: sentence</c>"; empty on success.</param>
public sealed record AdapterProfileLoadResult(AdapterProfiles? Profiles, IReadOnlyList<string> Errors)
{
    /// <summary>Whether the file loaded without errors.</summary>
    public bool Succeeded => Profiles is not null && Errors.Count == 0;
}

/// <summary>
/// The simulated IPSs' profiles (see <c>docs/adapters.md</c>), checked against the hub's <see cref="Hub.ReferenceData.Topology"/>.
/// Also the proxy directory of every simulated IPS, as the hub consults it (<see cref="IProxyDirectory"/>).
/// </summary>
public sealed class AdapterProfiles : IProxyDirectory
{
    private const string DefaultResourceName = "PaymentSwitch.Adapters.Profiles.asean-adapters.json";

    private readonly FrozenDictionary<IpsId, NationalSwitchProfile> _byIps;
    private readonly FrozenDictionary<IpsId, FrozenDictionary<string, ProxyEntry>> _proxies;

    internal AdapterProfiles(Topology topology, IReadOnlyList<NationalSwitchProfile> switches)
    {
        Topology = topology;
        Switches = switches;
        _byIps = switches.ToFrozenDictionary(static s => s.Id);
        _proxies = switches.ToFrozenDictionary(
            static s => s.Id,
            static s => s.Proxies.ToFrozenDictionary(static p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>The topology the profiles were checked against.</summary>
    public Topology Topology { get; }

    /// <summary>Every simulated IPS, in file order.</summary>
    public IReadOnlyList<NationalSwitchProfile> Switches { get; }

    /// <summary>Parses and validates profiles against <paramref name="topology"/>; never throws on bad input, every problem is listed with its JSON path.</summary>
    public static AdapterProfileLoadResult Load(string json, Topology topology) => AdapterProfileLoader.Load(json, topology);

    /// <summary>The embedded default profiles (<c>Profiles/asean-adapters.json</c>) as text.</summary>
    public static string DefaultJson()
    {
        using var stream = typeof(AdapterProfiles).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {DefaultResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Loads the embedded default profiles for the default ASEAN topology.</summary>
    /// <exception cref="InvalidOperationException">The embedded file does not validate against <paramref name="topology"/>.</exception>
    public static AdapterProfiles LoadDefault(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var result = Load(DefaultJson(), topology);
        return result.Profiles
            ?? throw new InvalidOperationException("The embedded default adapter profiles are invalid: " + string.Join("; ", result.Errors));
    }

    /// <summary>Finds the profile of an IPS.</summary>
    public bool TryGet(IpsId ips, out NationalSwitchProfile profile)
    {
        if (_byIps.TryGetValue(ips, out var found))
        {
            profile = found;
            return true;
        }

        profile = null!;
        return false;
    }

    /// <summary>The profile of an IPS.</summary>
    /// <exception cref="KeyNotFoundException">The IPS is not simulated.</exception>
    public NationalSwitchProfile this[IpsId ips] => _byIps[ips];

    /// <summary>Finds a proxy registered in <paramref name="ips"/>.</summary>
    public bool TryGetProxy(IpsId ips, string value, out ProxyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryFind(ips, value, out entry);
    }

    /// <inheritdoc/>
    /// <remarks>The hub routes a payment that names only a proxy to the bank this returns (the cached acmt.024 answer). Allocation-free.</remarks>
    public bool TryResolve(IpsId ips, ReadOnlySpan<char> proxyId, out Bic creditorAgent)
    {
        if (TryFind(ips, proxyId, out var found))
        {
            creditorAgent = found.Bank;
            return true;
        }

        creditorAgent = default;
        return false;
    }

    private bool TryFind(IpsId ips, ReadOnlySpan<char> value, out ProxyEntry entry)
    {
        if (_proxies.TryGetValue(ips, out var directory) && directory.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out var found))
        {
            entry = found;
            return true;
        }

        entry = null!;
        return false;
    }

    /// <summary>The same profiles with <paramref name="profile"/> replacing the one of its IPS (for tests and what-if runs).</summary>
    /// <exception cref="ArgumentException">The IPS is not simulated.</exception>
    public AdapterProfiles With(NationalSwitchProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!_byIps.ContainsKey(profile.Id))
        {
            throw new ArgumentException($"IPS {profile.Id} is not simulated.", nameof(profile));
        }

        return new AdapterProfiles(Topology, Switches.Select(s => s.Id == profile.Id ? profile : s).ToArray());
    }

    /// <summary>The same profiles with every IPS <see cref="BehaviourProfile.Reliable"/>: no random rejection, no outage.</summary>
    public AdapterProfiles Reliable() =>
        new(Topology, Switches.Select(static s => s with { Behaviour = s.Behaviour.Reliable() }).ToArray());
}
