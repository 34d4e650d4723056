using PaymentSwitch.Adapters;

namespace PaymentSwitch.LoadRunner;

/// <summary>
/// What one payment costs the transport: how many messages clients publish to nats-server and their mean size
/// (payload and headers). Measured from the server's own counters across the warm-up when its monitoring endpoint is
/// known; otherwise estimated from the protocol (docs/protocol.md).
/// </summary>
/// <param name="MessagesPerPayment">Messages published per payment sent (a mean: proxy payments cost more than account payments).</param>
/// <param name="MeanMessageBytes">Mean bytes per message.</param>
/// <param name="Measured">Whether the figures come from the server's counters.</param>
public readonly record struct MessageCost(double MessagesPerPayment, int MeanMessageBytes, bool Measured)
{
    /// <summary>The mean size assumed when the server cannot be asked: a MessagePack pacs.008 with its headers.</summary>
    public const int EstimatedMeanBytes = 600;

    /// <summary>The cost from two server readings around <paramref name="payments"/> payments sent and drained, or the protocol's estimate.</summary>
    public static MessageCost From(NatsServerStats? before, NatsServerStats? after, long payments, int proxyShareBps)
    {
        if (before is { } b && after is { } a && payments > 0)
        {
            var (messages, bytes) = a.Since(b);
            if (messages > 0)
            {
                return new MessageCost((double)messages / payments, (int)(bytes / messages), Measured: true);
            }
        }

        return new MessageCost(Estimate(proxyShareBps), EstimatedMeanBytes, Measured: false);
    }

    /// <summary>
    /// Messages per payment by the protocol: the quote request and its reply (2), the pacs.008 to the hub and on to the
    /// destination (2), the pacs.002 back to the hub and on to the source (2), the hub's lifecycle event (1); a proxy
    /// payment adds the acmt.023 to the hub, its relay to the destination and both acmt.024 replies (4).
    /// </summary>
    public static double Estimate(int proxyShareBps) => 7 + (4.0 * proxyShareBps / Probability.BasisPoints);
}
