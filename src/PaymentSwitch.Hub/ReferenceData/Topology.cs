using System.Collections.Frozen;
using System.Reflection;
using PaymentSwitch.Domain;

namespace PaymentSwitch.Hub.ReferenceData;

/// <summary>The outcome of <see cref="Topology.Load"/>: a topology, or every problem found in the file.</summary>
/// <param name="Topology">The validated topology, or <c>null</c> if there was any error.</param>
/// <param name="Errors">Each problem as "<c>$.json.path: sentence</c>"; empty on success.</param>
public sealed record TopologyLoadResult(Topology? Topology, IReadOnlyList<string> Errors)
{
    /// <summary>Whether the file loaded without errors.</summary>
    public bool Succeeded => Topology is not null && Errors.Count == 0;
}

/// <summary>
/// The hub's reference data, loaded from JSON (see <c>docs/reference-data.md</c>), validated as a whole and indexed
/// for lookups that allocate nothing, because the hub consults it for every payment.
/// </summary>
/// <remarks>
/// BIC matching: <see cref="TryGetParticipant"/> treats an 8-character BIC and the same BIC with branch <c>XXX</c> as the
/// same participant (SWIFT's convention for the primary office); any other branch code names a different participant.
/// </remarks>
public sealed class Topology
{
    private const string DefaultResourceName = "PaymentSwitch.Hub.Topology.asean-default.json";

    private readonly FrozenDictionary<IpsId, IpsDefinition> _ips;
    private readonly FrozenDictionary<string, ParticipantDefinition> _participants;
    private readonly FrozenDictionary<string, ParticipantDefinition>.AlternateLookup<ReadOnlySpan<char>> _participantLookup;
    private readonly FrozenDictionary<IpsId, FrozenDictionary<string, ParticipantDefinition>> _members;
    private readonly FrozenDictionary<string, FxProviderDefinition> _fxProviders;
    private readonly FrozenDictionary<string, FxProviderDefinition>.AlternateLookup<ReadOnlySpan<char>> _fxProviderLookup;
    private readonly FrozenDictionary<(IpsId Source, IpsId Destination), CorridorDefinition> _corridors;
    private readonly FrozenDictionary<Currency, IpsDefinition[]> _ipsByCurrency;
    private readonly FrozenDictionary<(Currency Source, Currency Destination), FxRateSheet[]> _sheetsByPair;

    internal Topology(
        IReadOnlyList<IpsDefinition> ips,
        IReadOnlyList<ParticipantDefinition> participants,
        IReadOnlyList<FxProviderDefinition> fxProviders,
        IReadOnlyList<CorridorDefinition> corridors)
    {
        Ips = ips;
        Participants = participants;
        FxProviders = fxProviders;
        Corridors = corridors;
        _ips = ips.ToFrozenDictionary(static i => i.Id);
        _participants = participants.ToFrozenDictionary(static p => BicKeys.ToKey(p.Bic), StringComparer.Ordinal);
        _participantLookup = _participants.GetAlternateLookup<ReadOnlySpan<char>>();
        _members = ips.ToFrozenDictionary(
            static i => i.Id,
            i => participants
                .Where(p => p.Ips == i.Id && p.ClearingSystemMemberId is not null)
                .ToFrozenDictionary(static p => p.ClearingSystemMemberId!, StringComparer.Ordinal));
        _fxProviders = fxProviders.ToFrozenDictionary(static f => BicKeys.ToKey(f.Bic), StringComparer.Ordinal);
        _fxProviderLookup = _fxProviders.GetAlternateLookup<ReadOnlySpan<char>>();
        _corridors = corridors.ToFrozenDictionary(static c => (c.SourceIps, c.DestinationIps));
        _ipsByCurrency = ips.GroupBy(static i => i.Currency).ToFrozenDictionary(static g => g.Key, static g => g.ToArray());

        // Sheets are ordered by provider BIC so that quote responses list providers in a stable order.
        _sheetsByPair = fxProviders
            .SelectMany(static f => f.RateSheets)
            .GroupBy(static s => (s.SourceCurrency, s.DestinationCurrency))
            .ToFrozenDictionary(
                static g => g.Key,
                static g => g.OrderBy(static s => s.FxProvider.Value, StringComparer.Ordinal).ToArray());
    }

    /// <summary>Every IPS, in file order.</summary>
    public IReadOnlyList<IpsDefinition> Ips { get; }

    /// <summary>Every participant, in file order.</summary>
    public IReadOnlyList<ParticipantDefinition> Participants { get; }

    /// <summary>Every FX provider, in file order.</summary>
    public IReadOnlyList<FxProviderDefinition> FxProviders { get; }

    /// <summary>Every corridor, in file order.</summary>
    public IReadOnlyList<CorridorDefinition> Corridors { get; }

    /// <summary>Parses and validates a topology; never throws on bad input, every problem is listed with its JSON path.</summary>
    public static TopologyLoadResult Load(string json) => TopologyLoader.Load(json);

    /// <summary>Loads the embedded default ASEAN topology (<c>Topology/asean-default.json</c>).</summary>
    /// <exception cref="InvalidOperationException">The embedded file is invalid (a build defect).</exception>
    public static Topology LoadDefault()
    {
        using var stream = typeof(Topology).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {DefaultResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var result = Load(reader.ReadToEnd());
        return result.Topology
            ?? throw new InvalidOperationException("The embedded default topology is invalid: " + string.Join("; ", result.Errors));
    }

    /// <summary>Finds an IPS; allocation-free.</summary>
    public bool TryGetIps(IpsId id, out IpsDefinition ips) =>
        TryGet(_ips, id, out ips);

    /// <summary>Finds the IPS that serves <paramref name="country"/> in <paramref name="currency"/>; allocation-free.</summary>
    public bool TryGetIps(CountryCode country, Currency currency, out IpsDefinition ips)
    {
        foreach (var candidate in IpsForCurrency(currency))
        {
            if (candidate.Country == country)
            {
                ips = candidate;
                return true;
            }
        }

        ips = null!;
        return false;
    }

    /// <summary>The IPSs that settle <paramref name="currency"/> (empty if none); allocation-free.</summary>
    public IReadOnlyList<IpsDefinition> IpsForCurrency(Currency currency) =>
        _ipsByCurrency.TryGetValue(currency, out var list) ? list : [];

    /// <summary>
    /// Finds a participant by BIC; BIC8 and BIC8+<c>XXX</c> match the same participant. Allocation-free (the key is
    /// assembled on the stack).
    /// </summary>
    public bool TryGetParticipant(Bic bic, out ParticipantDefinition participant)
    {
        if (bic.Value.Length is not (8 or 11))
        {
            participant = null!;
            return false;
        }

        Span<char> key = stackalloc char[BicKeys.KeyLength];
        BicKeys.Write(bic, key);
        if (_participantLookup.TryGetValue(key, out var found))
        {
            participant = found;
            return true;
        }

        participant = null!;
        return false;
    }

    /// <summary>Finds a participant by its domestic clearing member id within one IPS (exact, ordinal); allocation-free.</summary>
    public bool TryGetParticipantByMember(IpsId ips, string memberId, out ParticipantDefinition participant)
    {
        participant = null!;
        return memberId is not null
            && _members.TryGetValue(ips, out var members)
            && TryGet(members, memberId, out participant);
    }

    /// <summary>Finds an FX provider by BIC (same BIC rule as participants); allocation-free.</summary>
    public bool TryGetFxProvider(Bic bic, out FxProviderDefinition provider)
    {
        provider = null!;
        if (bic.Value.Length is not (8 or 11))
        {
            return false;
        }

        Span<char> key = stackalloc char[BicKeys.KeyLength];
        BicKeys.Write(bic, key);
        if (_fxProviderLookup.TryGetValue(key, out var found))
        {
            provider = found;
            return true;
        }

        return false;
    }

    /// <summary>Finds the corridor from <paramref name="source"/> to <paramref name="destination"/>; allocation-free.</summary>
    public bool TryGetCorridor(IpsId source, IpsId destination, out CorridorDefinition corridor) =>
        TryGet(_corridors, (source, destination), out corridor);

    /// <summary>The rate sheets of every FX provider that quotes <paramref name="source"/> → <paramref name="destination"/>, ordered by provider BIC; allocation-free.</summary>
    public IReadOnlyList<FxRateSheet> RateSheetsFor(Currency source, Currency destination) =>
        _sheetsByPair.TryGetValue((source, destination), out var sheets) ? sheets : [];

    private static bool TryGet<TKey, TValue>(FrozenDictionary<TKey, TValue> map, TKey key, out TValue value)
        where TKey : notnull
        where TValue : class
    {
        if (map.TryGetValue(key, out var found))
        {
            value = found;
            return true;
        }

        value = null!;
        return false;
    }
}
