using BenchmarkDotNet.Attributes;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.Ledger;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Iso20022.Examples;

namespace PaymentSwitch.Benchmarks;

/// <summary>
/// The hub core per payment on the default ASEAN topology: DBS (SG-FAST) pays Bangkok Bank (TH-PROMPTPAY)
/// SGD 1,000.00 → THB 25,853.00 through FX provider CIMB, HIGH priority, quoted. Per-payment figures come from
/// OperationsPerInvoke over a batch of 65,536 distinct UETRs.
/// <list type="bullet">
/// <item><c>Submit</c>: the decision path (dedupe, validate, route, quote check, reserve two legs, forward), on a
/// fresh engine per iteration, so every payment is new.</item>
/// <item><c>ACCC</c>: the acceptance path alone (destination's pacs.002 ACCC, commit, pacs.002 decision to the
/// source) over payments submitted in the iteration setup.</item>
/// <item><c>Lifecycle</c>: submit and accept in steady state: one long-lived engine whose duplicate window (65,536
/// UETRs) is full, so every new payment also evicts the oldest; the clock advances and deadlines are ticked.</item>
/// </list>
/// The fresh engine of Submit and ACCC needs [IterationSetup], which makes each iteration one invocation, so the batch
/// is sized for iterations of well over 100 ms: BenchmarkDotNet's minimum for a trustworthy timing.
/// Target: ≥ 1,000,000 payments/s on one core and 0 B allocated per payment.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class HubBenchmarks
{
    private const int Payments = 65_536;
    private const int SteadyStatePool = 4 * Payments;
    private static readonly IpsId SgFast = new("SG-FAST");
    private static readonly IpsId ThPromptPay = new("TH-PROMPTPAY");
    private static readonly Bic Dbs = AseanExamples.DbsBic;
    private static readonly Bic Bkkb = AseanExamples.BangkokBankBic;
    private static readonly Bic Cimb = Bic.Parse("CIBBMYKLXXX");

    private readonly SteppingTimeProvider _time = new();
    private Topology _topology = null!;
    private CreditTransferTransaction[] _transactions = [];
    private PaymentStatusReport[] _acceptances = [];
    private HubEngine _engine = null!;
    private HubEngine _steady = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _topology = Topology.LoadDefault();
        var example = AseanExamples.CreditTransfer(_time).Transactions[0];
        _transactions = new CreditTransferTransaction[SteadyStatePool];
        _acceptances = new PaymentStatusReport[SteadyStatePool];
        for (var i = 0; i < SteadyStatePool; i++)
        {
            var uetr = Uetr.NewUetr();
            _transactions[i] = example with { PaymentId = example.PaymentId with { Uetr = uetr } };
            _acceptances[i] = new PaymentStatusReport
            {
                GroupHeader = new GroupHeader { MessageId = "BKKB-P2", CreationDateTime = _time.GetUtcNow() },
                Transactions = ValueList<TransactionStatusInformation>.Of(new TransactionStatusInformation { OriginalUetr = uetr, Status = TransactionStatus.ACCC }),
            };
        }

        // Prove the setup takes the forward and accept paths; a benchmark of rejections would measure the wrong thing.
        var probe = NewEngine(Payments);
        if (probe.Submit(SgFast, _transactions[0]).Kind != HubDecisionKind.Forwarded
            || probe.OnStatusReport(ThPromptPay, _acceptances[0]).Kind != HubDecisionKind.Applied)
        {
            throw new InvalidOperationException("The benchmark payment is not forwarded and accepted: " + probe.Outputs[0].Rejection);
        }

        // The steady-state engine: fill its window once, so the measured payments all evict.
        _steady = NewEngine(Payments);
        for (var i = 0; i < SteadyStatePool; i++)
        {
            Lifecycle(_steady, i);
        }
    }

    [IterationSetup(Targets = [nameof(Submit)])]
    public void FreshEngine() => _engine = NewEngine(Payments);

    [IterationSetup(Targets = [nameof(Accept)])]
    public void SubmittedBatch()
    {
        _engine = NewEngine(Payments);
        for (var i = 0; i < Payments; i++)
        {
            _engine.Submit(SgFast, _transactions[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Payments, Description = "Submit (validate, dedupe, route, quote, reserve, forward)")]
    public int Submit()
    {
        var forwarded = 0;
        for (var i = 0; i < Payments; i++)
        {
            forwarded += _engine.Submit(SgFast, _transactions[i]).Kind == HubDecisionKind.Forwarded ? 1 : 0;
        }

        return forwarded;
    }

    [Benchmark(OperationsPerInvoke = Payments, Description = "ACCC (commit, pacs.002 decision)")]
    public int Accept()
    {
        var applied = 0;
        for (var i = 0; i < Payments; i++)
        {
            applied += _engine.OnStatusReport(ThPromptPay, _acceptances[i]).Kind == HubDecisionKind.Applied ? 1 : 0;
        }

        return applied;
    }

    [Benchmark(OperationsPerInvoke = Payments, Description = "Lifecycle in steady state (submit, ACCC, evict, tick)")]
    public int SteadyState()
    {
        var applied = 0;
        for (var i = 0; i < Payments; i++)
        {
            applied += Lifecycle(_steady, _next);
            _next = (_next + 1) % SteadyStatePool;
        }

        return applied;
    }

    private int Lifecycle(HubEngine engine, int i)
    {
        engine.Submit(SgFast, _transactions[i]);
        var applied = engine.OnStatusReport(ThPromptPay, _acceptances[i]).Kind == HubDecisionKind.Applied ? 1 : 0;
        if ((i & 1023) == 0)
        {
            // 1,024 payments per millisecond: about the target rate. Deadlines and window expiry are checked each step.
            _time.Advance(TimeSpan.FromMilliseconds(1));
            engine.OnTick();
        }

        return applied;
    }

    private HubEngine NewEngine(int window)
    {
        var now = _time.GetUtcNow();
        var quotes = new QuoteBook(capacity: 16);
        quotes.TryAdd(
            new Quote(
                AseanExamples.QuoteId, Cimb, SgFast, ThPromptPay, AseanExamples.SgdThbRate,
                new Money(1_000_00, Currency.SGD), new Money(25_853_00, Currency.THB),
                new Money(0, Currency.SGD), new Money(0, Currency.THB), new Money(0, Currency.SGD),
                FixedSide.Source, Dbs, now, now.AddYears(1)),
            now);

        // Liquidity is sized never to run dry: the benchmark measures the decision path, not refusals. The ledger
        // forgets completed reservations at once (CompletedReservationsRetained = 0), as the hub service runs it: the
        // engine's payment book already guarantees each reservation completes exactly once.
        var ledger = new LiquidityLedger(new LedgerOptions
        {
            FirstCycleOpenedAt = now,
            PendingReservationCapacity = 2 * window,
            CompletedReservationsRetained = 0,
        });
        ledger.ConfigurePrefunded(Dbs, Currency.SGD, Money.MaxAmountMinor);
        ledger.ConfigurePrefunded(Cimb, Currency.SGD, 0);
        ledger.ConfigurePrefunded(Cimb, Currency.THB, Money.MaxAmountMinor);
        ledger.ConfigurePrefunded(Bkkb, Currency.THB, 0);
        return new HubEngine(_topology, quotes, ledger, _time, new HubEngineOptions
        {
            PaymentCapacity = 2 * window,
            DuplicateWindowCapacity = window,
        });
    }

    /// <summary>A clock that moves only when told to, so a run is repeatable.</summary>
    private sealed class SteppingTimeProvider : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 22, 2, 15, 0, TimeSpan.Zero);

        public void Advance(TimeSpan step) => _now += step;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
