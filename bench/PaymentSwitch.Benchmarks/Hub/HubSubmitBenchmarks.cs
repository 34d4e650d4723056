using BenchmarkDotNet.Attributes;
using PaymentSwitch.Hub;

namespace PaymentSwitch.Benchmarks.Hub;

/// <summary>
/// The hub's decision path per payment (dedupe, validate, route, quote check, reserve two legs, forward) on a fresh
/// engine per iteration, so every payment is new; this includes the first touch of every page of the engine's tables
/// (the pessimistic case). See <see cref="HubScenario"/> for the payment. Target: ≥ 1,000,000/s on one core, 0 B.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class HubSubmitBenchmarks
{
    private HubScenario _scenario = null!;
    private HubEngine _engine = null!;

    [GlobalSetup]
    public void Setup() => _scenario = new HubScenario(HubScenario.Payments);

    [IterationSetup]
    public void FreshEngine() => _engine = _scenario.NewEngine(HubScenario.Payments);

    [Benchmark(Baseline = true, OperationsPerInvoke = HubScenario.Payments, Description = "Submit (validate, dedupe, route, quote, reserve, forward)")]
    public int Submit()
    {
        var transactions = _scenario.Transactions;
        var forwarded = 0;
        for (var i = 0; i < HubScenario.Payments; i++)
        {
            forwarded += _engine.Submit(HubScenario.SgFast, transactions[i]).Kind == HubDecisionKind.Forwarded ? 1 : 0;
        }

        return forwarded;
    }
}
