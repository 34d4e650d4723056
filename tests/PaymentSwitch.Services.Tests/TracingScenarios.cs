using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Trace;
using PaymentSwitch.Adapters;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Adapters;
using PaymentSwitch.Services.Telemetry;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Services.Tests;

/// <summary>
/// One trace per payment: the span the source adapter opens is the root, and every hop (hub, destination adapter,
/// back through the hub to the source) continues it through the W3C <c>traceparent</c> header, over a real
/// nats-server as over the in-process bus. Spans are collected with OpenTelemetry's in-memory exporter.
/// </summary>
[Collection(TracingCollection.Name)]
public abstract class TracingScenarios
{

    protected abstract Task<IMessageBus> CreateBusAsync();

    // Source → hub (pacs.008), hub → destination (pacs.008), destination → hub (pacs.002), hub → source (pacs.002).
    private static readonly string[] HopSpans = ["hub Pacs008", "ips TH-PROMPTPAY Pacs008", "hub Pacs002", "ips SG-FAST Pacs002"];

    [SkippableFact]
    public async Task SendAsync_OnePayment_EveryHopInOneTraceUnderTheSourceSpan()
    {
        var spans = new SpanCollector();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(SwitchTelemetry.Name).AddProcessor(spans).Build();
        await using var bus = await CreateBusAsync();
        var options = new SwitchRuntimeOptions();
        options.Hub.PublishEvents = false;
        await using var sut = await SwitchRuntime.StartAsync(bus, TestProfiles.ReliableAndQuick(), TimeProvider.System, NullLoggerFactory.Instance, options);
        var instruction = new OutboundInstruction(
            Bic.Parse("DBSSSGSGXXX"), "0721234567", new IpsId("TH-PROMPTPAY"), OutboundCreditor.ByAccount(Bic.Parse("BKKBTHBKXXX"), "1234567890"),
            new Money(10_000, Currency.SGD), FixedSide.Source, PurposeCode: "GDDS", CreditorName: "Somchai Jaidee");

        var outcome = await sut.SendAsync(new IpsId("SG-FAST"), instruction);

        // A hop's span ends after it has sent its message on, so the destination's span (and the hub's) may still be
        // open when the source already has its answer: wait for every hop's span to end, in whatever trace.
        Assert.Equal(OutcomeStage.Accepted, outcome.Stage);
        await Eventually.WaitUntilAsync(
            () => spans.Ended().Count(static s => s.Kind == ActivityKind.Producer) == 1
                && HopSpans.All(hop => spans.Ended().Any(s => s.DisplayName.StartsWith(hop, StringComparison.Ordinal))),
            "the source's span and every hop's span ended",
            () => "ended: " + string.Join(", ", spans.Ended().Select(static s => s.DisplayName)));
        var ended = spans.Ended();
        var root = Assert.Single(ended, static s => s.Kind == ActivityKind.Producer);
        var trace = ended.Where(s => s.TraceId == root.TraceId).ToList();
        Assert.All(HopSpans, hop => Assert.Contains(trace, s => s.DisplayName.StartsWith(hop, StringComparison.Ordinal)));

        // Every span of the trace hangs off another span of it: no hop started a trace of its own.
        var ids = trace.Select(static s => s.SpanId).ToHashSet();
        Assert.All(trace.Where(s => s != root), s => Assert.Contains(s.ParentSpanId, ids));
    }

    [SkippableFact]
    public async Task SendAsync_OnePayment_RecordsCorridorOutcomeAndLatencies()
    {
        var measurements = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = static (instrument, l) =>
        {
            if (instrument.Meter.Name == SwitchTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, value, copy));
            }
        });
        listener.Start();
        await using var bus = await CreateBusAsync();
        var options = new SwitchRuntimeOptions();
        options.Hub.PublishEvents = false;
        await using var sut = await SwitchRuntime.StartAsync(bus, TestProfiles.ReliableAndQuick(), TimeProvider.System, NullLoggerFactory.Instance, options);
        var instruction = new OutboundInstruction(
            Bic.Parse("DBSSSGSGXXX"), "0721234567", new IpsId("TH-PROMPTPAY"), OutboundCreditor.ByAccount(Bic.Parse("BKKBTHBKXXX"), "1234567890"),
            new Money(10_000, Currency.SGD), FixedSide.Source, PurposeCode: "GDDS", CreditorName: "Somchai Jaidee");

        var outcome = await sut.SendAsync(new IpsId("SG-FAST"), instruction);

        // The hub records a hop's processing time once it has sent everything it decided, which can be after the
        // source has its answer: wait until both hops and the destination's answer time are recorded.
        Assert.Equal(OutcomeStage.Accepted, outcome.Stage);
        (string Instrument, long Value, Dictionary<string, object?> Tags)[] Seen()
        {
            lock (measurements)
            {
                return [.. measurements];
            }
        }

        await Eventually.WaitUntilAsync(
            () => Seen().Count(static m => m.Instrument == "paymentswitch.hub.processing.duration") >= 2
                && Seen().Any(static m => m.Instrument == "paymentswitch.ips.answer.duration"),
            "the hub's two hops and the destination's answer recorded",
            () => string.Join(", ", Seen().Select(static m => m.Instrument)));
        var seen = Seen();

        var payment = Assert.Single(seen, static m => m.Instrument == "paymentswitch.payments");
        Assert.Equal(1, payment.Value);
        Assert.Equal("SG-FAST", payment.Tags["source_ips"]);
        Assert.Equal("TH-PROMPTPAY", payment.Tags["destination_ips"]);
        Assert.Equal("accepted", payment.Tags["outcome"]);
        var duration = Assert.Single(seen, static m => m.Instrument == "paymentswitch.payment.duration");
        Assert.Equal(outcome.Elapsed.Ticks / TimeSpan.TicksPerMicrosecond, duration.Value);
        Assert.Contains(seen, static m => m.Instrument == "paymentswitch.ips.answer.duration" && (string?)m.Tags["ips"] == "TH-PROMPTPAY");
        Assert.Contains(seen, static m => m.Instrument == "paymentswitch.hub.processing.duration" && (string?)m.Tags["message"] == "pacs.008");
        Assert.Contains(seen, static m => m.Instrument == "paymentswitch.hub.processing.duration" && (string?)m.Tags["message"] == "pacs.002");

        // The ledger gauges show the state after the payment: nothing pending, the debtor agent's SGD position moved.
        lock (measurements)
        {
            measurements.Clear();
        }

        listener.RecordObservableInstruments();
        seen = Seen();

        Assert.Equal(0, Assert.Single(seen, static m => m.Instrument == "paymentswitch.hub.reservations.pending").Value);
        var position = await sut.Hub.FindPositionAsync(Bic.Parse("DBSSSGSGXXX"), Currency.SGD);
        var gauge = Assert.Single(seen, static m => m.Instrument == "paymentswitch.hub.position.balance" && (string?)m.Tags["participant"] == "DBSSSGSGXXX" && (string?)m.Tags["currency"] == "SGD");
        Assert.Equal(position!.Value.BalanceMinor, gauge.Value);
    }
}

/// <summary>
/// Keeps every span that ends, from whichever thread ends it (the hub's, each adapter's, the bus's), for the test
/// thread to read while spans are still ending.
/// </summary>
internal sealed class SpanCollector : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _ended = new();

    /// <summary>A snapshot of the spans that have ended so far.</summary>
    public IReadOnlyList<Activity> Ended() => [.. _ended];

    public override void OnEnd(Activity data) => _ended.Enqueue(data);
}

/// <summary>Tracing scenarios run one at a time: the tracer provider listens process-wide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracingCollection
{
    public const string Name = "tracing";
}

public sealed class NatsTracingScenarios(NatsServerFixture fixture) : TracingScenarios, IClassFixture<NatsServerFixture>
{
    protected override async Task<IMessageBus> CreateBusAsync()
    {
        fixture.RequireServer();
        return await fixture.CreateBusAsync();
    }
}

public sealed class InProcessTracingScenarios : TracingScenarios
{
    protected override Task<IMessageBus> CreateBusAsync() => Task.FromResult<IMessageBus>(new InProcessBus());
}
