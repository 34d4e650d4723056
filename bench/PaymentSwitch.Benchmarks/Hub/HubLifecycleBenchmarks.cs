using BenchmarkDotNet.Attributes;
using PaymentSwitch.Hub;

namespace PaymentSwitch.Benchmarks.Hub;

/// <summary>
/// Submit and accept in steady state, per payment: one long-lived engine whose duplicate window (65,536 UETRs) is full,
/// so every new payment also evicts the oldest UETR from the book; the clock moves 1 ms every 1,024 payments and
/// deadlines and window expiry are ticked. This is what a hub running for hours does per payment. Target: 0 B.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class HubLifecycleBenchmarks
{
    private const int Pool = 4 * HubScenario.Payments;

    private HubScenario _scenario = null!;
    private HubEngine _steady = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new HubScenario(Pool);

        // Fill the window once, so the measured payments all evict.
        _steady = _scenario.NewEngine(HubScenario.Payments);
        for (var i = 0; i < Pool; i++)
        {
            _scenario.Lifecycle(_steady, i);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = HubScenario.Payments, Description = "Lifecycle in steady state (submit, ACCC, evict, tick)")]
    public int SteadyState()
    {
        var applied = 0;
        for (var i = 0; i < HubScenario.Payments; i++)
        {
            applied += _scenario.Lifecycle(_steady, _next);
            _next = (_next + 1) % Pool;
        }

        return applied;
    }
}
