using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.Ledger;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Iso20022.Examples;

namespace PaymentSwitch.Benchmarks.Hub;

/// <summary>
/// The payment every hub benchmark measures, on the default ASEAN topology: DBS (SG-FAST) pays Bangkok Bank
/// (TH-PROMPTPAY) SGD 1,000.00 → THB 25,853.00 through FX provider CIMB, HIGH priority, quoted. Per-payment figures
/// come from OperationsPerInvoke over a batch of <see cref="Payments"/> distinct UETRs.
/// </summary>
/// <remarks>
/// The benchmarks that need a fresh engine per iteration use [IterationSetup], which makes each iteration one
/// invocation, so the batch is sized for iterations of well over 100 ms: BenchmarkDotNet's minimum for a trustworthy
/// timing. Targets: ≥ 1,000,000 payments/s on one core and 0 B allocated per payment.
/// </remarks>
internal sealed class HubScenario
{
    /// <summary>Payments per invocation, and the capacity of the duplicate window.</summary>
    public const int Payments = 65_536;

    public static readonly IpsId SgFast = new("SG-FAST");
    public static readonly IpsId ThPromptPay = new("TH-PROMPTPAY");
    private static readonly Bic Dbs = AseanExamples.DbsBic;
    private static readonly Bic Bkkb = AseanExamples.BangkokBankBic;
    private static readonly Bic Cimb = Bic.Parse("CIBBMYKLXXX");

    private readonly SteppingTimeProvider _time = new();
    private readonly Topology _topology = Topology.LoadDefault();

    /// <summary>Builds <paramref name="pool"/> distinct payments and their ACCCs, and proves they are forwarded and accepted.</summary>
    public HubScenario(int pool)
    {
        var example = AseanExamples.CreditTransfer(_time).Transactions[0];
        Transactions = new CreditTransferTransaction[pool];
        Acceptances = new PaymentStatusReport[pool];
        for (var i = 0; i < pool; i++)
        {
            var uetr = Uetr.NewUetr();
            Transactions[i] = example with { PaymentId = example.PaymentId with { Uetr = uetr } };
            Acceptances[i] = new PaymentStatusReport
            {
                GroupHeader = new GroupHeader { MessageId = "BKKB-P2", CreationDateTime = _time.GetUtcNow() },
                Transactions = ValueList<TransactionStatusInformation>.Of(new TransactionStatusInformation { OriginalUetr = uetr, Status = TransactionStatus.ACCC }),
            };
        }

        // Prove the setup takes the forward and accept paths; a benchmark of rejections would measure the wrong thing.
        var probe = NewEngine(Payments);
        if (probe.Submit(SgFast, Transactions[0]).Kind != HubDecisionKind.Forwarded
            || probe.OnStatusReport(ThPromptPay, Acceptances[0]).Kind != HubDecisionKind.Applied)
        {
            throw new InvalidOperationException("The benchmark payment is not forwarded and accepted: " + probe.Outputs[0].Rejection);
        }
    }

    /// <summary>Distinct payments, each with its own UETR.</summary>
    public CreditTransferTransaction[] Transactions { get; }

    /// <summary>The destination's pacs.002 ACCC of each payment in <see cref="Transactions"/>.</summary>
    public PaymentStatusReport[] Acceptances { get; }

    /// <summary>Submits and accepts payment <paramref name="i"/>, moving the clock 1 ms every 1,024 payments; 1 when applied.</summary>
    public int Lifecycle(HubEngine engine, int i)
    {
        engine.Submit(SgFast, Transactions[i]);
        var applied = engine.OnStatusReport(ThPromptPay, Acceptances[i]).Kind == HubDecisionKind.Applied ? 1 : 0;
        if ((i & 1023) == 0)
        {
            // 1,024 payments per millisecond: about the target rate. Deadlines and window expiry are checked each step.
            _time.Advance(TimeSpan.FromMilliseconds(1));
            engine.OnTick();
        }

        return applied;
    }

    /// <summary>A hub engine with a duplicate window of <paramref name="window"/> UETRs and room for twice as many payments.</summary>
    public HubEngine NewEngine(int window)
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
}
