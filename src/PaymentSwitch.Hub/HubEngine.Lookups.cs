using PaymentSwitch.Domain;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Hub;

// Reference-data lookups of the hot path, each remembering the answer for the last key it was asked. A Topology is
// immutable once loaded (frozen tables of immutable records), so a remembered answer can never go stale and is never
// invalidated. Payments come in runs of the same few BICs and IPSs (one corridor, one PSP), so most lookups become a
// comparison of two short strings (usually the same instance: the decoders intern BICs) instead of building a
// normalised key and hashing it into a frozen table; IpsId keys in particular hash with the randomised string hash.
// Only successful lookups are remembered: a refusal is not the hot path, and a miss is always asked afresh.
public sealed partial class HubEngine
{
    private LastLookup<IpsDefinition> _sourceIpsLookup;
    private LastLookup<IpsDefinition> _destinationIpsLookup;
    private LastLookup<ParticipantDefinition> _instructingAgentLookup;
    private LastLookup<ParticipantDefinition> _debtorAgentLookup;
    private LastLookup<ParticipantDefinition> _creditorAgentLookup;
    private LastLookup<ParticipantDefinition> _intermediary1Lookup;
    private LastLookup<ParticipantDefinition> _intermediary2Lookup;
    private string? _lastCorridorSource;
    private string? _lastCorridorDestination;
    private CorridorDefinition? _lastCorridor;

    private bool TryGetIps(ref LastLookup<IpsDefinition> last, IpsId id, out IpsDefinition ips)
    {
        if (last.TryGet(id.Value, out ips))
        {
            return true;
        }

        if (!_topology.TryGetIps(id, out ips))
        {
            return false;
        }

        last.Remember(id.Value, ips);
        return true;
    }

    private bool TryGetParticipant(ref LastLookup<ParticipantDefinition> last, Bic bic, out ParticipantDefinition participant)
    {
        if (last.TryGet(bic.Value, out participant))
        {
            return true;
        }

        if (!_topology.TryGetParticipant(bic, out participant))
        {
            return false;
        }

        last.Remember(bic.Value, participant);
        return true;
    }

    private bool TryGetCorridor(IpsId source, IpsId destination, out CorridorDefinition corridor)
    {
        if (_lastCorridor is not null && string.Equals(_lastCorridorSource, source.Value, StringComparison.Ordinal)
            && string.Equals(_lastCorridorDestination, destination.Value, StringComparison.Ordinal))
        {
            corridor = _lastCorridor;
            return true;
        }

        if (!_topology.TryGetCorridor(source, destination, out corridor))
        {
            return false;
        }

        _lastCorridorSource = source.Value;
        _lastCorridorDestination = destination.Value;
        _lastCorridor = corridor;
        return true;
    }

    // The last key a lookup site was asked and its answer (null until the first success).
    private struct LastLookup<T>
        where T : class
    {
        private string? _key;
        private T? _value;

        public readonly bool TryGet(string key, out T value)
        {
            if (_value is not null && string.Equals(_key, key, StringComparison.Ordinal))
            {
                value = _value;
                return true;
            }

            value = null!;
            return false;
        }

        public void Remember(string key, T value)
        {
            _key = key;
            _value = value;
        }
    }
}
