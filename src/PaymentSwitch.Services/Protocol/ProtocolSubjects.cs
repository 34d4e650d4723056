using System.Collections.Concurrent;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub;

namespace PaymentSwitch.Services.Protocol;

/// <summary>
/// The NATS subjects of protocol version 1 (docs/protocol.md). Every subject starts with <see cref="Prefix"/>, so a
/// second protocol version can run beside this one on the same server. IPS ids (<c>SG-FAST</c>) are single subject
/// tokens: they contain no dot, space or wildcard.
/// </summary>
/// <remarks>
/// The sender of a message to the hub is the IPS named in the subject, not a field in the payload: on a real deployment
/// each adapter's NATS user may publish only to its own <c>ps.v1.hub.in.&lt;IPS&gt;</c> and subscribe only to its own
/// <c>ps.v1.ips.&lt;IPS&gt;.&gt;</c> (NATS subject permissions), so the subject is an authenticated identity.
/// </remarks>
public static class ProtocolSubjects
{
    /// <summary>The protocol version carried in <c>PaymentSwitch-Protocol-Version</c>.</summary>
    public const string Version = "1";

    /// <summary>The root of every subject of this version.</summary>
    public const string Prefix = "ps.v1";

    /// <summary>The queue group the hub instances share: each inbound message reaches exactly one of them.</summary>
    public const string HubQueueGroup = "ps-hub";

    /// <summary>What the hub subscribes to: every IPS's inbound subject.</summary>
    public const string HubInboundWildcard = Prefix + ".hub.in.*";

    /// <summary>
    /// Every subject under <c>ps.v1.hub.in.</c>: what each instance of a hub split into several (<c>Hub:Partitions</c>)
    /// subscribes to, so that IPS traffic and <see cref="HubPeerQuotes"/> arrive on one subscription, in order.
    /// </summary>
    public const string HubInboundAll = Prefix + ".hub.in.>";

    /// <summary>
    /// Where an instance of a split hub publishes the quotes it issued, so the instance that owns the payment can honour
    /// them. It lies under <see cref="HubInboundAll"/> on purpose: a quote published here before the quote reply reaches
    /// every instance before any pacs.008 that cites it (NATS keeps each subscription's order). Only hub instances may
    /// publish on it; <c>_hub</c> is never an IPS id.
    /// </summary>
    public const string HubPeerQuotes = Prefix + ".hub.in._hub.quotes";

    /// <summary>The queue group of instance <paramref name="index"/> of a split hub (<c>ps-hub-p0</c>, …): subjects every instance must see.</summary>
    public static string HubPartitionQueueGroup(int index) => $"{HubQueueGroup}-p{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Request/reply: the coordinator of a split hub asks instance <paramref name="index"/> to close its cycle and send its report.</summary>
    public static string HubPeerSettle(int index) => $"{Prefix}.hub.peer.{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}.settle";

    /// <summary>Request/reply: FX quotes (JSON, see <see cref="QuoteRequestDto"/>).</summary>
    public const string Quotes = Prefix + ".hub.quotes";

    /// <summary>Request/reply: proxy lookup, an acmt.023 answered by an acmt.024.</summary>
    public const string ProxyLookup = Prefix + ".hub.lookup";

    /// <summary>Request/reply: close the open settlement cycle now and answer with its report (JSON).</summary>
    public const string AdminSettle = Prefix + ".admin.settle";

    /// <summary>Request/reply: the hub's record of one payment (JSON, request body is the UETR).</summary>
    public const string AdminStatus = Prefix + ".admin.status";

    /// <summary>What the hub subscribes to: every FX provider's rate-sheet subject (<see cref="FxRates"/>).</summary>
    public const string FxRatesWildcard = Prefix + ".fx.rates.*";

    /// <summary>What observers subscribe to for every lifecycle event.</summary>
    public const string EventsWildcard = Prefix + ".events.>";

    /// <summary>Messages from an IPS to the hub: pacs.008, pacs.002, pacs.028, pacs.004, camt.056, camt.029.</summary>
    public static string HubInbound(IpsId ips) => Cached(HubInboundSubjects, ips, static id => $"{Prefix}.hub.in.{id}");

    /// <summary>Messages from the hub to an IPS: forwarded pacs.008 and camt.056, and pacs.002, pacs.004, camt.029 answers.</summary>
    public static string IpsInbound(IpsId ips) => Cached(IpsInboundSubjects, ips, static id => $"{Prefix}.ips.{id}.in");

    /// <summary>Request/reply: the hub asks an IPS's proxy directory to resolve a proxy (acmt.023 → acmt.024).</summary>
    public static string IpsLookup(IpsId ips) => $"{Prefix}.ips.{ips.Value}.lookup";

    /// <summary>Request/reply: an IPS registers the proxies its directory resolves (JSON).</summary>
    public static string ProxyRegistration(IpsId ips) => $"{Prefix}.hub.proxies.{ips.Value}";

    /// <summary>
    /// An FX provider publishes its rate sheets to the hub: <c>ps.v1.fx.rates.&lt;FX provider BIC&gt;</c> (JSON
    /// <see cref="RateSheetDto"/>; request/reply for an ACK or the error). The BIC in the subject is the publisher's identity.
    /// </summary>
    public static string FxRates(Bic fxProvider) => $"{Prefix}.fx.rates.{fxProvider.Value}";

    /// <summary>The FX provider named by the last token of an <see cref="FxRates"/> subject (not yet checked as a BIC), or <c>null</c>.</summary>
    public static string? FxProviderOf(string subject)
    {
        const string rates = Prefix + ".fx.rates.";
        if (subject is null || !subject.StartsWith(rates, StringComparison.Ordinal) || subject.Length == rates.Length)
        {
            return null;
        }

        var token = subject[rates.Length..];
        return token.Contains('.', StringComparison.Ordinal) ? null : token;
    }

    /// <summary>Lifecycle events: <c>ps.v1.events.payment.&lt;state&gt;.&lt;source IPS&gt;</c> (JSON).</summary>
    public static string PaymentEvent(string state, IpsId sourceIps) =>
        EventSubjects.TryGetValue((state, sourceIps.Value), out var subject) ? subject : EventSubjects.GetOrAdd((state, sourceIps.Value), static key => $"{Prefix}.events.payment.{key.State}.{key.Ips}");

    /// <summary>Settlement events: a cycle closed (JSON report).</summary>
    public const string SettlementEvent = Prefix + ".events.settlement.closed";

    // The subjects of the per-payment path, built once per IPS (and event) rather than per message. The sets are
    // bounded by the topology's IPSs (and the event kinds), which only the hub's own code names.
    private static readonly ConcurrentDictionary<string, string> HubInboundSubjects = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> IpsInboundSubjects = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string State, string Ips), string> EventSubjects = new();

    private static string Cached(ConcurrentDictionary<string, string> subjects, IpsId ips, Func<string, string> build) =>
        subjects.TryGetValue(ips.Value, out var subject) ? subject : subjects.GetOrAdd(ips.Value, build);

    /// <summary>The IPS named by the last token of a <see cref="HubInbound"/> subject, or <c>null</c> if the subject is not one.</summary>
    public static IpsId? SourceOf(string subject)
    {
        const string inbound = Prefix + ".hub.in.";
        if (subject is null || !subject.StartsWith(inbound, StringComparison.Ordinal) || subject.Length == inbound.Length)
        {
            return null;
        }

        var token = subject[inbound.Length..];
        return token.Contains('.', StringComparison.Ordinal) ? null : new IpsId(token);
    }
}
