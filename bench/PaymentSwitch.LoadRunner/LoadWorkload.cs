using PaymentSwitch.Adapters;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Adapters.Workload;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub;

namespace PaymentSwitch.LoadRunner;

/// <summary>
/// The payments a run offers: a pool generated once by the workload generator (the demo's and the tests' generator:
/// real corridors, proxies, HIGH and NORM, amounts from percentile tables) and offered round-robin. Only good payments
/// are generated; rejections in a run come from the switch (caps, liquidity) or the realistic behaviour profiles.
/// </summary>
/// <remarks>
/// The pool is blended to <see cref="LoadRunOptions.CrossCurrencyShareBps"/>: payments between IPSs of different
/// currencies (quoted, two ledger legs through an FX provider) and between IPSs of one currency (no quote, one leg),
/// spread evenly through the pool so that any stretch of it has the requested share.
/// </remarks>
public sealed class LoadWorkload
{
    /// <summary>Balances of the bench's well-funded customers: large enough that a day at 25,000 payments/s never runs one dry.</summary>
    private const long WellFundedMultiplier = 1_000_000;

    private readonly WorkloadItem[] _items;
    private readonly bool[] _crossCurrency;

    private LoadWorkload(AdapterProfiles profiles, WorkloadItem[] items)
    {
        Profiles = profiles;
        _items = items;
        _crossCurrency = [.. items.Select(i => !SameCurrency(profiles, i.SourceIps, i.Instruction.DestinationIps))];
        CrossCurrencyCount = _crossCurrency.Count(static c => c);
    }

    /// <summary>The adapter profiles the switch must run for the pool's payments to behave as intended.</summary>
    public AdapterProfiles Profiles { get; }

    /// <summary>How many distinct payments the pool holds.</summary>
    public int Count => _items.Length;

    /// <summary>How many of the pool's payments cross currencies; the other <see cref="Count"/> minus this stay in one currency.</summary>
    public int CrossCurrencyCount { get; }

    /// <summary>The pool's payments per corridor, in pool order.</summary>
    public IReadOnlyDictionary<string, int> CorridorCounts =>
        _items.GroupBy(static i => Corridor(i)).ToDictionary(static g => g.Key, static g => g.Count(), StringComparer.Ordinal);

    /// <summary>The <paramref name="sequence"/>-th payment offered (round-robin over the pool).</summary>
    public WorkloadItem this[long sequence] => _items[(int)(sequence % _items.Length)];

    /// <summary>Whether the <paramref name="sequence"/>-th payment offered crosses currencies (its IPSs settle different currencies).</summary>
    public bool IsCrossCurrency(long sequence) => _crossCurrency[(int)(sequence % _crossCurrency.Length)];

    /// <summary>The corridor label of a payment: <c>SG-FAST&gt;TH-PROMPTPAY</c>.</summary>
    public static string Corridor(WorkloadItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.SourceIps.Value + ">" + item.Instruction.DestinationIps.Value;
    }

    /// <summary>
    /// Builds the profiles and the pool. Unless <see cref="LoadRunOptions.RealisticBehaviour"/>, every IPS is reliable
    /// (no random rejection, no outage), answers after <see cref="LoadRunOptions.DestinationLatencyMs"/> and its customers
    /// are well funded, so a long run measures the switch rather than customers running out of money.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An option does not fit the topology: an unknown or closed corridor, a cross-currency share below 100 % without a
    /// same-currency corridor between simulated IPSs, or a corridor mix without the kind of payment the share asks for.
    /// </exception>
    public static LoadWorkload Create(AdapterProfiles published, LoadRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfUnfit(published, options);
        var profiles = options.RealisticBehaviour ? published : Steady(published, options.DestinationLatencyMs);

        // Generate more than needed, then draw the pool to the corridor mix and blend it to the cross-currency share; good
        // payments only (FlawedShareBps = 0). Same-currency corridors are few among all corridors (2 of 72 in
        // asean-eur.json), so a blend needs the larger draw to offer more than a handful of distinct such payments.
        var blended = options.CrossCurrencyShareBps < Probability.BasisPoints;
        var generated = new WorkloadGenerator(profiles, new WorkloadOptions
        {
            Count = options.Corridors.Count > 0 || blended ? options.PoolSize * 4 : options.PoolSize,
            ProxyShareBps = options.ProxyShareBps,
            HighPriorityShareBps = options.HighPriorityShareBps,
            FlawedShareBps = 0,
            Amounts = ScaledAmounts(options.Amounts),
        }).Generate(options.Seed);

        var items = options.Corridors.Count == 0 ? [.. generated] : DrawToMix(generated, options);
        var crossCurrency = items.Where(i => !SameCurrency(profiles, i.SourceIps, i.Instruction.DestinationIps)).ToArray();
        var sameCurrency = items.Where(i => SameCurrency(profiles, i.SourceIps, i.Instruction.DestinationIps)).ToArray();
        if ((options.CrossCurrencyShareBps < Probability.BasisPoints && sameCurrency.Length == 0) || (options.CrossCurrencyShareBps > 0 && crossCurrency.Length == 0))
        {
            throw new ArgumentException(
                $"The workload generator made no {(sameCurrency.Length == 0 ? "same" : "cross")}-currency payment (no active customer on one side of those corridors), so the pool cannot have the requested --cross-currency-share.",
                nameof(options));
        }

        items = Blend(crossCurrency, sameCurrency, options.CrossCurrencyShareBps, options.PoolSize);
        return new LoadWorkload(profiles, items);
    }

    /// <summary>
    /// The checks of <see cref="Create"/> that need no payment generated: every corridor of the mix is an open corridor
    /// between simulated IPSs, and a cross-currency share below 100 % has a same-currency corridor to draw from. Cheap,
    /// so a command line can refuse before it starts anything.
    /// </summary>
    /// <exception cref="ArgumentException">An option does not fit the topology; the message says which and what to do.</exception>
    public static void ThrowIfUnfit(AdapterProfiles published, LoadRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(options);
        var profiles = published;
        var topology = profiles.Topology;
        if (options.CrossCurrencyShareBps < Probability.BasisPoints
            && !topology.Corridors.Any(c => c.Enabled && SameCurrency(profiles, c.SourceIps, c.DestinationIps)))
        {
            throw new ArgumentException(
                "The topology has no open same-currency corridor between simulated IPSs (every IPS has its own currency), so every payment crosses currencies: "
                + "use --cross-currency-share 100, or a topology with two IPSs of one currency such as --topology bench/topologies/asean-eur.json (EU-TIPS and EU-RT1 both settle EUR).",
                nameof(options));
        }

        foreach (var corridor in options.Corridors)
        {
            if (!topology.TryGetCorridor(corridor.Source, corridor.Destination, out var definition) || !definition.Enabled
                || !profiles.TryGet(corridor.Source, out _) || !profiles.TryGet(corridor.Destination, out _))
            {
                throw new ArgumentException($"The corridor {corridor.Source}>{corridor.Destination} is not an open corridor between simulated IPSs.", nameof(options));
            }
        }

        if (options.Corridors.Count == 0)
        {
            return;
        }

        if (options.CrossCurrencyShareBps < Probability.BasisPoints && !options.Corridors.Any(c => SameCurrency(profiles, c.Source, c.Destination)))
        {
            throw new ArgumentException(
                "The corridor mix has no same-currency corridor, so every payment crosses currencies: use --cross-currency-share 100, or add a corridor between two IPSs of one currency, such as --corridor EU-TIPS>EU-RT1.",
                nameof(options));
        }

        if (options.CrossCurrencyShareBps > 0 && options.Corridors.All(c => SameCurrency(profiles, c.Source, c.Destination)))
        {
            throw new ArgumentException(
                "The corridor mix has only same-currency corridors, so no payment can cross currencies: use --cross-currency-share 0, or add a cross-currency corridor.",
                nameof(options));
        }
    }

    private static bool SameCurrency(AdapterProfiles profiles, IpsId source, IpsId destination) =>
        profiles.TryGet(source, out var s) && profiles.TryGet(destination, out var d) && s.Currency == d.Currency;

    private static AdapterProfiles Steady(AdapterProfiles published, int latencyMs)
    {
        var profiles = published.Reliable();
        foreach (var profile in profiles.Switches)
        {
            var banks = profile.Banks.AsSpan().ToArray().Select(static bank => bank with
            {
                Accounts = new([.. bank.Accounts.AsSpan().ToArray().Select(static a => a with { OpeningBalanceMinor = checked(Math.Max(a.OpeningBalanceMinor, 1) * WellFundedMultiplier) })]),
            });
            profiles = profiles.With(profile with
            {
                Banks = new([.. banks]),
                Behaviour = profile.Behaviour with { LatencyMs = PercentileTable.Constant(latencyMs) },
            });
        }

        return profiles;
    }

    private static Dictionary<Currency, PercentileTable> ScaledAmounts(AmountProfile profile)
    {
        var (numerator, denominator) = profile switch
        {
            AmountProfile.Small => (1, 10),
            AmountProfile.Large => (10, 1),
            _ => (1, 1),
        };

        // Integer scaling of minor units, rounded down, never below one minor unit; the generator keeps amounts under
        // each route's tightest cap, so "large" payments near a cap are clipped there rather than refused.
        return WorkloadOptions.DefaultAmounts().ToDictionary(
            static kv => kv.Key,
            kv => PercentileTable.Create([.. kv.Value.Points.AsSpan().ToArray().Select(p => p with { Value = Math.Max(1, p.Value * numerator / denominator) })]));
    }

    private static WorkloadItem[] DrawToMix(IReadOnlyList<WorkloadItem> generated, LoadRunOptions options)
    {
        var byCorridor = generated.GroupBy(static i => (i.SourceIps, i.Instruction.DestinationIps)).ToDictionary(static g => g.Key, static g => g.ToArray());
        var total = options.Corridors.Sum(static c => c.Weight);
        var items = new List<WorkloadItem>(options.PoolSize);
        foreach (var corridor in options.Corridors)
        {
            if (!byCorridor.TryGetValue((corridor.Source, corridor.Destination), out var candidates) || candidates.Length == 0)
            {
                throw new ArgumentException($"The workload generator made no payment on {corridor.Source}>{corridor.Destination} (no active customer on one side).", nameof(options));
            }

            var share = Math.Max(1, (int)((long)options.PoolSize * corridor.Weight / total));
            for (var i = 0; i < share; i++)
            {
                items.Add(candidates[i % candidates.Length]);
            }
        }

        // Interleave the corridors deterministically so a short step sees the mix, not one corridor after another.
        var random = new Random(unchecked((int)options.Seed));
        var array = items.ToArray();
        random.Shuffle(array);
        return array;
    }

    // Exactly ⌊size × share⌋ cross-currency payments, each kind taken in generated order and reused from its start
    // when the pool needs more of it than were generated (every send gets a fresh UETR, so a reused instruction is a new
    // payment). The caller has checked that each kind the share asks for exists.
    private static WorkloadItem[] Blend(WorkloadItem[] crossCurrency, WorkloadItem[] sameCurrency, int crossCurrencyShareBps, int size)
    {
        var pool = new WorkloadItem[size];
        var crossCount = (int)((long)size * crossCurrencyShareBps / Probability.BasisPoints);
        var crossTaken = 0;
        var sameTaken = 0;
        for (var i = 0; i < size; i++)
        {
            // Bresenham-style spreading: the first i items hold ⌊i × crossCount / size⌋ cross-currency payments.
            var cross = (long)(i + 1) * crossCount / size > (long)i * crossCount / size;
            pool[i] = cross ? crossCurrency[crossTaken++ % crossCurrency.Length] : sameCurrency[sameTaken++ % sameCurrency.Length];
        }

        return pool;
    }
}
