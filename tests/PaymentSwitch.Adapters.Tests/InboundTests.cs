using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Iso20022.Examples;
using PaymentSwitch.Iso20022.Xml;
using static PaymentSwitch.Adapters.Tests.AdapterFixture;

namespace PaymentSwitch.Adapters.Tests;

public sealed class InboundTests
{
    private static readonly Money Thb25853 = new(25_853_00, Currency.THB);

    private readonly AdapterFixture _f = new();

    private NationalSwitch Sut => _f[ThPromptPay];

    [Fact]
    public void Receive_ExamplePaymentByAccount_CreditsExactlyTheSettlementAmount()
    {
        var before = _f.Balance(ThPromptPay, Bkkb, Somchai);
        var tx = AseanExamples.CreditTransfer(_f.Time).Transactions[0];

        var decision = Sut.Receive(tx);

        Assert.True(decision.Answered);
        Assert.Equal(TransactionStatus.ACCC, decision.Status);
        Assert.Equal(StatusReasonCode.None, decision.Reason);
        Assert.Equal(Thb25853, decision.Credited);
        Assert.Equal(new Money(0, Currency.THB), decision.DestinationFee);
        Assert.Equal(before + 25_853_00, _f.Balance(ThPromptPay, Bkkb, Somchai));
        Assert.Equal(Bkkb, decision.CreditorAgent);
        Assert.Equal(Somchai, decision.CreditorAccount);
        Assert.Equal(AseanExamples.PaymentUetr, decision.Uetr);
        Assert.Equal(decision.AnswerAt, decision.AcceptedAt);
        Assert.True(Sut.Totals().IsConserved);
        Assert.Equal(25_853_00, Sut.Totals().SettlementInMinor);
    }

    [Fact]
    public void Receive_ProxyOnly_ResolvesThroughTheDirectoryAndCredits()
    {
        var before = _f.Balance(ThPromptPay, Bkkb, Somchai);

        var decision = Sut.Receive(Incoming(TestUetr(1), Thb25853, creditorAgent: null, account: null, "Somchai Jaidee", proxy: SomchaiMobile));

        Assert.Equal(TransactionStatus.ACCC, decision.Status);
        Assert.Equal(Bkkb, decision.CreditorAgent);
        Assert.Equal(before + 25_853_00, _f.Balance(ThPromptPay, Bkkb, Somchai));
    }

    [Fact]
    public void Receive_IntoInstaPay_CreditsSettlementMinusTheCorridorDestinationFee()
    {
        var sut = _f[PhInstaPay];
        const string juan = "1234567891";
        var before = _f.Balance(PhInstaPay, Bpi, juan);
        var settlement = new Money(5_000_00, Currency.PHP);

        var decision = sut.Receive(Incoming(TestUetr(2), settlement, Bpi, juan, "Juan dela Cruz"));

        Assert.Equal(TransactionStatus.ACCC, decision.Status);
        Assert.Equal(new Money(10_00, Currency.PHP), decision.DestinationFee);
        Assert.Equal(new Money(4_990_00, Currency.PHP), decision.Credited);
        Assert.Equal(before + 4_990_00, _f.Balance(PhInstaPay, Bpi, juan));
        Assert.Equal(10_00, sut.FeeIncomeMinor(Bpi));
        Assert.True(sut.Totals().IsConserved);
    }

    public static TheoryData<string, StatusReasonCode> Rejections() => new()
    {
        { "unknownAccount", StatusReasonCode.AC01 },
        { "closedAccount", StatusReasonCode.AC04 },
        { "blockedAccount", StatusReasonCode.AC06 },
        { "nameMismatch", StatusReasonCode.BE01 },
        { "unknownProxy", StatusReasonCode.BE23 },
        { "proxyAtAnotherBank", StatusReasonCode.AGNT },
        { "overDomesticCap", StatusReasonCode.AM02 },
        { "wrongCurrency", StatusReasonCode.CURR },
        { "agentOfAnotherIps", StatusReasonCode.AGNT },
        { "noCreditorAccount", StatusReasonCode.CH21 },
        { "iban", StatusReasonCode.AC01 },
        { "noUetr", StatusReasonCode.CH21 },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Receive_RejectionPath_AnswersRjctWithTheReasonAndCreditsNothing(string path, StatusReasonCode expected)
    {
        var uetr = TestUetr(3);
        var tx = path switch
        {
            "unknownAccount" => Incoming(uetr, Thb25853, Bkkb, "9999999999"),
            "closedAccount" => Incoming(uetr, Thb25853, Bkkb, ClosedThai),
            "blockedAccount" => Incoming(uetr, Thb25853, SiamCommercial, BlockedThai),
            "nameMismatch" => Incoming(uetr, Thb25853, Bkkb, Somchai, "John Smith"),
            "unknownProxy" => Incoming(uetr, Thb25853, null, null, proxy: "+66-800000000"),
            "proxyAtAnotherBank" => Incoming(uetr, Thb25853, Kasikorn, null, proxy: SomchaiMobile),
            "overDomesticCap" => Incoming(uetr, new Money(2_000_000_01, Currency.THB), Bkkb, Somchai),
            "wrongCurrency" => Incoming(uetr, new Money(1_000_00, Currency.SGD), Bkkb, Somchai),
            "agentOfAnotherIps" => Incoming(uetr, Thb25853, Dbs, TanWeiMing),
            "noCreditorAccount" => Incoming(uetr, Thb25853, Bkkb, Somchai) with { CreditorAccount = null },
            "iban" => Incoming(uetr, Thb25853, Bkkb, null) with { CreditorAccount = new Account { Iban = Iban.Parse("GB82WEST12345698765432") } },
            "noUetr" => Incoming(uetr, Thb25853, Bkkb, Somchai) with { PaymentId = new PaymentIdentification { EndToEndId = "E2E" } },
            _ => throw new ArgumentOutOfRangeException(nameof(path)),
        };
        var before = Sut.Totals();

        var decision = Sut.Receive(tx);

        Assert.True(decision.Answered);
        Assert.Equal(TransactionStatus.RJCT, decision.Status);
        Assert.Equal(expected, decision.Reason);
        Assert.Equal(0, decision.Credited.AmountMinor);
        Assert.Equal(before, Sut.Totals());
    }

    [Fact]
    public void Receive_CreditorBankOffline_AnswersAb08()
    {
        var outage = OutageWindow.Between(Start.AddMinutes(-5), Start.AddMinutes(5), Bkkb, "test");
        var profile = Profile(ThPromptPay) with { Behaviour = Profile(ThPromptPay).Behaviour.Reliable() with { Outages = ValueList<OutageWindow>.Of(outage) } };
        var sut = _f.SwitchWith(profile);

        var offline = sut.Receive(Incoming(TestUetr(4), Thb25853, Bkkb, Somchai));
        var otherBank = sut.Receive(Incoming(TestUetr(5), Thb25853, Kasikorn, "0038765432"));

        Assert.True(offline.Answered);
        Assert.Equal(StatusReasonCode.AB08, offline.Reason);
        Assert.Equal(TransactionStatus.ACCC, otherBank.Status);
    }

    [Fact]
    public void Receive_InjectedRejectionAtCertainty_RejectsWithThatReason()
    {
        var table = new RejectionTable(ValueList<RejectionRate>.Of(new RejectionRate(StatusReasonCode.RR04, Probability.Million)));
        var profile = Profile(ThPromptPay) with { Behaviour = Profile(ThPromptPay).Behaviour.Reliable() with { InboundRejections = table } };
        var sut = _f.SwitchWith(profile);

        var decision = sut.Receive(Incoming(TestUetr(6), Thb25853, Bkkb, Somchai));

        Assert.Equal(StatusReasonCode.RR04, decision.Reason);
        Assert.Equal(0, sut.Totals().SettlementInMinor);
    }

    [Fact]
    public void Receive_InjectedRejectionRates_AreRoughlyTheConfiguredShares()
    {
        var table = new RejectionTable(ValueList<RejectionRate>.Of(new RejectionRate(StatusReasonCode.AC01, 100_000), new RejectionRate(StatusReasonCode.BE01, 50_000)));
        var profile = Profile(ThPromptPay) with { Behaviour = Profile(ThPromptPay).Behaviour.Reliable() with { InboundRejections = table } };
        var sut = _f.SwitchWith(profile);

        var decisions = Enumerable.Range(100, 4_000).Select(n => sut.Receive(Incoming(TestUetr(n), new Money(100_00, Currency.THB), Bkkb, Somchai))).ToList();

        Assert.InRange(decisions.Count(static d => d.Reason == StatusReasonCode.AC01), 320, 480);   // 10 % of 4,000
        Assert.InRange(decisions.Count(static d => d.Reason == StatusReasonCode.BE01), 140, 260);   // 5 %
        Assert.True(sut.Totals().IsConserved);
    }

    [Fact]
    public void Receive_SameUetrTwice_CreditsOnceAndAnswersTheSameAgain()
    {
        var tx = Incoming(TestUetr(7), Thb25853, Bkkb, Somchai, "Somchai Jaidee");
        var before = _f.Balance(ThPromptPay, Bkkb, Somchai);

        var first = Sut.Receive(tx);
        _f.Time.Advance(TimeSpan.FromSeconds(30));
        var second = Sut.Receive(tx);

        Assert.False(first.IsReplay);
        Assert.True(second.IsReplay);
        Assert.Equal(first.Status, second.Status);
        Assert.Equal(first.Reason, second.Reason);
        Assert.Equal(first.AcceptedAt, second.AcceptedAt);
        Assert.Equal(first.Credited, second.Credited);
        Assert.Equal(before + 25_853_00, _f.Balance(ThPromptPay, Bkkb, Somchai));
        Assert.Equal(25_853_00, Sut.Totals().SettlementInMinor);
    }

    [Fact]
    public void Receive_SameUetrWithAnotherAmount_RejectsDuplAndKeepsTheFirst()
    {
        Sut.Receive(Incoming(TestUetr(8), Thb25853, Bkkb, Somchai));

        var reused = Sut.Receive(Incoming(TestUetr(8), new Money(1_00, Currency.THB), Bkkb, Somchai));
        var resend = Sut.Receive(Incoming(TestUetr(8), Thb25853, Bkkb, Somchai));

        Assert.Equal(StatusReasonCode.DUPL, reused.Reason);
        Assert.Equal(TransactionStatus.ACCC, resend.Status);
        Assert.Equal(25_853_00, Sut.Totals().SettlementInMinor);
    }

    [Fact]
    public void Receive_RejectedPaymentResent_GetsTheSameRejection()
    {
        var tx = Incoming(TestUetr(9), Thb25853, Bkkb, ClosedThai);

        var first = Sut.Receive(tx);
        Sut.SetAccountStatus(Bkkb, ClosedThai, AccountStatus.Active);
        var second = Sut.Receive(tx);

        Assert.Equal(StatusReasonCode.AC04, first.Reason);
        Assert.Equal(StatusReasonCode.AC04, second.Reason);
        Assert.True(second.IsReplay);
    }

    [Fact]
    public void Receive_DuringIpsOutage_GivesNoAnswerAndIsDecidedAfreshAfterwards()
    {
        var outage = OutageWindow.Between(Start, Start.AddMinutes(10));
        var profile = Profile(ThPromptPay) with { Behaviour = Profile(ThPromptPay).Behaviour.Reliable() with { Outages = ValueList<OutageWindow>.Of(outage) } };
        var sut = _f.SwitchWith(profile);
        var tx = Incoming(TestUetr(10), Thb25853, Bkkb, Somchai);

        var during = sut.Receive(tx);
        var totalsDuring = sut.Totals();
        _f.Time.Advance(TimeSpan.FromMinutes(10));
        var after = sut.Receive(tx);

        Assert.False(during.Answered);
        Assert.Equal(0, totalsDuring.SettlementInMinor);
        Assert.Throws<ArgumentException>(() => sut.BuildStatusReport(during));
        Assert.True(after.Answered);
        Assert.False(after.IsReplay);
        Assert.Equal(TransactionStatus.ACCC, after.Status);
    }

    [Fact]
    public void Receive_DefaultVietnamCutover_GivesNoAnswerAroundMidnightLocal()
    {
        var f = new AdapterFixture(reliable: false);
        f.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 17, 0, 30, TimeSpan.Zero));   // 00:00:30 in Ho Chi Minh City

        var decision = f[VnNapas].Receive(Incoming(TestUetr(11), new Money(10_000_000, Currency.VND), Bic.Parse("BFTVVNVXXXX"), "0011004123456"));

        Assert.False(decision.Answered);
    }

    [Fact]
    public void Receive_SameSeed_SameDecisionsWhateverTheArrivalOrder()
    {
        var payments = Enumerable.Range(1_000, 300).Select(n => Incoming(TestUetr(n), new Money(500_00, Currency.THB), Bkkb, Somchai)).ToList();
        var first = new AdapterFixture(seed: 99, reliable: false);
        var second = new AdapterFixture(seed: 99, reliable: false);
        var other = new AdapterFixture(seed: 100, reliable: false);

        var a = payments.Select(p => first[ThPromptPay].Receive(p)).ToDictionary(static d => d.Uetr);
        var b = Enumerable.Reverse(payments).Select(p => second[ThPromptPay].Receive(p)).ToDictionary(static d => d.Uetr);
        var c = payments.Select(p => other[ThPromptPay].Receive(p)).ToDictionary(static d => d.Uetr);

        Assert.All(a, kv =>
        {
            Assert.Equal(kv.Value.Status, b[kv.Key].Status);
            Assert.Equal(kv.Value.Reason, b[kv.Key].Reason);
            Assert.Equal(kv.Value.AnswerDelay, b[kv.Key].AnswerDelay);
        });
        Assert.Contains(a, kv => kv.Value.AnswerDelay != c[kv.Key].AnswerDelay);
        Assert.Equal(first[ThPromptPay].Totals(), second[ThPromptPay].Totals());
    }

    [Fact]
    public void Receive_AnswerDelays_FollowTheLatencyTable()
    {
        var latency = Profile(ThPromptPay).Behaviour.LatencyMs;

        var delays = Enumerable.Range(2_000, 2_000)
            .Select(n => Sut.Receive(Incoming(TestUetr(n), new Money(100_00, Currency.THB), Bkkb, Somchai)).AnswerDelay.Ticks / TimeSpan.TicksPerMillisecond)
            .Order()
            .ToList();

        Assert.All(delays, d => Assert.InRange(d, latency.Min, latency.Max));
        var median = delays[delays.Count / 2];
        Assert.InRange(median, latency.At(450_000), latency.At(550_000));
    }

    [Fact]
    public void BuildStatusReport_Accepted_CarriesUetrAcceptanceTimeAndOriginalIds()
    {
        var message = AseanExamples.CreditTransfer(_f.Time);
        var decision = Assert.Single(Sut.Receive(message));

        var report = Sut.BuildStatusReport(decision);

        var status = Assert.Single(report.Transactions);
        Assert.Equal(AseanExamples.PaymentUetr, status.OriginalUetr);
        Assert.Equal(TransactionStatus.ACCC, status.Status);
        Assert.Equal(decision.AcceptedAt!.Value.UtcTicks / TimeSpan.TicksPerSecond, status.AcceptanceDateTime!.Value.UtcTicks / TimeSpan.TicksPerSecond);
        Assert.Equal(message.GroupHeader.MessageId, status.OriginalGroup!.OriginalMessageId);
        Assert.Equal("pacs.008.001.13", status.OriginalGroup.OriginalMessageNameId);
        Assert.Equal(Bkkb, report.GroupHeader.InstructingAgent!.Bicfi);
        Assert.Equal(Dbs, report.GroupHeader.InstructedAgent!.Bicfi);
        AssertWritesAndReadsBack(report, Sut.Pacs002Version);
    }

    [Fact]
    public void BuildStatusReport_Rejected_CarriesTheReasonCode()
    {
        var decision = _f[IdBiFast].Receive(Incoming(TestUetr(12), new Money(1_000_000_00, Currency.IDR), Mandiri, "1230001112223"));

        var report = _f[IdBiFast].BuildStatusReport(decision);

        var status = Assert.Single(report.Transactions);
        Assert.Equal(TransactionStatus.RJCT, status.Status);
        Assert.Equal("AC04", Assert.Single(status.StatusReasons).Reason!.Value.Code);
        Assert.Null(status.AcceptanceDateTime);
        Assert.Equal(MessageVersion.Pacs002V10, _f[IdBiFast].Pacs002Version);
        AssertWritesAndReadsBack(report, MessageVersion.Pacs002V10);
    }

    internal static void AssertWritesAndReadsBack(IsoMessage message, MessageVersion version)
    {
        var written = IsoXml.WriteDetailed(message, version);
        Assert.Empty(written.Omitted);
        var read = IsoXml.Read(written.Xml);
        Assert.True(read.Errors.Count == 0, string.Join("; ", read.Errors));
    }
}
