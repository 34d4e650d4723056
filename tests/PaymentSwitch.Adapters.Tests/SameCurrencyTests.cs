using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Adapters.Workload;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using static PaymentSwitch.Adapters.Tests.AdapterFixture;

namespace PaymentSwitch.Adapters.Tests;

/// <summary>
/// Payments between two IPSs of one currency (two euro systems): no quote is asked for, the pacs.008 carries no rate,
/// quote id or intermediary agents, and the hub forwards it with one ledger leg, PSP to PSP.
/// </summary>
public sealed class SameCurrencyTests
{
    private static readonly IpsId Tips = new("EU-TIPS");
    private static readonly IpsId Rt1 = new("EU-RT1");
    private static readonly Bic Hansa = Bic.Parse("HNSADEF0XXX");
    private static readonly Bic Seine = Bic.Parse("SEINFRP0XXX");
    private const string Lena = "1004567890";
    private const string Camille = "40012345678";
    private const string LenaMobile = "+49-15112345678";

    // Two euro IPSs, one PSP each (also its IPS's settlement access provider), no FX provider at all: a same-currency
    // corridor must work without one. EUR 0.20 source fee one way, none the other.
    private const string TopologyJson = """
        {
          "ips": [
            { "id": "EU-TIPS", "name": "TIPS", "country": "DE", "currency": "EUR", "perTransactionCap": { "amount": "100000.00", "currency": "EUR" },
              "supportedVersions": ["pacs.008.001.08", "pacs.002.001.10", "acmt.023.001.03", "acmt.024.001.03"], "priorities": ["HIGH", "NORM"], "proxyTypes": ["MBNO"] },
            { "id": "EU-RT1", "name": "RT1", "country": "FR", "currency": "EUR", "perTransactionCap": { "amount": "100000.00", "currency": "EUR" },
              "supportedVersions": ["pacs.008.001.08", "pacs.002.001.10"], "priorities": ["HIGH", "NORM"] }
          ],
          "participants": [
            { "bic": "HNSADEF0XXX", "name": "Hansa Sparbank AG", "ips": "EU-TIPS", "roles": ["PSP", "SAP"], "liquidity": [{ "currency": "EUR", "kind": "PREFUNDED", "limit": "1000000.00" }] },
            { "bic": "SEINFRP0XXX", "name": "Banque de la Seine SA", "ips": "EU-RT1", "roles": ["PSP", "SAP"], "liquidity": [{ "currency": "EUR", "kind": "NET_DEBIT_CAP", "limit": "1000000.00" }] }
          ],
          "fxProviders": [],
          "corridors": [
            { "source": "EU-TIPS", "destination": "EU-RT1", "requiredFields": ["CreditorAccount"], "fees": { "sourcePsp": { "currency": "EUR", "fixed": "0.20" } } },
            { "source": "EU-RT1", "destination": "EU-TIPS", "requiredFields": ["CreditorAccount", "RemittanceInformation"] }
          ]
        }
        """;

    private const string ProfilesJson = """
        {
          "switches": [
            { "ips": "EU-TIPS", "currency": "EUR",
              "banks": [{ "bic": "HNSADEF0XXX", "accounts": [
                { "number": "1004567890", "holder": "Lena Hoffmann", "balance": "18450.20", "status": "active", "address": { "street": "Lindenstrasse", "building": "14", "postCode": "20095", "town": "Hamburg" } },
                { "number": "1004567891", "holder": "Jonas Becker", "balance": "52300.00", "status": "active" } ] }],
              "proxies": [{ "type": "MBNO", "value": "+49-15112345678", "bic": "HNSADEF0XXX", "account": "1004567890" }],
              "behaviour": { "latencyMs": [{ "percentile": 0, "ms": 5 }, { "percentile": 100, "ms": 5 }] } },
            { "ips": "EU-RT1", "currency": "EUR",
              "banks": [{ "bic": "SEINFRP0XXX", "accounts": [
                { "number": "40012345678", "holder": "Camille Martin", "balance": "23150.00", "status": "active", "address": { "street": "Rue de Rivoli", "building": "88", "postCode": "75004", "town": "Paris" } },
                { "number": "40012345679", "holder": "Hugo Bernard", "balance": "61800.25", "status": "active" } ] }],
              "behaviour": { "latencyMs": [{ "percentile": 0, "ms": 5 }, { "percentile": 100, "ms": 5 }] } }
          ]
        }
        """;

    private static readonly Lazy<AdapterProfiles> EuroProfiles = new(static () =>
    {
        var topology = PaymentSwitch.Hub.ReferenceData.Topology.Load(TopologyJson);
        Assert.True(topology.Succeeded, string.Join("; ", topology.Errors));
        var profiles = AdapterProfiles.Load(ProfilesJson, topology.Topology!);
        Assert.True(profiles.Succeeded, string.Join("; ", profiles.Errors));
        return profiles.Profiles!;
    });

    private readonly AdapterFixture _f = new(profiles: EuroProfiles.Value);

    private NationalSwitch Sut => _f[Tips];

    private static OutboundInstruction LenaToCamille(long euroMinor, FixedSide side = FixedSide.Source) => new(
        Hansa, Lena, Rt1, OutboundCreditor.ByAccount(Seine, Camille), new Money(euroMinor, Currency.EUR), side, Priority.HIGH, CreditorName: "Camille Martin");

    [Fact]
    public void PrepareOutbound_SameCurrency_AcceptedWithoutAQuoteRequest()
    {
        var result = Sut.PrepareOutbound(LenaToCamille(250_00));

        Assert.True(result.IsAccepted);
        Assert.True(result.SameCurrency);
        Assert.Null(result.QuoteRequest);
        Assert.Null(result.Rejection);
    }

    [Fact]
    public void PrepareOutbound_CrossCurrency_StillAsksForAQuote()
    {
        var sut = new AdapterFixture()[SgFast];

        var result = sut.PrepareOutbound(OutboundTests.SgToSomchaiByProxy(100_00));

        Assert.True(result.IsAccepted);
        Assert.False(result.SameCurrency);
        Assert.NotNull(result.QuoteRequest);
    }

    [Theory]
    [InlineData(FixedSide.Source)]
    [InlineData(FixedSide.Destination)]
    public void BuildSameCurrencyOutbound_EndToEnd_HubForwardsOneLegAndMoneyIsConserved(FixedSide side)
    {
        var destination = _f[Rt1];
        var lenaBefore = _f.Balance(Tips, Hansa, Lena);
        var camilleBefore = _f.Balance(Rt1, Seine, Camille);

        var built = Sut.BuildSameCurrencyOutbound(LenaToCamille(250_00, side));

        Assert.True(built.IsSent, built.Rejection?.ToString());
        var tx = built.Transaction!;
        Assert.Equal(new Money(250_00, Currency.EUR), tx.InterbankSettlementAmount);
        Assert.Equal(new Money(250_00, Currency.EUR), tx.InstructedAmount);
        Assert.Null(tx.ExchangeRate);
        Assert.Null(tx.IntermediaryAgent1);
        Assert.Null(tx.IntermediaryAgent2);
        Assert.Null(tx.RemittanceInformation);
        Assert.Equal(new Money(250_20, Currency.EUR), built.Held);
        InboundTests.AssertWritesAndReadsBack(built.Message!, built.Version);

        var decision = _f.Hub.Submit(Tips, tx);
        Assert.True(decision.Kind == HubDecisionKind.Forwarded, decision.Rejection?.ToString());
        var forwarded = _f.Hub.Outputs.ToArray().Single(static o => o.Kind == HubOutputKind.ForwardPayment);
        var answer = destination.Receive(forwarded.Transaction!);
        Assert.Equal(TransactionStatus.ACCC, answer.Status);
        Assert.Equal(HubDecisionKind.Applied, _f.Hub.OnStatusReport(Rt1, destination.BuildStatusReport(answer)).Kind);
        var toSource = _f.Hub.Outputs.ToArray().Single(static o => o.Kind == HubOutputKind.StatusReport);

        // One leg in one currency, PSP to PSP: no FX provider position moved.
        Assert.Equal(-250_00, _f.Ledger.GetPosition(Hansa, Currency.EUR).NetMinor);
        Assert.Equal(250_00, _f.Ledger.GetPosition(Seine, Currency.EUR).NetMinor);
        Assert.Equal(FinalStatusOutcome.Debited, Sut.OnFinalStatus(toSource.Uetr, toSource.Status));
        Assert.Equal(lenaBefore - 250_20, _f.Balance(Tips, Hansa, Lena));
        Assert.Equal(camilleBefore + 250_00, _f.Balance(Rt1, Seine, Camille));
        Assert.Equal(20, Sut.FeeIncomeMinor(Hansa));
        Assert.True(Sut.Totals().IsConserved);
        Assert.True(destination.Totals().IsConserved);
    }

    [Fact]
    public void BuildSameCurrencyOutbound_ByProxyAfterLookup_NamesTheResolvedAccount()
    {
        var rt1 = _f[Rt1];
        var lookup = rt1.BuildProxyLookup(Seine, Tips, "MBNO", LenaMobile);
        Assert.True(ProxyResolution.TryFrom(Sut.ProxyLookup(lookup), out var resolution, out _));
        var instruction = new OutboundInstruction(
            Seine, Camille, Tips, OutboundCreditor.ByProxy("MBNO", LenaMobile), new Money(75_00, Currency.EUR), FixedSide.Source, Priority.NORM, RemittanceText: "Rent share");

        var built = rt1.BuildSameCurrencyOutbound(instruction, resolution);

        Assert.True(built.IsSent, built.Rejection?.ToString());
        Assert.Equal(Hansa, built.Transaction!.CreditorAgent.Bicfi);
        Assert.Equal(Lena, built.Transaction.CreditorAccount!.Other!.Id);
        Assert.Equal("Rent share", built.Transaction.RemittanceInformation!.Unstructured[0]);
        Assert.True(built.Transaction.RemittanceInformation.Structured.IsEmpty);
        Assert.Equal(new Money(75_00, Currency.EUR), built.Held);
        Assert.Equal(HubDecisionKind.Forwarded, _f.Hub.Submit(Rt1, built.Transaction).Kind);
    }

    [Fact]
    public void BuildSameCurrencyOutbound_RemittanceRequiredButNoMessage_RefusesCh21()
    {
        var instruction = new OutboundInstruction(
            Seine, Camille, Tips, OutboundCreditor.ByAccount(Hansa, Lena), new Money(75_00, Currency.EUR), FixedSide.Source, Priority.NORM, CreditorName: "Lena Hoffmann");

        var built = _f[Rt1].BuildSameCurrencyOutbound(instruction);

        Assert.False(built.IsSent);
        Assert.Equal(StatusReasonCode.CH21, built.Rejection!.Value.Reason);
        Assert.Equal("CdtTrfTxInf/RmtInf", built.Rejection.Value.Field);
    }

    [Fact]
    public void BuildSameCurrencyOutbound_InsufficientFunds_RefusesAm04AndHoldsNothing()
    {
        var built = Sut.BuildSameCurrencyOutbound(LenaToCamille(18_450_20));   // her whole balance, plus the EUR 0.20 fee

        Assert.False(built.IsSent);
        Assert.Equal(StatusReasonCode.AM04, built.Rejection!.Value.Reason);
        Assert.True(Sut.TryGetAccount(Hansa, Lena, out var account));
        Assert.Equal(0, account.HeldMinor);
    }

    [Fact]
    public void BuildSameCurrencyOutbound_DestinationOfAnotherCurrency_RefusesCurrNeedsAQuote()
    {
        var sut = new AdapterFixture()[SgFast];

        var built = sut.BuildSameCurrencyOutbound(OutboundTests.SgToSomchaiByProxy(100_00));

        Assert.False(built.IsSent);
        Assert.Equal(StatusReasonCode.CURR, built.Rejection!.Value.Reason);
    }

    [Fact]
    public void Workload_SameCurrencyTopology_EveryGoodPaymentAcceptedEndToEnd()
    {
        var items = new WorkloadGenerator(_f.Profiles, new WorkloadOptions { Count = 60, FlawedShareBps = 0 }).Generate(seed: 11);

        foreach (var item in items)
        {
            var outcome = WorkloadRunner.Run(_f, item);

            Assert.True(outcome.Stage == ExpectedStage.Accepted, $"{item.SourceIps}>{item.Instruction.DestinationIps}: {outcome.Stage} {outcome.Reason}");
            Assert.Equal(outcome.Instructed, outcome.Settled);
        }
    }
}
