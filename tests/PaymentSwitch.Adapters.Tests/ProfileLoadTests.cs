using System.Text.Json.Nodes;
using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.TestKit;

namespace PaymentSwitch.Adapters.Tests;

public sealed class ProfileLoadTests
{
    private static Topology Topology => AdapterFixture.Topology;

    [Fact]
    public void Load_DefaultFile_SucceedsWithoutErrors()
    {
        var sut = AdapterProfiles.Load(AdapterProfiles.DefaultJson(), Topology);

        Assert.Empty(sut.Errors);
        Assert.True(sut.Succeeded);
        Assert.Equal(Topology.Ips.Select(static i => i.Id), sut.Profiles!.Switches.Select(static s => s.Id));
    }

    [Fact]
    public void LoadDefault_EveryBank_IsAPspOfItsIpsInTheTopology()
    {
        var sut = AdapterFixture.DefaultProfiles;

        foreach (var profile in sut.Switches)
        {
            Assert.NotEmpty(profile.Banks);
            foreach (var bank in profile.Banks)
            {
                Assert.True(Topology.TryGetParticipant(bank.Bic, out var participant), $"{bank.Bic} is not in the topology");
                Assert.Equal(profile.Id, participant.Ips);
                Assert.True(participant.HasRole(ParticipantRoles.Psp));
                Assert.InRange(bank.Accounts.Count, 3, 5);
            }

            foreach (var proxy in profile.Proxies)
            {
                Assert.True(Topology.TryGetParticipant(proxy.Bank, out var participant));
                Assert.Equal(profile.Id, participant.Ips);
                Assert.True(profile.Ips.SupportsProxyType(proxy.Type));
            }
        }
    }

    [Fact]
    public void LoadDefault_IpsFacts_AreTheTopologys()
    {
        var sut = AdapterFixture.DefaultProfiles;

        foreach (var profile in sut.Switches)
        {
            Assert.True(Topology.TryGetIps(profile.Id, out var ips));
            Assert.Same(ips, profile.Ips);
            Assert.Equal(ips.PerTransactionCap, profile.DomesticCap);
            Assert.True(ips.Supports(profile.Pacs008Version));
            Assert.InRange(profile.Proxies.Count, 10, 12);
            Assert.Contains(profile.Banks, static b => b.Accounts.Any(static a => a.Status == AccountStatus.Closed));
            Assert.Contains(profile.Banks, static b => b.Accounts.Any(static a => a.Status == AccountStatus.Blocked));
        }

        Assert.Equal(MessageVersion.Pacs008V13, sut[AdapterFixture.SgFast].Pacs008Version);
        Assert.Equal(MessageVersion.Pacs008V08, sut[AdapterFixture.IdBiFast].Pacs008Version);
        Assert.Equal(0, sut[AdapterFixture.VnNapas].Currency.MinorUnits);
        Assert.Equal(Money.FromMajor(499_999_999m, Currency.VND), sut[AdapterFixture.VnNapas].DomesticCap);
    }

    [Fact]
    public void LoadDefault_ExampleCreditor_IsRegisteredAsInAseanExamples()
    {
        var sut = AdapterFixture.DefaultProfiles;

        Assert.True(sut.TryGetProxy(AdapterFixture.ThPromptPay, Iso20022.Examples.AseanExamples.CreditorMobile, out var proxy));
        Assert.Equal(Iso20022.Examples.AseanExamples.BangkokBankBic, proxy.Bank);
        Assert.Equal(AdapterFixture.Somchai, proxy.AccountNumber);
        Assert.True(sut.TryResolve(AdapterFixture.ThPromptPay, AdapterFixture.SomchaiMobile, out var agent));
        Assert.Equal(AdapterFixture.Bkkb, agent);
        Assert.False(sut.TryResolve(AdapterFixture.SgFast, AdapterFixture.SomchaiMobile, out _));
    }

    [Fact]
    public void TryResolve_AfterWarmUp_AllocatesNothing()
    {
        var sut = AdapterFixture.DefaultProfiles;

        // Measured once warm, as the fewest bytes of several rounds: tiered compilation can swap in new code in the
        // middle of a round and allocate once on this thread, at a moment that depends on how busy the machine is.
        var allocated = Allocations.SteadyStateBytes(() =>
        {
            var proxy = AdapterFixture.SomchaiMobile.AsSpan();
            for (var i = 0; i < 1_000; i++)
            {
                _ = sut.TryResolve(AdapterFixture.ThPromptPay, proxy, out _);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Load_NotJson_ReportsOneErrorWithPosition()
    {
        var sut = AdapterProfiles.Load("{ \"switches\": [ }", Topology);

        Assert.Null(sut.Profiles);
        Assert.StartsWith("$: the file is not valid JSON (line 1", Assert.Single(sut.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_ReportsEveryOneWithItsPath()
    {
        var sut = LoadEdited(static root =>
        {
            var sg = Switch(root, "SG-FAST");
            sg["currency"] = "THB";
            sg["banks"]![0]!["bic"] = "BKKBTHBKXXX";
            sg["banks"]![1]!["accounts"]![0]!["nationalId"] = "S1234567A";
            sg["banks"]![1]!["accounts"]![1]!["balanse"] = "1.00";
            sg["proxies"]![0]!["value"] = "+66-812345678";
            sg["behaviour"]!["inboundRejectionsPpm"]!["AC01"] = 999_999;
            var th = Switch(root, "TH-PROMPTPAY");
            th["proxies"]![0]!["account"] = "0000000000";
            th["behaviour"]!["latencyMs"]![2]!["ms"] = 1;
        });

        Assert.Null(sut.Profiles);
        AssertError(sut, "$.switches[0].currency", "settles SGD");
        AssertError(sut, "$.switches[0].banks[0].bic", "belongs to TH-PROMPTPAY");
        AssertError(sut, "$.switches[0].banks[1].accounts[0].nationalId", "check letter");
        AssertError(sut, "$.switches[0].banks[1].accounts[1].balanse", "unknown property");
        AssertError(sut, "$.switches[0].proxies[0].value", "must start with +65-");
        AssertError(sut, "$.switches[0].behaviour.inboundRejectionsPpm", "more than 1000000");
        AssertError(sut, "$.switches[1].proxies[0].account", "no account 0000000000");
        AssertError(sut, "$.switches[1].behaviour.latencyMs", "must not decrease");
    }

    public static TheoryData<string, string, string> SingleProblems() => new()
    {
        { "unknownIps", "$.switches[0].ips", "not in the topology" },
        { "unknownBic", "$.switches[0].banks[0].bic", "not a participant" },
        { "duplicateBankByBic8", "$.switches[1].banks[1].bic", "already listed" },
        { "badAccountNumber", "$.switches[0].banks[0].accounts[0].number", "6 to 20 digits" },
        { "duplicateAccount", "$.switches[0].banks[0].accounts[1].number", "already listed" },
        { "negativeBalance", "$.switches[0].banks[0].accounts[0].balance", "not a SGD amount" },
        { "tooManyDecimals", "$.switches[5].banks[0].accounts[0].balance", "not a VND amount" },
        { "badStatus", "$.switches[0].banks[0].accounts[0].status", "not one of active, closed, blocked" },
        { "thaiIdChecksum", "$.switches[1].proxies[7].value", "wrong check digit" },
        { "proxyTypeNotInTopology", "$.switches[3].proxies[0].type", "does not resolve proxy type 'UEN'" },
        { "uenOnPerson", "$.switches[0].proxies[9].type", "names a business" },
        { "duplicateProxy", "$.switches[0].proxies[1].value", "already registered" },
        { "versionNotSpoken", "$.switches[3].pacs008Version", "does not speak pacs.008.001.13" },
        { "notPacs008", "$.switches[0].pacs008Version", "not a pacs.008 version" },
        { "capTooManyDecimals", "$.switches[0].domesticCap", "not a SGD amount" },
        { "latencyNotFrom0", "$.switches[0].behaviour.latencyMs", "0th percentile" },
        { "percentileTooPrecise", "$.switches[0].behaviour.latencyMs[1].percentile", "at most 4 decimals" },
        { "outboundReasonInbound", "$.switches[0].behaviour.outboundRejectionsPpm.BE01", "not a reason for refusing a customer's outgoing payment" },
        { "unknownReason", "$.switches[0].behaviour.inboundRejectionsPpm.XX99", "not an ISO 20022 status reason code" },
        { "outageBoth", "$.switches[2].behaviour.outages[0]", "either a one-off window" },
        { "outageBackwards", "$.switches[2].behaviour.outages[0].to", "end after it starts" },
        { "outageNoOffset", "$.switches[2].behaviour.outages[0].from", "with an offset" },
        { "outageUnknownZone", "$.switches[3].behaviour.outages[0].daily.timeZone", "not a known time zone" },
        { "outageBankOfOtherIps", "$.switches[3].behaviour.outages[0].bic", "not a bank of this IPS" },
        { "noBanks", "$.switches[0].banks", "at least one bank" },
        { "missingBehaviour", "$.switches[0].behaviour", "is required" },
        { "duplicateIps", "$.switches[1].ips", "already simulated" },
    };

    [Theory]
    [MemberData(nameof(SingleProblems))]
    public void Load_OneProblem_ReportsItAtItsPath(string problem, string path, string fragment)
    {
        var sut = LoadEdited(root => Break(root, problem));

        Assert.Null(sut.Profiles);
        AssertError(sut, path, fragment);
    }

    [Fact]
    public void Load_VersionOmitted_DefaultsToNewestPacs008OfTheIps()
    {
        var sut = LoadEdited(static root =>
        {
            Switch(root, "SG-FAST").Remove("pacs008Version");
            Switch(root, "ID-BIFAST").Remove("pacs008Version");
        });

        Assert.Empty(sut.Errors);
        Assert.Equal(MessageVersion.Pacs008V13, sut.Profiles![AdapterFixture.SgFast].Pacs008Version);
        Assert.Equal(MessageVersion.Pacs008V08, sut.Profiles[AdapterFixture.IdBiFast].Pacs008Version);
    }

    [Fact]
    public void Load_LowerDomesticCap_IsKept()
    {
        var sut = LoadEdited(static root => Switch(root, "TH-PROMPTPAY")["domesticCap"] = "50000.00");

        Assert.Empty(sut.Errors);
        Assert.Equal(Money.FromMajor(50_000m, Currency.THB), sut.Profiles![AdapterFixture.ThPromptPay].DomesticCap);
    }

    [Fact]
    public void LoadDefault_Outages_AreParsedInBothForms()
    {
        var sut = AdapterFixture.DefaultProfiles;

        var planned = Assert.Single(sut[AdapterFixture.MyDuitNow].Behaviour.Outages);
        Assert.False(planned.IsDaily);
        Assert.Null(planned.Bank);
        Assert.True(planned.IsActive(new DateTimeOffset(2026, 4, 5, 19, 0, 0, TimeSpan.Zero)));
        Assert.False(planned.IsActive(new DateTimeOffset(2026, 4, 5, 20, 0, 0, TimeSpan.Zero)));

        var cutover = Assert.Single(sut[AdapterFixture.VnNapas].Behaviour.Outages);
        Assert.True(cutover.IsDaily);
        Assert.True(cutover.IsActive(new DateTimeOffset(2026, 3, 2, 17, 1, 0, TimeSpan.Zero)));   // 00:01 in Ho Chi Minh City
        Assert.True(cutover.IsActive(new DateTimeOffset(2026, 3, 2, 16, 59, 0, TimeSpan.Zero)));  // 23:59
        Assert.False(cutover.IsActive(new DateTimeOffset(2026, 3, 2, 17, 2, 0, TimeSpan.Zero)));  // 00:02, exclusive

        var bri = Assert.Single(sut[AdapterFixture.IdBiFast].Behaviour.Outages);
        Assert.Equal(Bic.Parse("BRINIDJAXXX"), bri.Bank);
    }

    private static AdapterProfileLoadResult LoadEdited(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(AdapterProfiles.DefaultJson())!.AsObject();
        edit(root);
        return AdapterProfiles.Load(root.ToJsonString(), Topology);
    }

    private static JsonObject Switch(JsonObject root, string ips) =>
        root["switches"]!.AsArray().Select(static s => s!.AsObject()).Single(s => (string)s["ips"]! == ips);

    private static void AssertError(AdapterProfileLoadResult result, string path, string fragment) =>
        Assert.True(
            result.Errors.Any(e => e.StartsWith(path + ":", StringComparison.Ordinal) && e.Contains(fragment, StringComparison.Ordinal)),
            $"expected an error at {path} containing '{fragment}'; got:\n{string.Join("\n", result.Errors)}");

    private static void Break(JsonObject root, string problem)
    {
        var switches = root["switches"]!.AsArray();
        var sg = switches[0]!.AsObject();
        var firstAccount = sg["banks"]![0]!["accounts"]![0]!.AsObject();
        switch (problem)
        {
            case "unknownIps": sg["ips"] = "SG-SLOW"; break;
            case "unknownBic": sg["banks"]![0]!["bic"] = "ZZZZSGSGXXX"; break;
            case "duplicateBankByBic8":
                // The same bank twice (Bangkok Bank), by BIC8 and BIC11: one participant.
                switches[1]!["banks"]![0]!["bic"] = "KASITHBK";
                break;
            case "badAccountNumber": firstAccount["number"] = "07-2123"; break;
            case "duplicateAccount": sg["banks"]![0]!["accounts"]![1]!["number"] = (string)firstAccount["number"]!; break;
            case "negativeBalance": firstAccount["balance"] = "-1.00"; break;
            case "tooManyDecimals": switches[5]!["banks"]![0]!["accounts"]![0]!["balance"] = "100.5"; break;
            case "badStatus": firstAccount["status"] = "dormant"; break;
            case "thaiIdChecksum": switches[1]!["proxies"]![7]!["value"] = "1101700230709"; break;
            case "proxyTypeNotInTopology": switches[3]!["proxies"]![0]!["type"] = "UEN"; break;
            case "uenOnPerson": sg["proxies"]![9]!["account"] = "0721234567"; break;
            case "duplicateProxy": sg["proxies"]![1]!["value"] = (string)sg["proxies"]![0]!["value"]!; break;
            case "versionNotSpoken": switches[3]!["pacs008Version"] = "pacs.008.001.13"; break;
            case "notPacs008": sg["pacs008Version"] = "pacs.002.001.12"; break;
            case "capTooManyDecimals": sg["domesticCap"] = "1000.005"; break;
            case "latencyNotFrom0": sg["behaviour"]!["latencyMs"]![0]!["percentile"] = 1; break;
            case "percentileTooPrecise": sg["behaviour"]!["latencyMs"]![1]!["percentile"] = 50.00001m; break;
            case "outboundReasonInbound": sg["behaviour"]!["outboundRejectionsPpm"]!["BE01"] = 10; break;
            case "unknownReason": sg["behaviour"]!["inboundRejectionsPpm"]!["XX99"] = 10; break;
            case "outageBoth": switches[2]!["behaviour"]!["outages"]![0]!["daily"] = new JsonObject { ["timeZone"] = "Asia/Kuala_Lumpur", ["from"] = "01:00", ["to"] = "02:00" }; break;
            case "outageBackwards": switches[2]!["behaviour"]!["outages"]![0]!["to"] = "2026-04-05T17:00:00Z"; break;
            case "outageNoOffset": switches[2]!["behaviour"]!["outages"]![0]!["from"] = "2026-04-05T18:00:00"; break;
            case "outageUnknownZone": switches[3]!["behaviour"]!["outages"]![0]!["daily"]!["timeZone"] = "Asia/Atlantis"; break;
            case "outageBankOfOtherIps": switches[3]!["behaviour"]!["outages"]![0]!["bic"] = "DBSSSGSGXXX"; break;
            case "noBanks": sg["banks"] = new JsonArray(); break;
            case "missingBehaviour": sg.Remove("behaviour"); break;
            case "duplicateIps": switches[1]!["ips"] = "SG-FAST"; break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, null);
        }
    }
}
