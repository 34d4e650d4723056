using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.Ledger;
using PaymentSwitch.Hub.Payments;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Iso20022.Examples;

namespace PaymentSwitch.Hub.Tests.Payments;

public sealed class HubEngineSubmitTests
{
    private readonly HubFixture _f = new();

    private HubEngine Sut => _f.Engine;

    [Fact]
    public void Submit_ValidExamplePayment_ReservesAndForwardsWithClearingSystemRewritten()
    {
        var decision = Sut.Submit(HubFixture.SgFast, _f.Payment());

        Assert.Equal(HubDecisionKind.Forwarded, decision.Kind);
        var forward = _f.Single(HubOutputKind.ForwardPayment);
        Assert.Equal(HubFixture.ThPromptPay, forward.Target);
        Assert.Equal(HubFixture.ThPromptPay, forward.ClearingSystem);
        Assert.Equal(AseanExamples.PaymentUetr, forward.Uetr);
        Assert.Equal(1_000_00, _f.Reserved(HubFixture.Dbs, Currency.SGD));
        Assert.Equal(25_853_00, _f.Reserved(HubFixture.FxProvider, Currency.THB));
        Assert.True(Sut.TryGetPayment(AseanExamples.PaymentUetr, out var record));
        Assert.Equal(PaymentState.Forwarded, record.State);
        Assert.Equal(
            [PaymentEventKind.Received, PaymentEventKind.Validated, PaymentEventKind.Reserved, PaymentEventKind.Forwarded],
            Sut.Events.ToArray().Select(e => e.Kind));
    }

    [Fact]
    public void Submit_HighPriority_SchedulesDeadlineSixtySecondsAfterAcceptance()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());

        var deadline = _f.Single(HubOutputKind.ScheduleDeadline);
        Assert.Equal(_f.Time.GetUtcNow().AddSeconds(60), deadline.At);
        Assert.Equal(deadline.At, Sut.NextDeadline);
    }

    [Fact]
    public void Submit_NormPriority_NoDeadline()
    {
        Sut.Submit(HubFixture.SgFast, HubFixture.WithPriority(_f.Payment(), Priority.NORM));

        Assert.DoesNotContain(Sut.Outputs.ToArray(), o => o.Kind == HubOutputKind.ScheduleDeadline);
        Assert.Null(Sut.NextDeadline);
    }

    public static TheoryData<string, StatusReasonCode> Rules() => new()
    {
        { "unknownInstructing", StatusReasonCode.RC01 },
        { "instructingOtherIps", StatusReasonCode.AGNT },
        { "suspendedDebtorAgent", StatusReasonCode.AGNT },
        { "fxProviderAsDebtorAgent", StatusReasonCode.AGNT },
        { "unknownCreditorBic", StatusReasonCode.RC01 },
        { "unknownMemberId", StatusReasonCode.RC01 },
        { "unknownProxy", StatusReasonCode.BE23 },
        { "noCorridor", StatusReasonCode.AG01 },
        { "domestic", StatusReasonCode.AG01 },
        { "wrongSettlementCurrency", StatusReasonCode.CURR },
        { "wrongInstructedCurrency", StatusReasonCode.CURR },
        { "zeroAmount", StatusReasonCode.AM01 },
        { "overSourceCap", StatusReasonCode.AM02 },
        { "overDestinationCap", StatusReasonCode.AM02 },
        { "overCorridorCap", StatusReasonCode.AM02 },
        { "missingPurpose", StatusReasonCode.CH21 },
        { "missingInstructedAmount", StatusReasonCode.CH21 },
        { "missingRate", StatusReasonCode.CH21 },
        { "missingQuote", StatusReasonCode.CH21 },
        { "unknownQuote", StatusReasonCode.AG01 },
        { "rateMismatch", StatusReasonCode.NARR },
        { "amountMismatch", StatusReasonCode.AM09 },
        { "missingUetr", StatusReasonCode.CH21 },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Submit_RuleBroken_RejectedWithCodeAndNoStateChange(string rule, StatusReasonCode expected)
    {
        var tx = Break(_f.Payment(), rule);

        var decision = Sut.Submit(HubFixture.SgFast, tx);

        Assert.Equal(HubDecisionKind.Rejected, decision.Kind);
        Assert.Equal(expected, decision.Reason);
        Assert.False(string.IsNullOrEmpty(decision.Rejection!.Value.Field));
        var report = _f.Single(HubOutputKind.StatusReport);
        Assert.Equal(TransactionStatus.RJCT, report.Status);
        Assert.Equal(expected, report.Reason);
        Assert.Equal(0, Sut.Payments.Count);
        Assert.True(Sut.Events.IsEmpty);
        Assert.Equal(0, _f.Reserved(HubFixture.Dbs, Currency.SGD));
    }

    // The engine remembers each reference-data lookup's last answer: a rule broken right after valid payments on the
    // same corridor (the remembered keys) must get exactly the answer a fresh engine gives, and valid payments after it too.
    [Fact]
    public void Submit_EveryRuleBrokenBetweenValidPayments_SameAnswersAsAFreshEngine()
    {
        var n = 0;
        foreach (var row in Rules())
        {
            var rule = (string)row[0];
            var expected = (StatusReasonCode)row[1];
            Assert.Equal(HubDecisionKind.Forwarded, Sut.Submit(HubFixture.SgFast, _f.Payment(++n)).Kind);

            var decision = Sut.Submit(HubFixture.SgFast, Break(_f.Payment(++n), rule));

            Assert.Equal(HubDecisionKind.Rejected, decision.Kind);
            Assert.Equal(expected, decision.Reason);
            var fresh = new HubFixture();
            Assert.Equal(fresh.Engine.Submit(HubFixture.SgFast, Break(fresh.Payment(n), rule)).Rejection, decision.Rejection);
        }

        Assert.Equal(HubDecisionKind.Forwarded, Sut.Submit(HubFixture.SgFast, _f.Payment(++n)).Kind);
    }

    // The fixture clock is 2025-03-14 (a Friday) 02:00 UTC: 10:00 in Singapore, 09:00 in Bangkok.
    private static readonly TimeZoneInfo Singapore = TimeZoneInfo.FindSystemTimeZoneById("Asia/Singapore");
    private static readonly TimeZoneInfo Bangkok = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");

    [Fact]
    public void Submit_DestinationOffline_Ab08BeforeAnyReservation()
    {
        var offline = new SwitchableAvailability();
        var f = new HubFixture(availability: offline);
        offline.Offline.Add(HubFixture.ThPromptPay);

        var decision = f.Engine.Submit(HubFixture.SgFast, f.Payment(1));

        Assert.Equal(HubDecisionKind.Rejected, decision.Kind);
        Assert.Equal(StatusReasonCode.AB08, decision.Reason);
        Assert.Contains("TH-PROMPTPAY", decision.Rejection!.Value.Detail, StringComparison.Ordinal);
        Assert.Equal(0, f.Reserved(HubFixture.Dbs, Currency.SGD));
        Assert.False(f.Engine.TryGetPayment(HubFixture.TestUetr(1), out _));

        offline.Offline.Clear();
        Assert.Equal(HubDecisionKind.Forwarded, f.Engine.Submit(HubFixture.SgFast, f.Payment(1)).Kind);
    }

    private sealed class SwitchableAvailability : IDestinationAvailability
    {
        public HashSet<IpsId> Offline { get; } = [];

        public bool IsOffline(IpsId destination) => Offline.Contains(destination);
    }

    [Fact]
    public void Submit_DestinationIpsClosed_Tm01NamingTheIpsAndNoStateChange()
    {
        var f = new HubFixture(thHours: new OperatingHours(Bangkok, new TimeOnly(10, 0), new TimeOnly(17, 0)));

        var decision = f.Engine.Submit(HubFixture.SgFast, f.Payment());

        Assert.Equal(HubDecisionKind.Rejected, decision.Kind);
        Assert.Equal(StatusReasonCode.TM01, decision.Reason);
        Assert.Contains("TH-PROMPTPAY", decision.Rejection!.Value.Detail, StringComparison.Ordinal);
        Assert.Equal("CdtTrfTxInf/CdtrAgt/FinInstnId", decision.Rejection!.Value.Field);
        Assert.Equal(StatusReasonCode.TM01, f.Single(HubOutputKind.StatusReport).Reason);
        Assert.Equal(0, f.Engine.Payments.Count);
        Assert.Equal(0, f.Reserved(HubFixture.Dbs, Currency.SGD));
    }

    [Fact]
    public void Submit_SourceIpsClosed_Tm01NamingTheIps()
    {
        var f = new HubFixture(sgHours: new OperatingHours(Singapore, new TimeOnly(11, 0), new TimeOnly(18, 0)));

        var decision = f.Engine.Submit(HubFixture.SgFast, f.Payment());

        Assert.Equal(StatusReasonCode.TM01, decision.Reason);
        Assert.Contains("SG-FAST", decision.Rejection!.Value.Detail, StringComparison.Ordinal);
        Assert.Equal(0, f.Engine.Payments.Count);
    }

    [Fact]
    public void Submit_BothIpsInsideOperatingHours_Forwarded()
    {
        var f = new HubFixture(
            sgHours: new OperatingHours(Singapore, new TimeOnly(9, 0), new TimeOnly(18, 0)),
            thHours: new OperatingHours(Bangkok, new TimeOnly(9, 0), new TimeOnly(17, 0)));

        Assert.Equal(HubDecisionKind.Forwarded, f.Engine.Submit(HubFixture.SgFast, f.Payment()).Kind);
    }

    public static TheoryData<string, string> BadIntermediaries() => new()
    {
        { "agent1NotSap", "CdtTrfTxInf/IntrmyAgt1/FinInstnId" },
        { "agent1SapOfDestination", "CdtTrfTxInf/IntrmyAgt1/FinInstnId" },
        { "agent1Unknown", "CdtTrfTxInf/IntrmyAgt1/FinInstnId" },
        { "agent2SapOfSource", "CdtTrfTxInf/IntrmyAgt2/FinInstnId" },
        { "agent2NotSap", "CdtTrfTxInf/IntrmyAgt2/FinInstnId" },
    };

    [Theory]
    [MemberData(nameof(BadIntermediaries))]
    public void Submit_IntermediaryNotSettlementAccessProviderOfItsIps_Rc11(string rule, string field)
    {
        var tx = _f.Payment();
        tx = rule switch
        {
            "agent1NotSap" => tx with { IntermediaryAgent1 = new Agent { Bicfi = HubFixture.Dbs } },
            "agent1SapOfDestination" => tx with { IntermediaryAgent1 = new Agent { Bicfi = HubFixture.Kasikorn } },
            "agent1Unknown" => tx with { IntermediaryAgent1 = new Agent { Bicfi = HubFixture.UnknownBic } },
            "agent2SapOfSource" => tx with { IntermediaryAgent2 = new Agent { Bicfi = HubFixture.OtherSgPsp } },
            "agent2NotSap" => tx with { IntermediaryAgent2 = new Agent { Bicfi = HubFixture.Bkkb } },
            _ => throw new ArgumentOutOfRangeException(nameof(rule)),
        };

        var decision = Sut.Submit(HubFixture.SgFast, tx);

        Assert.Equal(HubDecisionKind.Rejected, decision.Kind);
        Assert.Equal(StatusReasonCode.RC11, decision.Reason);
        Assert.Equal(field, decision.Rejection!.Value.Field);
        Assert.Equal(0, Sut.Payments.Count);
        Assert.Equal(0, _f.Reserved(HubFixture.Dbs, Currency.SGD));
    }

    [Fact]
    public void Submit_NoIntermediaryAgents_Forwarded()
    {
        var tx = _f.Payment() with { IntermediaryAgent1 = null, IntermediaryAgent1Account = null, IntermediaryAgent2 = null, IntermediaryAgent2Account = null };

        Assert.Equal(HubDecisionKind.Forwarded, Sut.Submit(HubFixture.SgFast, tx).Kind);
    }

    [Fact]
    public void Submit_HighPriorityToIpsWithoutHigh_Ag01NamingTheIps()
    {
        var f = new HubFixture(thSupportsHigh: false);

        var decision = f.Engine.Submit(HubFixture.SgFast, f.Payment());

        Assert.Equal(StatusReasonCode.AG01, decision.Reason);
        Assert.Equal("CdtTrfTxInf/PmtTpInf/InstrPrty", decision.Rejection!.Value.Field);
        Assert.Contains("TH-PROMPTPAY", decision.Rejection!.Value.Detail, StringComparison.Ordinal);
        Assert.Equal(0, f.Engine.Payments.Count);
        Assert.Equal(HubDecisionKind.Forwarded, f.Engine.Submit(HubFixture.SgFast, HubFixture.WithPriority(f.Payment(), Priority.NORM)).Kind);
    }

    [Fact]
    public void Submit_MissingPurpose_Ch21NamesTheElement()
    {
        var decision = Sut.Submit(HubFixture.SgFast, Break(_f.Payment(), "missingPurpose"));

        Assert.Equal("CdtTrfTxInf/Purp/Cd", decision.Rejection!.Value.Field);
    }

    [Fact]
    public void Submit_ExpiredQuote_Tm01()
    {
        _f.Time.Advance(TimeSpan.FromMinutes(11));

        var decision = Sut.Submit(HubFixture.SgFast, _f.Payment());

        Assert.Equal(StatusReasonCode.TM01, decision.Reason);
    }

    [Fact]
    public void Submit_QuoteIssuedToAnotherPsp_Agnt()
    {
        _f.Quotes.TryAdd(_f.ExampleQuote("Q-OCBC", HubFixture.OtherSgPsp), _f.Time.GetUtcNow());
        var tx = WithQuote(_f.Payment(), "Q-OCBC");

        var decision = Sut.Submit(HubFixture.SgFast, tx);

        Assert.Equal(StatusReasonCode.AGNT, decision.Reason);
    }

    [Fact]
    public void Submit_InsufficientFxLiquidity_Am04RememberedAsRejected()
    {
        var f = new HubFixture(fxThbFundsMinor: 100_00);

        var decision = f.Engine.Submit(HubFixture.SgFast, f.Payment());

        Assert.Equal(StatusReasonCode.AM04, decision.Reason);
        Assert.True(f.Engine.TryGetPayment(AseanExamples.PaymentUetr, out var record));
        Assert.Equal(PaymentState.Rejected, record.State);
        Assert.Equal(0, f.Reserved(HubFixture.Dbs, Currency.SGD));

        // A resend is answered from the record: the same RJCT AM04, nothing re-tried.
        Assert.Equal(HubDecisionKind.Answered, f.Engine.Submit(HubFixture.SgFast, f.Payment()).Kind);
        Assert.Equal(StatusReasonCode.AM04, f.Single(HubOutputKind.StatusReport).Reason);
    }

    [Fact]
    public void Submit_RoutedByClearingMemberId_ForwardsToMembersIps()
    {
        var tx = _f.Payment() with { CreditorAgent = new Agent { ClearingSystemMember = new ClearingSystemMember { MemberId = "002" } } };

        var decision = Sut.Submit(HubFixture.SgFast, tx);

        Assert.Equal(HubDecisionKind.Forwarded, decision.Kind);
        Sut.TryGetPayment(AseanExamples.PaymentUetr, out var record);
        Assert.Equal(HubFixture.Bkkb, record.Facts.CreditorAgent);
    }

    [Fact]
    public void Submit_RoutedByProxy_ForwardsToResolvedAgent()
    {
        var tx = _f.Payment() with
        {
            CreditorAgent = new Agent(),
            CreditorAccount = new Account { Proxy = new Proxy { Type = CodeOrProprietary.FromCode("MBNO"), Id = HubFixture.ThaiMobile } },
        };

        var decision = Sut.Submit(HubFixture.SgFast, tx);

        Assert.Equal(HubDecisionKind.Forwarded, decision.Kind);
        Assert.Equal(HubFixture.ThPromptPay, _f.Single(HubOutputKind.ForwardPayment).Target);
        Sut.TryGetPayment(AseanExamples.PaymentUetr, out var record);
        Assert.Equal(HubFixture.Bkkb, record.Facts.CreditorAgent);
    }

    [Fact]
    public void Submit_SameUetrSameContent_AnsweredPendingWithoutNewEffect()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());
        var reserved = _f.Reserved(HubFixture.Dbs, Currency.SGD);

        var decision = Sut.Submit(HubFixture.SgFast, _f.Payment());

        Assert.Equal(HubDecisionKind.Answered, decision.Kind);
        Assert.True(Sut.Events.IsEmpty);
        Assert.Equal(reserved, _f.Reserved(HubFixture.Dbs, Currency.SGD));
        var report = Assert.Single(Sut.Outputs.ToArray());
        Assert.Equal(TransactionStatus.ACSP, report.Status);
    }

    [Fact]
    public void Submit_ResendAfterAcceptance_AnsweredWithFinalAccc()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());
        Sut.OnStatusReport(HubFixture.ThPromptPay, HubFixture.Report(AseanExamples.PaymentUetr, TransactionStatus.ACCC));

        var decision = Sut.Submit(HubFixture.SgFast, _f.Payment());

        Assert.Equal(HubDecisionKind.Answered, decision.Kind);
        Assert.Equal(TransactionStatus.ACCC, Assert.Single(Sut.Outputs.ToArray()).Status);
        Assert.Equal(-1_000_00, _f.Net(HubFixture.Dbs, Currency.SGD));
    }

    [Fact]
    public void Submit_SameUetrDifferentContent_DuplRejectedAndOriginalUntouched()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());
        var altered = _f.Payment() with { InterbankSettlementAmount = new Money(25_000_00, Currency.THB) };

        var decision = Sut.Submit(HubFixture.SgFast, altered);

        Assert.Equal(StatusReasonCode.DUPL, decision.Reason);
        Assert.True(Sut.Events.IsEmpty);
        Sut.TryGetPayment(AseanExamples.PaymentUetr, out var record);
        Assert.Equal(25_853_00, record.Facts.SettlementAmount.AmountMinor);
    }

    [Fact]
    public void Submit_SameUetrSameContentFromAnotherIps_DuplWithoutDisclosure()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());

        var decision = Sut.Submit(HubFixture.ThPromptPay, _f.Payment());

        Assert.Equal(StatusReasonCode.DUPL, decision.Reason);
        Assert.Equal(HubFixture.ThPromptPay, _f.Single(HubOutputKind.StatusReport).Target);
    }

    [Fact]
    public void Submit_WindowFullOfFinishedPayments_OldestForgotten()
    {
        var f = new HubFixture(options: new HubEngineOptions { DuplicateWindowCapacity = 2, HighPriorityTimeout = TimeSpan.FromSeconds(60) });
        for (var i = 1; i <= 3; i++)
        {
            f.Engine.Submit(HubFixture.SgFast, f.Payment(i));
            f.Engine.OnStatusReport(HubFixture.ThPromptPay, HubFixture.Report(HubFixture.TestUetr(i), TransactionStatus.ACCC));
        }

        Assert.False(f.Engine.TryGetPayment(HubFixture.TestUetr(1), out _));
        Assert.True(f.Engine.TryGetPayment(HubFixture.TestUetr(3), out _));
        Assert.Equal(2, f.Engine.Payments.Count);
    }

    [Fact]
    public void OnTick_WindowElapsed_FinishedPaymentForgotten()
    {
        Sut.Submit(HubFixture.SgFast, _f.Payment());
        Sut.OnStatusReport(HubFixture.ThPromptPay, HubFixture.Report(AseanExamples.PaymentUetr, TransactionStatus.ACCC));

        _f.Time.Advance(TimeSpan.FromHours(24));
        Sut.OnTick();

        Assert.False(Sut.TryGetPayment(AseanExamples.PaymentUetr, out _));
    }

    [Fact]
    public void Submit_WholeMessage_DecisionPerTransaction()
    {
        var message = AseanExamples.CreditTransfer(_f.Time) with
        {
            Transactions = ValueList<CreditTransferTransaction>.Of(_f.Payment(1), Break(_f.Payment(2), "noCorridor")),
        };

        var decisions = Sut.Submit(HubFixture.SgFast, message);

        Assert.Equal([HubDecisionKind.Forwarded, HubDecisionKind.Rejected], decisions.Select(d => d.Kind));
        Assert.Contains(Sut.Outputs.ToArray(), o => o.Kind == HubOutputKind.ForwardPayment);
        Assert.Contains(Sut.Outputs.ToArray(), o => o.Kind == HubOutputKind.StatusReport && o.Reason == StatusReasonCode.AG01);
    }

    private static CreditTransferTransaction WithQuote(CreditTransferTransaction tx, string quoteId) => tx with
    {
        RemittanceInformation = new RemittanceInformation
        {
            Structured = ValueList<StructuredRemittance>.Of(new StructuredRemittance { AdditionalInformation = ValueList<string>.Of(CanonicalContent.QuoteIdPrefix + quoteId) }),
        },
    };

    private static CreditTransferTransaction Break(CreditTransferTransaction tx, string rule) => rule switch
    {
        "unknownInstructing" => tx with { InstructingAgent = Agent.FromBic(Bic.Parse("ZZZZSGSGXXX")) },
        "instructingOtherIps" => tx with { InstructingAgent = Agent.FromBic(HubFixture.Kasikorn) },
        "suspendedDebtorAgent" => tx with { InstructingAgent = Agent.FromBic(HubFixture.SuspendedSg), DebtorAgent = Agent.FromBic(HubFixture.SuspendedSg) },
        "fxProviderAsDebtorAgent" => tx with { InstructingAgent = Agent.FromBic(HubFixture.FxProvider), DebtorAgent = Agent.FromBic(HubFixture.FxProvider) },
        "unknownCreditorBic" => tx with { CreditorAgent = Agent.FromBic(HubFixture.UnknownBic) },
        "unknownMemberId" => tx with { CreditorAgent = new Agent { ClearingSystemMember = new ClearingSystemMember { MemberId = "999" } } },
        "unknownProxy" => tx with
        {
            CreditorAgent = new Agent(),
            CreditorAccount = new Account { Proxy = new Proxy { Id = "+66-800000000" } },
        },
        "noCorridor" => tx with { CreditorAgent = Agent.FromBic(HubFixture.PhBank), InterbankSettlementAmount = new Money(100_00, Currency.PHP) },
        "domestic" => tx with { CreditorAgent = Agent.FromBic(HubFixture.OtherSgPsp) },
        "wrongSettlementCurrency" => tx with { InterbankSettlementAmount = new Money(25_853_00, Currency.SGD) },
        "wrongInstructedCurrency" => tx with { InstructedAmount = new Money(1_000_00, Currency.THB) },
        "zeroAmount" => tx with { InterbankSettlementAmount = new Money(0, Currency.THB) },
        "overSourceCap" => tx with { InstructedAmount = new Money(200_000_01, Currency.SGD) },
        "overDestinationCap" => tx with { InterbankSettlementAmount = new Money(2_000_000_01, Currency.THB) },
        "overCorridorCap" => tx with { InstructedAmount = new Money(50_000_01, Currency.SGD) },
        "missingPurpose" => tx with { Purpose = null },
        "missingInstructedAmount" => tx with { InstructedAmount = null },
        "missingRate" => tx with { ExchangeRate = null },
        "missingQuote" => tx with { RemittanceInformation = null },
        "unknownQuote" => WithQuote(tx, "Q-NOPE"),
        "rateMismatch" => tx with { ExchangeRate = 25.9m },
        "amountMismatch" => tx with { InterbankSettlementAmount = new Money(25_000_00, Currency.THB) },
        "missingUetr" => tx with { PaymentId = tx.PaymentId with { Uetr = null } },
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };
}
