using BenchmarkDotNet.Attributes;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Payments;

namespace PaymentSwitch.Benchmarks.Hub;

/// <summary>
/// The hub's idempotency check per message, against an engine holding 65,536 payments in flight (forwarded, not yet
/// answered): a resend of a known UETR with the same content is answered from the payment book with the status the
/// sender was told (<see cref="HubDecisionKind.Answered"/>, nothing changes); the same UETR with different content is
/// a reuse, rejected with DUPL. The baseline is the canonical content hash alone, which every check pays. See
/// docs/lifecycle.md for the duplicate rule. Target: 0 B.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class HubDuplicateBenchmarks
{
    private HubScenario _scenario = null!;
    private CreditTransferTransaction[] _reused = [];
    private HubEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new HubScenario(HubScenario.Payments);
        _engine = _scenario.NewEngine(HubScenario.Payments);
        _reused = new CreditTransferTransaction[HubScenario.Payments];
        for (var i = 0; i < HubScenario.Payments; i++)
        {
            var transaction = _scenario.Transactions[i];
            _engine.Submit(HubScenario.SgFast, transaction);
            _reused[i] = transaction with { PaymentId = transaction.PaymentId with { EndToEndId = "REUSED-" + i } };
        }

        // Prove the two paths: a resend is answered, a reuse is refused as a duplicate; neither may reach validation.
        if (_engine.Submit(HubScenario.SgFast, _scenario.Transactions[0]).Kind != HubDecisionKind.Answered
            || _engine.Submit(HubScenario.SgFast, _reused[0]).Rejection?.Reason != StatusReasonCode.DUPL)
        {
            throw new InvalidOperationException("The benchmark resend is not answered from the record, or the reuse is not refused with DUPL.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = HubScenario.Payments, Description = "Canonical content hash of the resend")]
    public ulong ContentHash()
    {
        var transactions = _scenario.Transactions;
        var sum = 0UL;
        for (var i = 0; i < HubScenario.Payments; i++)
        {
            sum += CanonicalContent.Compute(transactions[i]).Low;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = HubScenario.Payments, Description = "Resend, same content (answered from the record)")]
    public int Resend()
    {
        var transactions = _scenario.Transactions;
        var answered = 0;
        for (var i = 0; i < HubScenario.Payments; i++)
        {
            answered += _engine.Submit(HubScenario.SgFast, transactions[i]).Kind == HubDecisionKind.Answered ? 1 : 0;
        }

        return answered;
    }

    [Benchmark(OperationsPerInvoke = HubScenario.Payments, Description = "Reused UETR, different content (DUPL)")]
    public int ReusedUetr()
    {
        var rejected = 0;
        for (var i = 0; i < HubScenario.Payments; i++)
        {
            rejected += _engine.Submit(HubScenario.SgFast, _reused[i]).Kind == HubDecisionKind.Rejected ? 1 : 0;
        }

        return rejected;
    }
}
