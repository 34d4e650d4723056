using BenchmarkDotNet.Attributes;
using PaymentSwitch.Hub;

namespace PaymentSwitch.Benchmarks.Hub;

/// <summary>
/// The hub's acceptance path per payment: the destination's pacs.002 ACCC, commit of both legs into the open settlement
/// cycle, the pacs.002 decision to the source, over payments submitted in the iteration setup. See
/// <see cref="HubScenario"/> for the payment. Target: ≥ 1,000,000/s on one core, 0 B.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class HubAcceptBenchmarks
{
    private HubScenario _scenario = null!;
    private HubEngine _engine = null!;

    [GlobalSetup]
    public void Setup() => _scenario = new HubScenario(HubScenario.Payments);

    [IterationSetup]
    public void SubmittedBatch()
    {
        _engine = _scenario.NewEngine(HubScenario.Payments);
        for (var i = 0; i < HubScenario.Payments; i++)
        {
            _engine.Submit(HubScenario.SgFast, _scenario.Transactions[i]);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = HubScenario.Payments, Description = "ACCC (commit, pacs.002 decision)")]
    public int Accept()
    {
        var acceptances = _scenario.Acceptances;
        var applied = 0;
        for (var i = 0; i < HubScenario.Payments; i++)
        {
            applied += _engine.OnStatusReport(HubScenario.ThPromptPay, acceptances[i]).Kind == HubDecisionKind.Applied ? 1 : 0;
        }

        return applied;
    }
}
