using BenchmarkDotNet.Attributes;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Iso20022.Examples;

namespace PaymentSwitch.Benchmarks;

/// <summary>
/// One Nexus quote request on the default ASEAN topology: DBS (SG-FAST) asks for SGD→THB (TH-PROMPTPAY), and the
/// <see cref="QuoteEngine"/> prices every FX provider that posts a sheet for the pair (two today: DBS and CIMB), stores
/// each quote in the book and picks the best. The baseline fixes the source amount (SGD 1,000.00); the second fixes the
/// destination amount (THB 20,000.00; the corridor caps the source at SGD 1,000.00), which prices each sheet twice (estimate, then the tier's rate).
/// </summary>
/// <remarks>
/// The clock moves one quote validity (10 minutes) per request and the book keeps no expired quotes, so each request
/// evicts the previous request's quotes and the book stays at a few entries: the steady state of a hub quoting for
/// hours, not a book growing towards its capacity. A quote is a new object with a new id string, so a request allocates
/// by design (the response, the quotes, their ids); quotes are requested once per payment, before it is sent.
/// </remarks>
[MemoryDiagnoser]
public class QuoteBenchmarks
{
    private static readonly IpsId SgFast = new("SG-FAST");
    private static readonly IpsId ThPromptPay = new("TH-PROMPTPAY");

    // 10⁸ steps of 10 minutes is 1,900 years: a new engine before the clock nears DateTimeOffset.MaxValue.
    private const int RequestsPerEngine = 100_000_000;

    private readonly QuoteRequest _sourceFixed = new(SgFast, ThPromptPay, AseanExamples.DbsBic, new Money(1_000_00, Currency.SGD), FixedSide.Source);
    private readonly QuoteRequest _destinationFixed = new(SgFast, ThPromptPay, AseanExamples.DbsBic, new Money(20_000_00, Currency.THB), FixedSide.Destination);
    private Topology _topology = null!;
    private SteppingTimeProvider _time = null!;
    private QuoteEngine _engine = null!;
    private int _requests;

    [GlobalSetup]
    public void Setup()
    {
        _topology = Topology.LoadDefault();
        NewEngine();
        foreach (var request in new[] { _sourceFixed, _destinationFixed })
        {
            var response = _engine.GetQuotes(request);
            if (response.Best is null || response.Quotes.Count < 2 || response.Rejections.Count != 0)
            {
                throw new InvalidOperationException($"The benchmark request is not quoted by every FX provider: {string.Join("; ", response.Rejections)}");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "Quote SGD 1,000.00 → THB, source fixed, best of all FX providers")]
    public Quote? SourceFixed() => Request(_sourceFixed);

    [Benchmark(Description = "Quote SGD → THB 20,000.00, destination fixed, best of all FX providers")]
    public Quote? DestinationFixed() => Request(_destinationFixed);

    private Quote? Request(QuoteRequest request)
    {
        if (++_requests == RequestsPerEngine)
        {
            NewEngine();
        }

        _time.Advance(FxRateSheet.DefaultQuoteValidity);
        return _engine.GetQuotes(request).Best;
    }

    private void NewEngine()
    {
        _time = new SteppingTimeProvider();
        _engine = new QuoteEngine(_topology, _time, new QuoteBook(capacity: 64, expiredRetention: TimeSpan.Zero));
        _requests = 0;
    }
}
