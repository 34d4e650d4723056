using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Hub.Ledger;

/// <summary>Opens the ledger positions that the reference data declares.</summary>
public static class TopologyLiquidity
{
    /// <summary>
    /// Configures one position per participant per currency listed in its <c>liquidity</c> entries: a prefunded balance
    /// or a net debit cap. A participant without an entry for a currency has no position in it, so a leg that would
    /// touch one is refused (AG01) before anything moves.
    /// </summary>
    /// <returns>How many positions were configured.</returns>
    public static int ConfigureFrom(this LiquidityLedger ledger, Topology topology) => ConfigureFrom(ledger, topology, HubPartition.Whole);

    /// <summary>
    /// As <see cref="ConfigureFrom(LiquidityLedger, Topology)"/> for one instance of a split hub: every limit is this
    /// instance's <see cref="HubPartition.ShareOf"/> of the declared one, so the instances' limits add up to it exactly.
    /// </summary>
    /// <returns>How many positions were configured.</returns>
    public static int ConfigureFrom(this LiquidityLedger ledger, Topology topology, HubPartition partition)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(topology);
        var count = 0;
        foreach (var participant in topology.Participants)
        {
            foreach (var limit in participant.Liquidity.AsSpan())
            {
                var kind = limit.Kind == LiquidityKind.Prefunded ? LiquidityLimitKind.Prefunded : LiquidityLimitKind.NetDebitCap;
                ledger.Configure(participant.Bic, limit.Currency, kind, partition.ShareOf(limit.LimitMinor));
                count++;
            }
        }

        return count;
    }
}
