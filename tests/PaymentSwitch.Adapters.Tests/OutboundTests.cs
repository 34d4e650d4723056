using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using static PaymentSwitch.Adapters.Tests.AdapterFixture;

namespace PaymentSwitch.Adapters.Tests;

public sealed class OutboundTests
{
    private readonly AdapterFixture _f = new();

    private NationalSwitch Sut => _f[SgFast];

    public static OutboundInstruction SgToSomchaiByProxy(long sgdMinor, Bic? debtorAgent = null, string? debtorAccount = null) => new(
        debtorAgent ?? Dbs,
        debtorAccount ?? TanWeiMing,
        ThPromptPay,
        OutboundCreditor.ByProxy("MBNO", SomchaiMobile),
        new Money(sgdMinor, Currency.SGD),
        FixedSide.Source,
        Priority.HIGH,
        "FAMI",
        RemittanceText: "Family support");

    [Fact]
    public void BuildOutbound_SgdToThbByProxy_HubForwardsIt()
    {
        var instruction = SgToSomchaiByProxy(500_00);
        var quote = _f.QuoteFor(Sut, instruction);

        var result = Sut.BuildOutbound(instruction, quote);

        Assert.True(result.IsSent, result.Rejection?.ToString());
        var tx = result.Transaction!;
        Assert.Equal(quote.DestinationAmount, tx.InterbankSettlementAmount);
        Assert.Equal(quote.SourceAmount, tx.InstructedAmount);
        Assert.Equal(quote.Rate, tx.ExchangeRate);
        Assert.Equal("NexusQuoteId:" + quote.QuoteId, tx.RemittanceInformation!.Structured[0].AdditionalInformation[0]);
        Assert.Equal(SomchaiMobile, tx.CreditorAccount!.Proxy!.Id);
        Assert.Equal(Dbs, tx.IntermediaryAgent1!.Bicfi);
        Assert.Equal(Bkkb, tx.IntermediaryAgent2!.Bicfi);
        Assert.Equal(MessageVersion.Pacs008V13, result.Version);
        Assert.Equal(new Money(500_50, Currency.SGD), result.Held);

        var decision = _f.Hub.Submit(SgFast, tx);

        Assert.True(decision.Kind == HubDecisionKind.Forwarded, decision.Rejection?.ToString());
        InboundTests.AssertWritesAndReadsBack(result.Message!, result.Version);
    }

    [Fact]
    public void Payment_SgdToThbEndToEnd_DebitsSourceCreditsDestinationAndConservesMoney()
    {
        var destination = _f[ThPromptPay];
        var tanBefore = _f.Balance(SgFast, Dbs, TanWeiMing);
        var somchaiBefore = _f.Balance(ThPromptPay, Bkkb, Somchai);
        var instruction = SgToSomchaiByProxy(800_00);
        var quote = _f.QuoteFor(Sut, instruction);
        var built = Sut.BuildOutbound(instruction, quote);

        Assert.Equal(HubDecisionKind.Forwarded, _f.Hub.Submit(SgFast, built.Transaction!).Kind);
        var forwarded = _f.Hub.Outputs.ToArray().Single(static o => o.Kind == HubOutputKind.ForwardPayment);
        var answer = destination.Receive(forwarded.Transaction!, new OriginalGroupInformation { OriginalMessageId = built.Message!.GroupHeader.MessageId, OriginalMessageNameId = "pacs.008.001.13" });
        _f.Time.Advance(answer.AnswerDelay);
        Assert.Equal(HubDecisionKind.Applied, _f.Hub.OnStatusReport(ThPromptPay, destination.BuildStatusReport(answer)).Kind);
        var toSource = _f.Hub.Outputs.ToArray().Single(static o => o.Kind == HubOutputKind.StatusReport);
        var outcome = Sut.OnFinalStatus(toSource.Uetr, toSource.Status);

        Assert.Equal(TransactionStatus.ACCC, answer.Status);
        Assert.Equal(FinalStatusOutcome.Debited, outcome);
        Assert.Equal(tanBefore - 800_00 - 50, _f.Balance(SgFast, Dbs, TanWeiMing));
        Assert.Equal(somchaiBefore + quote.DestinationAmount.AmountMinor, _f.Balance(ThPromptPay, Bkkb, Somchai));
        Assert.Equal(50, Sut.FeeIncomeMinor(Dbs));
        Assert.True(Sut.Totals().IsConserved);
        Assert.True(destination.Totals().IsConserved);
        Assert.Equal(FinalStatusOutcome.AlreadyFinal, Sut.OnFinalStatus(toSource.Uetr, TransactionStatus.ACCC));
        Assert.Equal(tanBefore - 800_50, _f.Balance(SgFast, Dbs, TanWeiMing));
    }

    [Fact]
    public void BuildOutbound_WithAcmt024Resolution_NamesTheCreditorAgentAndAccount()
    {
        var destination = _f[ThPromptPay];
        var lookup = Sut.BuildProxyLookup(Dbs, ThPromptPay, "MBNO", SomchaiMobile);
        var answer = destination.ProxyLookup(lookup);
        Assert.True(ProxyResolution.TryFrom(answer, out var resolution, out _));
        var instruction = SgToSomchaiByProxy(250_00);

        var result = Sut.BuildOutbound(instruction, _f.QuoteFor(Sut, instruction), resolution);

        var tx = result.Transaction!;
        Assert.Equal(Bkkb, tx.CreditorAgent.Bicfi);
        Assert.Equal(Somchai, tx.CreditorAccount!.Other!.Id);
        Assert.Equal("Somchai Jaidee", tx.Creditor.Name);
        Assert.Equal(HubDecisionKind.Forwarded, _f.Hub.Submit(SgFast, tx).Kind);
        Assert.Equal(TransactionStatus.ACCC, destination.Receive(tx).Status);
    }

    public static TheoryData<string> Corridors() => ["SG>PH", "SG>IN", "ID>VN", "MY>SG", "VN>TH", "IN>ID", "PH>MY", "TH>IN"];

    [Theory]
    [MemberData(nameof(Corridors))]
    public void BuildOutbound_ByAccountOnEachKindOfCorridor_HubForwardsAndDestinationAccepts(string corridor)
    {
        var (source, debtorBank, debtor, destination, creditorBank, creditor, holder, amount) = corridor switch
        {
            "SG>PH" => (SgFast, Dbs, TanWeiMing, PhInstaPay, Bpi, "1234567891", "Juan dela Cruz", 300_00L),
            "SG>IN" => (SgFast, Ocbc, "5019876501", InUpi, Sbi, "30012345678", "Priya Sharma", 900_00L),
            "ID>VN" => (IdBiFast, Mandiri, "1230004567891", VnNapas, Bic.Parse("BFTVVNVXXXX"), "0011004987654", "Tran Thi Bich", 2_500_000_00L),
            "MY>SG" => (MyDuitNow, Bic.Parse("MBBEMYKLXXX"), "514012345678", SgFast, Ocbc, "5019876501", "Ong Kai Xiang", 2_000_00L),
            "VN>TH" => (VnNapas, Bic.Parse("BFTVVNVXXXX"), "0011004123456", ThPromptPay, Kasikorn, "0035678123", "Pimchanok Rattanakorn", 20_000_000L),
            "IN>ID" => (InUpi, Sbi, "30012345678", IdBiFast, Bic.Parse("CENAIDJAXXX"), "0123456789", "Dewi Lestari", 25_000_00L),
            "PH>MY" => (PhInstaPay, Bpi, "1239876542", MyDuitNow, Bic.Parse("PBBEMYKLXXX"), "3181234567", "Wong Kah Wai", 10_000_00L),
            "TH>IN" => (ThPromptPay, Bkkb, "1239876540", InUpi, Bic.Parse("HDFCINBBXXX"), "50100123456789", "Ananya Iyer", 12_000_00L),
            _ => throw new ArgumentOutOfRangeException(nameof(corridor)),
        };
        var sut = _f[source];
        var target = _f[destination];
        Assert.True(target.Profile.TryGetBank(creditorBank, out var bank));
        Assert.True(bank.TryGetAccount(creditor, out var account));
        var priority = sut.Profile.Ips.SupportsHighPriority && target.Profile.Ips.SupportsHighPriority ? Priority.HIGH : Priority.NORM;
        var instruction = new OutboundInstruction(
            debtorBank, debtor, destination, OutboundCreditor.ByAccount(creditorBank, creditor), new Money(amount, sut.Currency), FixedSide.Source,
            priority, "GIFT", holder, account.Address, "Happy birthday");

        var result = sut.BuildOutbound(instruction, _f.QuoteFor(sut, instruction));

        Assert.True(result.IsSent, result.Rejection?.ToString());
        var decision = _f.Hub.Submit(source, result.Transaction!);
        Assert.True(decision.Kind == HubDecisionKind.Forwarded, decision.Rejection?.ToString());
        Assert.Equal(TransactionStatus.ACCC, target.Receive(result.Transaction!).Status);
        Assert.Equal(sut.Pacs008Version, result.Version);
        InboundTests.AssertWritesAndReadsBack(result.Message!, result.Version);
    }

    [Fact]
    public void BuildOutbound_DestinationFixedAmount_SettlesExactlyTheFixedAmount()
    {
        var instruction = SgToSomchaiByProxy(0) with { Amount = new Money(10_000_00, Currency.THB), AmountFixedIn = FixedSide.Destination };
        var quote = _f.QuoteFor(Sut, instruction);

        var result = Sut.BuildOutbound(instruction, quote);

        Assert.Equal(new Money(10_000_00, Currency.THB), result.Transaction!.InterbankSettlementAmount);
        Assert.Equal(HubDecisionKind.Forwarded, _f.Hub.Submit(SgFast, result.Transaction).Kind);
    }

    [Fact]
    public void BuildOutbound_InsufficientFunds_RejectsAm04AndNeverBuildsAMessage()
    {
        var before = _f.Balance(SgFast, Dbs, GohJunJie);   // SGD 85.20
        var instruction = SgToSomchaiByProxy(100_00, Dbs, GohJunJie);
        var quote = _f.QuoteFor(Sut, instruction);

        var result = Sut.BuildOutbound(instruction, quote);

        Assert.False(result.IsSent);
        Assert.Null(result.Message);
        Assert.Equal(StatusReasonCode.AM04, result.Rejection!.Value.Reason);
        Assert.Equal(0, result.Held.AmountMinor);
        Assert.True(Sut.TryGetAccount(Dbs, GohJunJie, out var account));
        Assert.Equal(before, account.BalanceMinor);
        Assert.Equal(0, account.HeldMinor);
        Assert.Equal(FinalStatusOutcome.Unknown, Sut.OnFinalStatus(result.Uetr, TransactionStatus.ACCC));
    }

    [Fact]
    public void BuildOutbound_SameSeedTwice_SameUetrsUnlessFreshUetrsIsOn()
    {
        var profile = _f.Profiles[SgFast];
        NationalSwitch Restarted(bool fresh) =>
            new(profile, _f.Profiles.Topology, _f.Time, seed: 7, new NationalSwitchOptions { FreshUetrs = fresh });
        Uetr FirstUetr(NationalSwitch sut)
        {
            var instruction = SgToSomchaiByProxy(20_00);
            var result = sut.BuildOutbound(instruction, _f.QuoteFor(sut, instruction));
            Assert.True(result.IsSent, result.Rejection?.ToString());
            return result.Uetr;
        }

        // A replayable simulation draws its UETRs from the seed; a process started again beside a running hub must not.
        Assert.Equal(FirstUetr(Restarted(fresh: false)), FirstUetr(Restarted(fresh: false)));
        Assert.NotEqual(FirstUetr(Restarted(fresh: true)), FirstUetr(Restarted(fresh: true)));
    }

    [Fact]
    public void BuildOutbound_FundsHeldByAnEarlierPayment_AreNotSpentTwice()
    {
        var first = SgToSomchaiByProxy(50_00, Dbs, GohJunJie);
        var second = SgToSomchaiByProxy(40_00, Dbs, GohJunJie);

        var a = Sut.BuildOutbound(first, _f.QuoteFor(Sut, first));
        var b = Sut.BuildOutbound(second, _f.QuoteFor(Sut, second));
        Sut.OnFinalStatus(a.Uetr, TransactionStatus.RJCT);
        var c = Sut.BuildOutbound(second, _f.QuoteFor(Sut, second));

        Assert.True(a.IsSent);
        Assert.Equal(StatusReasonCode.AM04, b.Rejection!.Value.Reason);
        Assert.True(c.IsSent);
    }

    [Fact]
    public void OnFinalStatus_EachStatus_DebitsReleasesOrWaitsOnce()
    {
        var instruction = SgToSomchaiByProxy(100_00);
        var accepted = Sut.BuildOutbound(instruction, _f.QuoteFor(Sut, instruction));
        var rejected = Sut.BuildOutbound(instruction, _f.QuoteFor(Sut, instruction));
        var before = _f.Balance(SgFast, Dbs, TanWeiMing);

        Assert.Equal(FinalStatusOutcome.Pending, Sut.OnFinalStatus(accepted.Uetr, TransactionStatus.ACSP));
        Assert.Equal(FinalStatusOutcome.Debited, Sut.OnFinalStatus(accepted.Uetr, TransactionStatus.ACCC));
        Assert.Equal(FinalStatusOutcome.AlreadyFinal, Sut.OnFinalStatus(accepted.Uetr, TransactionStatus.RJCT));
        Assert.Equal(FinalStatusOutcome.Released, Sut.OnFinalStatus(rejected.Uetr, TransactionStatus.RJCT));
        Assert.Equal(FinalStatusOutcome.AlreadyFinal, Sut.OnFinalStatus(rejected.Uetr, TransactionStatus.ACCC));

        Assert.True(Sut.TryGetAccount(Dbs, TanWeiMing, out var account));
        Assert.Equal(before - 100_50, account.BalanceMinor);
        Assert.Equal(0, account.HeldMinor);
        Assert.True(Sut.Totals().IsConserved);
    }

    public static TheoryData<string, StatusReasonCode> LocalRefusals() => new()
    {
        { "closedDebtor", StatusReasonCode.AC04 },
        { "blockedDebtor", StatusReasonCode.AC06 },
        { "unknownDebtor", StatusReasonCode.AC01 },
        { "bankOfAnotherIps", StatusReasonCode.RC01 },
        { "creditorBankOfAnotherIps", StatusReasonCode.RC01 },
        { "proxyTypeNotResolved", StatusReasonCode.BE23 },
        { "domestic", StatusReasonCode.AG01 },
        { "wrongCurrency", StatusReasonCode.CURR },
        { "zero", StatusReasonCode.AM01 },
    };

    [Theory]
    [MemberData(nameof(LocalRefusals))]
    public void PrepareOutbound_LocalProblem_RefusesBeforeQuoting(string problem, StatusReasonCode expected)
    {
        var good = SgToSomchaiByProxy(100_00);
        var instruction = problem switch
        {
            "closedDebtor" => good with { DebtorAgent = Ocbc, DebtorAccount = "5014447788" },
            "blockedDebtor" => good with { DebtorAgent = Scb, DebtorAccount = "0104561237" },
            "unknownDebtor" => good with { DebtorAccount = "0000000000" },
            "bankOfAnotherIps" => good with { DebtorAgent = Bkkb },
            "creditorBankOfAnotherIps" => good with { Creditor = OutboundCreditor.ByAccount(Ocbc, "5019876501") },
            "proxyTypeNotResolved" => good with { Creditor = OutboundCreditor.ByProxy("UEN", "201912345K") },
            "domestic" => good with { DestinationIps = SgFast },
            "wrongCurrency" => good with { Amount = new Money(100_00, Currency.THB) },
            "zero" => good with { Amount = new Money(0, Currency.SGD) },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var result = Sut.PrepareOutbound(instruction);

        Assert.False(result.IsAccepted);
        Assert.Equal(expected, result.Rejection!.Value.Reason);
    }

    [Fact]
    public void BuildOutbound_QuoteProblems_RefuseLocally()
    {
        var instruction = SgToSomchaiByProxy(100_00);
        var quote = _f.QuoteFor(Sut, instruction);

        var otherAmount = Sut.BuildOutbound(instruction with { Amount = new Money(200_00, Currency.SGD) }, quote);
        var otherPsp = Sut.BuildOutbound(instruction with { DebtorAgent = Ocbc, DebtorAccount = "5019876501" }, quote);
        _f.Time.Advance(TimeSpan.FromMinutes(10));
        var expired = Sut.BuildOutbound(instruction, quote);

        Assert.Equal(StatusReasonCode.AM09, otherAmount.Rejection!.Value.Reason);
        Assert.Equal(StatusReasonCode.AGNT, otherPsp.Rejection!.Value.Reason);
        Assert.Equal(StatusReasonCode.TM01, expired.Rejection!.Value.Reason);
        Assert.Equal(0, Sut.Totals().HeldMinor);
    }

    [Fact]
    public void BuildOutbound_RequiredElementMissing_RefusesCh21WithThePath()
    {
        var toIndia = new OutboundInstruction(Dbs, TanWeiMing, InUpi, OutboundCreditor.ByProxy("VPA", "priya.sharma@oksbi"), new Money(100_00, Currency.SGD), FixedSide.Source);
        var toPhilippines = new OutboundInstruction(Dbs, TanWeiMing, PhInstaPay, OutboundCreditor.ByAccount(Bpi, "1234567891"), new Money(100_00, Currency.SGD), FixedSide.Source);

        var noPurpose = Sut.BuildOutbound(toIndia, _f.QuoteFor(Sut, toIndia));
        var noAddress = Sut.BuildOutbound(toPhilippines, _f.QuoteFor(Sut, toPhilippines));

        Assert.Equal(new Rejection(StatusReasonCode.CH21, "CdtTrfTxInf/Purp/Cd", "IN-UPI requires this element and the instruction or the customer record lacks it"), noPurpose.Rejection);
        Assert.Equal(StatusReasonCode.CH21, noAddress.Rejection!.Value.Reason);
        Assert.Equal("CdtTrfTxInf/Cdtr/PstlAdr", noAddress.Rejection.Value.Field);
    }

    [Fact]
    public void BuildOutbound_SameSeed_SameUetrsAndIds()
    {
        var first = new AdapterFixture(seed: 5);
        var second = new AdapterFixture(seed: 5);
        var instruction = SgToSomchaiByProxy(100_00);

        var a = first[SgFast].BuildOutbound(instruction, first.QuoteFor(first[SgFast], instruction));
        var b = second[SgFast].BuildOutbound(instruction, second.QuoteFor(second[SgFast], instruction));

        Assert.Equal(a.Uetr, b.Uetr);
        Assert.Equal(a.Message!.GroupHeader.MessageId, b.Message!.GroupHeader.MessageId);
        Assert.Equal(a.Transaction!.PaymentId, b.Transaction!.PaymentId);
        Assert.NotEqual(a.Uetr, new AdapterFixture(seed: 6)[SgFast].BuildOutbound(instruction, _f.QuoteFor(Sut, instruction)).Uetr);
    }
}
