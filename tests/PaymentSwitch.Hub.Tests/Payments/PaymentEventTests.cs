using System.Runtime.CompilerServices;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.Payments;
using PaymentSwitch.Iso20022.Examples;

namespace PaymentSwitch.Hub.Tests.Payments;

public sealed class PaymentEventTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 2, 15, 0, TimeSpan.Zero);

    [Fact]
    public void Size_Event_IsSmallSoFourPerPaymentAreCheapToCopy()
    {
        // Only Received carries facts, by reference: the other events must stay a few words.
        Assert.True(Unsafe.SizeOf<PaymentEvent>() <= 48, $"PaymentEvent is {Unsafe.SizeOf<PaymentEvent>()} bytes");
    }

    [Fact]
    public void Facts_ReceivedFromEngine_AreTheRecordsFactsAndReplayGivesAnEqualBook()
    {
        var f = new HubFixture();
        f.Engine.Submit(HubFixture.SgFast, f.Payment());
        var journal = f.Engine.Events.ToArray();
        f.Engine.OnStatusReport(HubFixture.ThPromptPay, HubFixture.Report(AseanExamples.PaymentUetr, TransactionStatus.ACCC));
        journal = [.. journal, .. f.Engine.Events.ToArray()];

        Assert.True(f.Engine.TryGetPayment(AseanExamples.PaymentUetr, out var record));
        Assert.Equal(PaymentEventKind.Received, journal[0].Kind);
        Assert.Equal(record.Facts, journal[0].Facts);
        Assert.Equal(HubFixture.SgFast, journal[0].Facts.SourceIps);
        Assert.All(journal.Skip(1), e => Assert.Equal(default, e.Facts));

        var replayed = new PaymentBook();
        Assert.All(journal, e => Assert.True(replayed.Apply(e)));
        Assert.Equal(f.Engine.Payments.Snapshot(), replayed.Snapshot());
    }

    [Fact]
    public void Facts_EngineEventWhosePaymentLeftTheBook_FailsInsteadOfShowingAnotherPayment()
    {
        var f = new HubFixture();
        f.Engine.Submit(HubFixture.SgFast, f.Payment(1));
        var received = f.Engine.Events[0];
        f.Engine.OnStatusReport(HubFixture.ThPromptPay, HubFixture.Report(HubFixture.TestUetr(1), TransactionStatus.ACCC));
        Assert.True(f.Engine.Payments.Remove(HubFixture.TestUetr(1)));

        // The freed slot is reused by the next payment; the old event must not read its facts.
        f.Engine.Submit(HubFixture.SgFast, f.Payment(2));

        Assert.True(f.Engine.TryGetPayment(HubFixture.TestUetr(2), out _));
        Assert.Throws<InvalidOperationException>(() => received.Facts);
    }

    [Fact]
    public void Received_BuiltOutsideAnEngine_KeepsItsOwnFactsAndComparesByValue()
    {
        var uetr = HubFixture.TestUetr(1);
        var facts = new PaymentFacts(
            default, Priority.HIGH, HubFixture.SgFast, HubFixture.ThPromptPay, HubFixture.Dbs, HubFixture.Bkkb, HubFixture.FxProvider,
            new Money(1_000_00, Currency.SGD), new Money(25_853_00, Currency.THB), 25.853m, At.AddSeconds(60), null);

        var sut = PaymentEvent.Received(uetr, At, facts);

        Assert.Equal(facts, sut.Facts);
        Assert.Equal(PaymentEvent.Received(uetr, At, facts), sut);
        Assert.NotEqual(PaymentEvent.Received(uetr, At, facts with { Priority = Priority.NORM }), sut);
        Assert.Equal(At, sut.At);
    }

    [Fact]
    public void At_NonUtcOffset_RoundTripsExactly()
    {
        var at = new DateTimeOffset(2026, 11, 22, 9, 15, 0, 123, TimeSpan.FromHours(7)).AddTicks(4567);

        var sut = PaymentEvent.Rejected(HubFixture.TestUetr(1), at, StatusReasonCode.AM04);

        Assert.Equal(at, sut.At);
        Assert.Equal(at.Offset, sut.At.Offset);
        Assert.Equal(StatusReasonCode.AM04, sut.Reason);
        Assert.Equal(TransactionStatus.RJCT, sut.Status);
        Assert.Equal(PaymentEventKind.Rejected, sut.Kind);
    }

    [Fact]
    public void Apply_TimesWithAnOffset_RecordKeepsThemExactly()
    {
        var sut = new PaymentBook();
        var uetr = HubFixture.TestUetr(1);
        var received = new DateTimeOffset(2026, 11, 22, 9, 15, 0, TimeSpan.FromHours(7)).AddTicks(1234567);
        var updated = received.ToOffset(TimeSpan.FromHours(-5)).AddTicks(89);

        Assert.True(sut.Apply(PaymentEvent.Received(uetr, received, default)));
        Assert.True(sut.Apply(PaymentEvent.Rejected(uetr, updated, StatusReasonCode.AM04)));

        Assert.True(sut.TryGet(uetr, out var record));
        Assert.Equal(received, record.ReceivedAt);
        Assert.Equal(received.Offset, record.ReceivedAt.Offset);
        Assert.Equal(updated, record.UpdatedAt);
        Assert.Equal(updated.Offset, record.UpdatedAt.Offset);
        Assert.Equal(PaymentState.Rejected, record.State);
        Assert.Equal(StatusReasonCode.AM04, record.Reason);
        Assert.Equal(TransactionStatus.RJCT, record.LastStatus);
    }
}
