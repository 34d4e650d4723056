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
/// The hub's decision path per payment on the default ASEAN topology: DBS (SG-FAST) pays Bangkok Bank (TH-PROMPTPAY)
/// SGD 1,000.00 → THB 25,853.00 through FX provider CIMB, HIGH priority, quoted. <c>Submit</c> is validate, dedupe,
/// route, check the quote, reserve both legs and decide to forward; <c>Submit+Accept</c> adds the destination's ACCC
/// (commit and the pacs.002 decision for the source). Each invocation runs a pre-built batch of distinct UETRs
/// through a fresh engine, so every payment is new; per-payment figures come from OperationsPerInvoke. The fresh
/// engine needs [IterationSetup], which makes each iteration a single invocation, so the batch is sized (65,536
/// payments) for an iteration of well over 100 ms: BenchmarkDotNet's minimum for a trustworthy timing.
/// Target: ≥ 1,000,000 payments/s on one core and 0 B allocated per payment.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class HubBenchmarks
{
    private const int Payments = 65_536;
    private static readonly IpsId SgFast = new("SG-FAST");
    private static readonly IpsId ThPromptPay = new("TH-PROMPTPAY");
    private static readonly Bic Dbs = AseanExamples.DbsBic;
    private static readonly Bic Bkkb = AseanExamples.BangkokBankBic;
    private static readonly Bic Cimb = Bic.Parse("CIBBMYKLXXX");

    private readonly FixedTimeProvider _time = new();
    private Topology _topology = null!;
    private CreditTransferTransaction[] _transactions = [];
    private PaymentStatusReport[] _acceptances = [];
    private HubEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _topology = Topology.LoadDefault();
        var example = AseanExamples.CreditTransfer(_time).Transactions[0];
        _transactions = new CreditTransferTransaction[Payments];
        _acceptances = new PaymentStatusReport[Payments];
        for (var i = 0; i < Payments; i++)
        {
            var uetr = Uetr.NewUetr();
            _transactions[i] = example with { PaymentId = example.PaymentId with { Uetr = uetr } };
            _acceptances[i] = new PaymentStatusReport
            {
                GroupHeader = new GroupHeader { MessageId = "BKKB-P2", CreationDateTime = _time.GetUtcNow() },
                Transactions = ValueList<TransactionStatusInformation>.Of(new TransactionStatusInformation { OriginalUetr = uetr, Status = TransactionStatus.ACCC }),
            };
        }

        // Prove the setup takes the forward path; a benchmark of rejections would measure the wrong thing.
        IterationSetup();
        if (_engine.Submit(SgFast, _transactions[0]).Kind != HubDecisionKind.Forwarded)
        {
            throw new InvalidOperationException("The benchmark payment is not forwarded: " + _engine.Outputs[0].Rejection);
        }
    }

    [IterationSetup]
    public void IterationSetup()
    {
        var now = _time.GetUtcNow();
        var quotes = new QuoteBook(capacity: 16);
        quotes.TryAdd(
            new Quote(
                AseanExamples.QuoteId, Cimb, SgFast, ThPromptPay, AseanExamples.SgdThbRate,
                new Money(1_000_00, Currency.SGD), new Money(25_853_00, Currency.THB),
                new Money(0, Currency.SGD), new Money(0, Currency.THB), new Money(0, Currency.SGD),
                FixedSide.Source, Dbs, now, now.AddMinutes(10)),
            now);

        // Liquidity is sized for the whole batch: the benchmark measures the decision path, not running dry.
        var ledger = new LiquidityLedger(new LedgerOptions
        {
            FirstCycleOpenedAt = now,
            PendingReservationCapacity = 2 * Payments,
            CompletedReservationsRetained = 2 * Payments,
        });
        ledger.ConfigurePrefunded(Dbs, Currency.SGD, 1_000_00L * Payments * 2);
        ledger.ConfigurePrefunded(Cimb, Currency.SGD, 0);
        ledger.ConfigurePrefunded(Cimb, Currency.THB, 25_853_00L * Payments * 2);
        ledger.ConfigurePrefunded(Bkkb, Currency.THB, 0);
        _engine = new HubEngine(_topology, quotes, ledger, _time, new HubEngineOptions
        {
            PaymentCapacity = 2 * Payments,
            DuplicateWindowCapacity = 2 * Payments,
        });
    }

    [Benchmark(OperationsPerInvoke = Payments, Description = "Submit (validate, dedupe, route, quote, reserve, forward)")]
    public int Submit()
    {
        var forwarded = 0;
        var transactions = _transactions;
        for (var i = 0; i < transactions.Length; i++)
        {
            forwarded += _engine.Submit(SgFast, transactions[i]).Kind == HubDecisionKind.Forwarded ? 1 : 0;
        }

        return forwarded;
    }

    [Benchmark(OperationsPerInvoke = Payments, Description = "Submit + ACCC (commit, pacs.002 decision)")]
    public int SubmitAndAccept()
    {
        var applied = 0;
        var transactions = _transactions;
        for (var i = 0; i < transactions.Length; i++)
        {
            _engine.Submit(SgFast, transactions[i]);
            applied += _engine.OnStatusReport(ThPromptPay, _acceptances[i]).Kind == HubDecisionKind.Applied ? 1 : 0;
        }

        return applied;
    }

    /// <summary>A clock fixed at one instant.</summary>
    private sealed class FixedTimeProvider : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 22, 2, 15, 0, TimeSpan.Zero);
    }
}
