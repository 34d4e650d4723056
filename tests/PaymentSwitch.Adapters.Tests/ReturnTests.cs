using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using static PaymentSwitch.Adapters.Tests.AdapterFixture;

namespace PaymentSwitch.Adapters.Tests;

public sealed class ReturnTests
{
    private readonly AdapterFixture _f = new();

    private NationalSwitch Source => _f[SgFast];

    private NationalSwitch Destination => _f[ThPromptPay];

    [Fact]
    public void InitiateReturn_AcceptedPayment_ReversesTheCreditOnceAndTheHubRefundsTheSenderOnce()
    {
        var tanBefore = _f.Balance(SgFast, Dbs, TanWeiMing);
        var somchaiBefore = _f.Balance(ThPromptPay, Bkkb, Somchai);
        var (uetr, instructed, settled) = PayAccepted(600_00);

        var initiated = Destination.InitiateReturn(uetr, StatusReasonCode.AC04, "Creditor account closed after posting");
        var again = Destination.InitiateReturn(uetr, StatusReasonCode.AC04);

        Assert.Equal(ReturnOutcome.ReversedCredit, initiated.Outcome);
        Assert.Equal(settled, initiated.Amount);
        Assert.Equal(ReturnOutcome.AlreadyReturned, again.Outcome);
        Assert.Equal(somchaiBefore, _f.Balance(ThPromptPay, Bkkb, Somchai));
        var returned = Assert.Single(initiated.Message!.Transactions);
        Assert.Equal(settled, returned.ReturnedInterbankSettlementAmount);
        Assert.Equal(instructed, returned.ReturnedInstructedAmount);
        InboundTests.AssertWritesAndReadsBack(initiated.Message, Destination.Pacs004Version);

        Assert.Equal(HubDecisionKind.Applied, _f.Hub.OnReturn(ThPromptPay, initiated.Message).Kind);
        var back = _f.Hub.Outputs.ToArray().Single(static o => o.Kind == HubOutputKind.ReturnPayment);
        var toSource = new PaymentReturnTransaction { OriginalUetr = back.Uetr, ReturnedInterbankSettlementAmount = back.Amount };
        var refund = Source.OnReturn(toSource);
        var refundAgain = Source.OnReturn(toSource);

        Assert.Equal(ReturnOutcome.RefundedDebtor, refund.Outcome);
        Assert.Equal(instructed, refund.Amount);
        Assert.Equal(ReturnOutcome.AlreadyReturned, refundAgain.Outcome);
        Assert.Equal(tanBefore - 50, _f.Balance(SgFast, Dbs, TanWeiMing));   // the SGD 0.50 fee is not refunded
        Assert.True(Source.Totals().IsConserved);
        Assert.True(Destination.Totals().IsConserved);
        Assert.Equal(Source.Totals().SettlementOutMinor, Source.Totals().SettlementInMinor);
    }

    [Fact]
    public void OnReturn_Pacs004ForAPaymentItCredited_ReversesTheCreditExactlyOnce()
    {
        var somchaiBefore = _f.Balance(ThPromptPay, Bkkb, Somchai);
        var (uetr, _, settled) = PayAccepted(300_00);
        var pacs004 = new PaymentReturn
        {
            GroupHeader = new GroupHeader { MessageId = "HUB-P4-1", CreationDateTime = Start },
            Transactions = ValueList<PaymentReturnTransaction>.Of(new PaymentReturnTransaction { OriginalUetr = uetr, ReturnedInterbankSettlementAmount = settled }),
        };

        var first = Assert.Single(Destination.OnReturn(pacs004));
        var second = Assert.Single(Destination.OnReturn(pacs004));

        Assert.Equal(ReturnOutcome.ReversedCredit, first.Outcome);
        Assert.Equal(ReturnOutcome.AlreadyReturned, second.Outcome);
        Assert.Equal(somchaiBefore, _f.Balance(ThPromptPay, Bkkb, Somchai));
        Assert.True(Destination.Totals().IsConserved);
    }

    [Fact]
    public void OnReturn_PartialReturnOfAnInstaPayCredit_TakesOnlyTheReturnedAmount()
    {
        var sut = _f[PhInstaPay];
        const string juan = "1234567891";
        var before = _f.Balance(PhInstaPay, Bpi, juan);
        var uetr = TestUetr(40);
        sut.Receive(Incoming(uetr, new Money(5_000_00, Currency.PHP), Bpi, juan));

        var result = sut.OnReturn(new PaymentReturnTransaction { OriginalUetr = uetr, ReturnedInterbankSettlementAmount = new Money(1_000_00, Currency.PHP) });

        Assert.Equal(ReturnOutcome.ReversedCredit, result.Outcome);
        Assert.Equal(before + 4_990_00 - 1_000_00, _f.Balance(PhInstaPay, Bpi, juan));
        Assert.Equal(10_00, sut.FeeIncomeMinor(Bpi));
        Assert.True(sut.Totals().IsConserved);
    }

    [Fact]
    public void OnReturn_FullReturnOfAnInstaPayCredit_GivesBackTheFeeToo()
    {
        var sut = _f[PhInstaPay];
        var uetr = TestUetr(41);
        sut.Receive(Incoming(uetr, new Money(5_000_00, Currency.PHP), Bpi, "1234567891"));

        var result = sut.InitiateReturn(uetr, StatusReasonCode.AC04);

        Assert.Equal(new Money(4_990_00, Currency.PHP), result.Amount);
        Assert.Equal(new Money(5_000_00, Currency.PHP), result.Message!.Transactions[0].ReturnedInterbankSettlementAmount);
        Assert.Equal(0, sut.FeeIncomeMinor(Bpi));
        Assert.True(sut.Totals().IsConserved);
    }

    [Fact]
    public void OnReturn_CasesThatCannotApply_AreRefusedOrUnknown()
    {
        var instruction = OutboundTests.SgToSomchaiByProxy(100_00);
        var pending = Source.BuildOutbound(instruction, _f.QuoteFor(Source, instruction));
        var rejectedUetr = TestUetr(42);
        Destination.Receive(Incoming(rejectedUetr, new Money(100_00, Currency.THB), Bkkb, ClosedThai));

        var notSettled = Source.OnReturn(new PaymentReturnTransaction { OriginalUetr = pending.Uetr, ReturnedInterbankSettlementAmount = new Money(100_00, Currency.SGD) });
        var notCredited = Destination.OnReturn(new PaymentReturnTransaction { OriginalUetr = rejectedUetr, ReturnedInterbankSettlementAmount = new Money(100_00, Currency.THB) });
        var unknown = Source.OnReturn(new PaymentReturnTransaction { OriginalUetr = TestUetr(43), ReturnedInterbankSettlementAmount = new Money(1_00, Currency.SGD) });
        var noUetr = Source.OnReturn(new PaymentReturnTransaction { ReturnedInterbankSettlementAmount = new Money(1_00, Currency.SGD) });

        Assert.Equal((ReturnOutcome.Refused, StatusReasonCode.AG01), (notSettled.Outcome, notSettled.Rejection!.Value.Reason));
        Assert.Equal((ReturnOutcome.Refused, StatusReasonCode.AG01), (notCredited.Outcome, notCredited.Rejection!.Value.Reason));
        Assert.Equal(ReturnOutcome.Unknown, unknown.Outcome);
        Assert.Equal((ReturnOutcome.Refused, StatusReasonCode.CH21), (noUetr.Outcome, noUetr.Rejection!.Value.Reason));
    }

    [Fact]
    public void OnReturn_MoreThanInstructed_IsRefusedAm09()
    {
        var (uetr, instructed, _) = PayAccepted(100_00);

        var result = Source.OnReturn(new PaymentReturnTransaction { OriginalUetr = uetr, ReturnedInterbankSettlementAmount = new Money(instructed.AmountMinor + 1, Currency.SGD) });

        Assert.Equal(StatusReasonCode.AM09, result.Rejection!.Value.Reason);
        Assert.True(Source.Totals().IsConserved);
    }

    // SGD → THB to Somchai through the hub, accepted and debited.
    private (Uetr Uetr, Money Instructed, Money Settled) PayAccepted(long sgdMinor)
    {
        var instruction = OutboundTests.SgToSomchaiByProxy(sgdMinor);
        var built = Source.BuildOutbound(instruction, _f.QuoteFor(Source, instruction));
        Assert.Equal(HubDecisionKind.Forwarded, _f.Hub.Submit(SgFast, built.Transaction!).Kind);
        var answer = Destination.Receive(built.Transaction!);
        Assert.Equal(HubDecisionKind.Applied, _f.Hub.OnStatusReport(ThPromptPay, Destination.BuildStatusReport(answer)).Kind);
        Assert.Equal(FinalStatusOutcome.Debited, Source.OnFinalStatus(built.Uetr, TransactionStatus.ACCC));
        return (built.Uetr, built.Transaction!.InstructedAmount!.Value, built.Transaction.InterbankSettlementAmount);
    }
}
