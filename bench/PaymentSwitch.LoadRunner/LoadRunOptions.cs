using System.ComponentModel.DataAnnotations;
using PaymentSwitch.Hub;

namespace PaymentSwitch.LoadRunner;

/// <summary>How the harness offers load.</summary>
public enum LoadMode
{
    /// <summary>One fixed offered rate, paced from a dedicated thread; latency from each payment's intended send time.</summary>
    Open,

    /// <summary>Several open-loop steps, one per offered rate, in increasing order (latency percentiles vs offered rate).</summary>
    Sweep,

    /// <summary>A fixed number of senders, each sending its next payment when the last one ended: finds the maximum.</summary>
    Closed,
}

/// <summary>The amounts the generated payments carry.</summary>
public enum AmountProfile
{
    /// <summary>Retail remittances: the workload generator's per-currency percentile tables (median around USD 100).</summary>
    Retail,

    /// <summary>Micro-payments: a tenth of the retail amounts.</summary>
    Small,

    /// <summary>Business payments: ten times the retail amounts, still below each route's tightest cap.</summary>
    Large,
}

/// <summary>
/// What one load-harness run does (<c>paymentswitch bench</c>). Shares are in basis points (10,000 = all), as the
/// workload generator takes them.
/// </summary>
public sealed class LoadRunOptions : IValidatableObject
{
    /// <summary>How the load is offered.</summary>
    public LoadMode Mode { get; set; } = LoadMode.Open;

    /// <summary>The offered rate of an open-loop run, in payments per second.</summary>
    [Range(typeof(decimal), "0.1", "10000000")]
    public decimal Rate { get; set; } = 10_000m;

    /// <summary>The offered rates of a sweep, in payments per second.</summary>
    public IReadOnlyList<decimal> SweepRates { get; set; } = [1_000m, 2_500m, 5_000m, 10_000m, 15_000m, 20_000m, 25_000m];

    /// <summary>How many senders a closed-loop run keeps busy.</summary>
    [Range(1, 100_000)]
    public int Concurrency { get; set; } = 512;

    /// <summary>How long each measured step lasts.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Load offered before measuring (at the step's rate, or closed loop), so JIT tiering, connection buffers and
    /// the hub's tables are warm. Its payments are not recorded.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan WarmUp { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a step waits after its last send for answers still in flight; later answers count as timed out.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Drain { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The corridor mix: relative weight per (source, destination) IPS pair; empty for every open corridor, weighted by source.</summary>
    public IReadOnlyList<CorridorWeight> Corridors { get; set; } = [];

    /// <summary>
    /// The hub's reference data (the JSON <c>Topology.Load</c> reads); <c>null</c> runs the embedded ASEAN + India
    /// topology. See <see cref="LoadReferenceData"/>.
    /// </summary>
    public string? TopologyFile { get; set; }

    /// <summary>
    /// The simulated IPSs' adapter profiles (the JSON <c>AdapterProfiles.Load</c> reads, checked against the topology);
    /// <c>null</c> takes <c>&lt;topology name&gt;-adapters.json</c> beside <see cref="TopologyFile"/> when there is one, else
    /// the embedded ASEAN + India profiles. See <see cref="LoadReferenceData"/>.
    /// </summary>
    public string? ProfilesFile { get; set; }

    /// <summary>The payment size distribution.</summary>
    public AmountProfile Amounts { get; set; } = AmountProfile.Retail;

    /// <summary>Share of payments addressed by proxy (an acmt.023/024 lookup through the hub first), in bps.</summary>
    [Range(0, 10_000)]
    public int ProxyShareBps { get; set; } = 6_000;

    /// <summary>
    /// Share of payments that cross currencies, in bps. The rest are same-currency cross-border payments between two
    /// IPSs of one currency (no FX quote, one ledger leg); the default ASEAN topology has none (every IPS has its own
    /// currency), so a share below 10,000 needs a topology with same-currency corridors between simulated IPSs, such as
    /// <c>bench/topologies/asean-eur.json</c>, and is refused otherwise.
    /// </summary>
    [Range(0, 10_000)]
    public int CrossCurrencyShareBps { get; set; } = 10_000;

    /// <summary>Share of HIGH priority payments where both IPSs support it, in bps; the rest are NORM.</summary>
    [Range(0, 10_000)]
    public int HighPriorityShareBps { get; set; } = 7_000;

    /// <summary>
    /// Each destination IPS's answer time in milliseconds (its simulated bank's processing). Zero measures the switch
    /// alone; the published profiles' latency tables apply with <see cref="RealisticBehaviour"/>.
    /// </summary>
    [Range(0, 60_000)]
    public int DestinationLatencyMs { get; set; }

    /// <summary>
    /// Run the IPSs with their published behaviour profiles (latency tables, random rejections, outage windows) and the
    /// customers' real balances, instead of reliable, instant, well-funded IPSs.
    /// </summary>
    public bool RealisticBehaviour { get; set; }

    /// <summary>
    /// How many hub instances share the payments, each owning the UETRs of its partition and a share of the liquidity
    /// (docs/protocol.md, "Several hub instances"). In this process they share the machine's cores with everything else.
    /// </summary>
    [Range(1, 64)]
    public int HubInstances { get; set; } = 1;

    /// <summary>
    /// Each adapter's admission limit (<c>AdapterServiceOptions.MaxInFlight</c>): payments in flight at once before the
    /// next is refused at the source with NARR; 0 for none, which lets queues grow without bound past the knee.
    /// </summary>
    [Range(0, 1_000_000)]
    public int AdapterMaxInFlight { get; set; } = 256;

    /// <summary>An existing NATS server to run on; <c>null</c> starts a private nats-server on a free loopback port.</summary>
    public string? NatsUrl { get; set; }

    /// <summary>The monitoring endpoint of <see cref="NatsUrl"/> (http://host:8222), to count messages per payment; <c>null</c> estimates them.</summary>
    public string? NatsMonitoringUrl { get; set; }

    /// <summary>Measure the raw NATS ceiling before the payment run (on by default).</summary>
    public bool MeasureCeiling { get; set; } = true;

    /// <summary>How long the raw NATS ceiling is measured.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CeilingDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The seed of the workload and of the IPSs' behaviour: the same seed offers the same payments.</summary>
    public long Seed { get; set; } = 20261122;

    /// <summary>How many distinct payments are generated and then offered round-robin.</summary>
    [Range(100, 10_000_000)]
    public int PoolSize { get; set; } = 50_000;

    /// <summary>Where the results (JSON, CSV, plots, summary) are written.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "bench-results";

    /// <summary>The offered rates of the steps this run measures (one for open loop, none for closed loop).</summary>
    public IReadOnlyList<decimal> StepRates => Mode switch
    {
        LoadMode.Open => [Rate],
        LoadMode.Sweep => [.. SweepRates.Order()],
        _ => [],
    };

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == LoadMode.Sweep && (SweepRates.Count == 0 || SweepRates.Any(static r => r <= 0)))
        {
            yield return new ValidationResult("A sweep needs at least one positive rate.", [nameof(SweepRates)]);
        }

        if (Corridors.Any(static c => c.Weight <= 0))
        {
            yield return new ValidationResult("Corridor weights must be positive.", [nameof(Corridors)]);
        }

        if (NatsMonitoringUrl is not null && NatsUrl is null)
        {
            yield return new ValidationResult("A monitoring URL belongs to an external server: give --nats too.", [nameof(NatsMonitoringUrl)]);
        }
    }

    /// <summary>Throws <see cref="ValidationException"/> naming the first invalid option.</summary>
    public void ThrowIfInvalid() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}

/// <summary>One corridor of the mix: payments from <paramref name="Source"/> to <paramref name="Destination"/> weigh <paramref name="Weight"/>.</summary>
public sealed record CorridorWeight(IpsId Source, IpsId Destination, int Weight)
{
    /// <summary>Parses <c>SG-FAST&gt;TH-PROMPTPAY=3</c> (weight 1 when omitted).</summary>
    public static bool TryParse(string text, out CorridorWeight corridor, out string error)
    {
        corridor = null!;
        error = string.Empty;
        var (pair, weightText) = text.Split('=', 2) is [var p, var w] ? (p, w) : (text, "1");
        if (pair.Split('>', 2, StringSplitOptions.TrimEntries) is not [{ Length: > 0 } source, { Length: > 0 } destination])
        {
            error = $"'{text}' is not SOURCE>DESTINATION[=WEIGHT], for example SG-FAST>TH-PROMPTPAY=3";
            return false;
        }

        if (!int.TryParse(weightText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var weight) || weight <= 0)
        {
            error = $"the weight in '{text}' must be a positive integer";
            return false;
        }

        corridor = new CorridorWeight(new IpsId(source), new IpsId(destination), weight);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Source}>{Destination}={Weight}";
}
