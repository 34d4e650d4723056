using System.Text.Json.Nodes;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Hub.Tests.ReferenceData;

public sealed class TopologyLoadTests
{
    [Fact]
    public void Load_DefaultFile_SucceedsWithoutErrors()
    {
        var sut = Topology.Load(TopologyFixture.Json);

        Assert.Empty(sut.Errors);
        Assert.True(sut.Succeeded);
        Assert.Equal(7, sut.Topology!.Ips.Count);
        Assert.Equal(42, sut.Topology.Corridors.Count);
        Assert.Equal(2, sut.Topology.FxProviders.Count);
        Assert.All(sut.Topology.FxProviders, static p => Assert.Equal(42, p.RateSheets.Count));
    }

    [Fact]
    public void LoadDefault_PublishedCaps_AreInTheIpsCurrency()
    {
        var sut = Topology.LoadDefault();

        Assert.True(sut.TryGetIps(new IpsId("SG-FAST"), out var fast));
        Assert.Equal(new Money(20_000_000, Currency.SGD), fast.PerTransactionCap);
        Assert.True(sut.TryGetIps(new IpsId("ID-BIFAST"), out var biFast));
        Assert.Equal(Money.FromMajor(250_000_000m, Currency.IDR), biFast.PerTransactionCap);
        Assert.True(sut.TryGetIps(new IpsId("PH-INSTAPAY"), out var instaPay));
        Assert.Equal(Money.FromMajor(50_000m, Currency.PHP), instaPay.PerTransactionCap);
        Assert.Contains("2018", instaPay.Note, StringComparison.Ordinal);
        Assert.True(sut.TryGetIps(new IpsId("VN-NAPAS"), out var napas));
        Assert.Equal(0, napas.Currency.MinorUnits);
        Assert.False(napas.SupportsHighPriority);
        Assert.True(fast.Supports(MessageVersion.Pacs008V13));
        Assert.True(biFast.Supports(MessageVersion.Pacs008V08));
        Assert.True(fast.SupportsProxyType("UEN"));
        Assert.True(fast.IsOpen(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Load_NotJson_ReportsOneErrorWithPosition()
    {
        var sut = Topology.Load("{ \"ips\": [ }");

        Assert.Null(sut.Topology);
        Assert.StartsWith("$: the file is not valid JSON (line 1", Assert.Single(sut.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_ReportsEveryOneNotJustTheFirst()
    {
        var sut = TopologyFixture.LoadEdited(static root =>
        {
            root.Ips("SG-FAST")["currency"] = "XYZ";
            root["participants"]![0]!["bic"] = "NOTABIC";
            root["corridors"]![0]!["source"] = "XX-NOWHERE";
        });

        Assert.Null(sut.Topology);
        Assert.Contains(sut.Errors, static e => e.StartsWith("$.ips[0].currency: unknown currency 'XYZ'", StringComparison.Ordinal));
        Assert.Contains(sut.Errors, static e => e.StartsWith("$.participants[0].bic: invalid BIC", StringComparison.Ordinal));
        Assert.Contains(sut.Errors, static e => e.StartsWith("$.corridors[0].source: corridor starts in unknown IPS 'XX-NOWHERE'", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> Breakages => new()
    {
        { "unknown-currency", "$.ips[1].currency: unknown currency 'THX': not an active ISO 4217 code with a numeric minor unit" },
        { "invalid-bic", "$.participants[1].bic: invalid BIC: BIC must be 8 or 11 characters long; got 9" },
        { "unknown-ips", "$.participants[1].ips: participant is in unknown IPS 'SG-SLOW'" },
        { "fxp-without-sheet", "$.participants[1].roles: participant OCBCSGSGXXX has the FXP role but no entry in $.fxProviders, so it has no rate sheet" },
        { "duplicate-ips", "$.ips[1].id: IPS id SG-FAST is already used by $.ips[0]" },
        { "duplicate-bic", "$.participants[1].bic: BIC DBSSSGSG is already used by $.participants[0] (BIC8 and BIC8+XXX are the same participant)" },
        { "duplicate-member", "$.participants[1].memberId: member id 7171 is already used in SG-FAST by $.participants[0]" },
        { "cap-wrong-currency", "$.ips[0].perTransactionCap.currency: the cap is in USD but the IPS settles SGD" },
        { "corridor-cap-wrong-currency", "$.corridors[0].cap.currency: the corridor cap is in THB but must be in the source currency SGD" },
        { "negative-spread", "$.fxProviders[0].rateSheets[0].spreadBps: spread -5 bps must be between 0 and 10000" },
        { "tiers-not-increasing", "$.fxProviders[0].rateSheets[0].tiers[1]: tiers must be strictly increasing in fromSourceAmount and must not decrease in improvementBps" },
        { "improvements-exceed-spread", "$.fxProviders[0].rateSheets[0]: the best tier plus the best PSP improvement (45 bps) exceed the spread (35 bps); a quote must never be better than mid" },
        { "duplicate-pair", "$.fxProviders[0].rateSheets[1]: SGD to THB has two rate sheets for this provider" },
        { "bad-rate", "$.fxProviders[0].rateSheets[0].midRate: mid rate 0.00000000001 must be positive with at most 11 digits, at most 10 after the point (ISO 20022 BaseOneRate)" },
        { "short-validity", "$.fxProviders[0].rateSheets[0].quoteValiditySeconds: quote validity 60 s must be between 600 (Nexus honours quotes for 10 minutes) and 86400" },
        { "provider-not-participant", "$.fxProviders[1].bic: FX provider HSBCHKHHXXX is not in $.participants" },
        { "fee-wrong-currency", "$.corridors[0].fees.destinationPsp.currency: this fee must be in THB; got SGD" },
        { "negative-liquidity", "$.participants[0].liquidity[0].limit: a liquidity limit must not be negative" },
        { "duplicate-corridor", "$.corridors[1]: the corridor SG-FAST to TH-PROMPTPAY is already defined by $.corridors[0]" },
        { "unknown-property", "$.ips[0].perTransactionCAP: unknown property; expected one of id, name, country, currency, perTransactionCap, supportedVersions, operatingHours, priorities, proxyTypes, note" },
        { "unknown-version", "$.ips[0].supportedVersions[0]: 'pacs.008.001.99' is not a supported ISO 20022 message version (for example pacs.008.001.13)" },
        { "unknown-time-zone", "$.ips[0].operatingHours.timeZone: 'Mars/Olympus' is not a time zone known to this system (use an IANA id such as Asia/Singapore)" },
        { "unknown-required-field", "$.corridors[0].requiredFields[0]: 'ShoeSize' is not a required-field name (Purpose, CreditorAddress, DebtorAddress, CreditorAccount, DebtorAccount, DebtorDateOfBirth, DebtorNationalId, RemittanceInformation)" },
        { "psp-improvement-unknown", "$.fxProviders[0].rateSheets[0].pspImprovements[0].psp: HSBCHKHHXXX is not a PSP in $.participants" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Load_OneBrokenRule_ReportsItWithItsPath(string breakage, string expected)
    {
        var sut = TopologyFixture.LoadEdited(root => Break(root, breakage));

        Assert.Null(sut.Topology);
        Assert.False(sut.Succeeded);
        Assert.Contains(expected, sut.Errors);
    }

    private static void Break(JsonObject root, string breakage)
    {
        var participants = root["participants"]!.AsArray();
        var sheets = root["fxProviders"]![0]!["rateSheets"]!.AsArray();
        var corridors = root["corridors"]!.AsArray();
        switch (breakage)
        {
            case "unknown-currency": root["ips"]![1]!["currency"] = "THX"; break;
            case "invalid-bic": participants[1]!["bic"] = "OCBCSGSGX"; break;
            case "unknown-ips": participants[1]!["ips"] = "SG-SLOW"; break;
            case "fxp-without-sheet": participants[1]!["roles"] = new JsonArray("PSP", "FXP"); break;
            case "duplicate-ips": root["ips"]![1]!["id"] = "SG-FAST"; break;
            case "duplicate-bic": participants[1]!["bic"] = "DBSSSGSG"; break;
            case "duplicate-member": participants[1]!["memberId"] = "7171"; break;
            case "cap-wrong-currency": root["ips"]![0]!["perTransactionCap"] = new JsonObject { ["amount"] = "200000.00", ["currency"] = "USD" }; break;
            case "corridor-cap-wrong-currency": corridors[0]!["cap"] = new JsonObject { ["amount"] = "25000.00", ["currency"] = "THB" }; break;
            case "negative-spread": sheets[0]!["spreadBps"] = -5; break;
            case "tiers-not-increasing": sheets[0]!["tiers"]![1]!["fromSourceAmount"] = "100.00"; break;
            case "improvements-exceed-spread": sheets[0]!["tiers"]![1]!["improvementBps"] = 40; break;
            case "duplicate-pair": sheets[1]!["destination"] = "THB"; break;
            case "bad-rate": sheets[0]!["midRate"] = "0.00000000001"; break;
            case "short-validity": sheets[0]!["quoteValiditySeconds"] = 60; break;
            case "provider-not-participant": root["fxProviders"]![1]!["bic"] = "HSBCHKHHXXX"; break;
            case "fee-wrong-currency": corridors[0]!["fees"]!["destinationPsp"]!["currency"] = "SGD"; break;
            case "negative-liquidity": participants[0]!["liquidity"]![0]!["limit"] = "-1.00"; break;
            case "duplicate-corridor": corridors[1]!["destination"] = "TH-PROMPTPAY"; break;
            case "unknown-property": root["ips"]![0]!["perTransactionCAP"] = "1"; break;
            case "unknown-version": root["ips"]![0]!["supportedVersions"]![0] = "pacs.008.001.99"; break;
            case "unknown-time-zone":
                root["ips"]![0]!["operatingHours"] = new JsonObject { ["timeZone"] = "Mars/Olympus", ["open"] = "08:00", ["close"] = "18:00" };
                break;
            case "unknown-required-field": corridors[0]!["requiredFields"]![0] = "ShoeSize"; break;
            case "psp-improvement-unknown": sheets[0]!["pspImprovements"]![0]!["psp"] = "HSBCHKHHXXX"; break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage), breakage, "unknown breakage");
        }
    }
}
