using System.Globalization;
using System.Text.Json;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Adapters.Profiles;

/// <summary>
/// Reads and validates the adapter profile JSON (format in <c>docs/adapters.md</c>) against a topology. Like the hub's
/// topology loader it walks a <see cref="JsonDocument"/> by hand, keeps going after a problem and names every problem
/// with its JSON path.
/// </summary>
internal sealed class AdapterProfileLoader : JsonDocumentReader
{
    private const int MaxLatencyMs = 600_000;

    private static readonly string[] RootProperties = ["comment", "switches"];
    private static readonly string[] SwitchProperties = ["ips", "currency", "pacs008Version", "domesticCap", "note", "banks", "proxies", "behaviour"];
    private static readonly string[] BankProperties = ["bic", "accounts", "note"];
    private static readonly string[] AccountProperties =
        ["number", "holder", "balance", "status", "kind", "address", "nationalId", "birthDate", "birthCity", "note"];
    private static readonly string[] AddressProperties = ["street", "building", "postCode", "town", "district", "subdivision"];
    private static readonly string[] ProxyProperties = ["type", "value", "bic", "account", "note"];
    private static readonly string[] BehaviourProperties = ["latencyMs", "inboundRejectionsPpm", "outboundRejectionsPpm", "outages"];
    private static readonly string[] LatencyProperties = ["percentile", "ms"];
    private static readonly string[] OutageProperties = ["from", "to", "daily", "bic", "note"];
    private static readonly string[] DailyProperties = ["timeZone", "from", "to"];

    // What an IPS may answer a payment from the hub with, beyond what its accounts decide, and what a bank may refuse
    // its own customer's payment with before it is sent.
    private static readonly StatusReasonCode[] InboundReasons =
        [StatusReasonCode.AC01, StatusReasonCode.AC03, StatusReasonCode.AC04, StatusReasonCode.AC06, StatusReasonCode.AG01,
         StatusReasonCode.BE01, StatusReasonCode.AB08, StatusReasonCode.RR04, StatusReasonCode.FRAD, StatusReasonCode.NARR];

    private static readonly StatusReasonCode[] OutboundReasons =
        [StatusReasonCode.AM04, StatusReasonCode.AG01, StatusReasonCode.RR04, StatusReasonCode.FRAD];

    // Proxy types that name a business (the account must be an organisation's) or a person.
    private static readonly string[] OrganisationProxyTypes = ["UEN", "BRN", "TXID"];
    private static readonly string[] PersonProxyTypes = ["NIDN", "PASS"];

    private readonly Topology _topology;
    private readonly Dictionary<IpsId, string> _seenIps = [];

    private AdapterProfileLoader(Topology topology) => _topology = topology;

    public static AdapterProfileLoadResult Load(string json, Topology topology)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(topology);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return new AdapterProfileLoadResult(null, [$"$: the file is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}"]);
        }

        using (document)
        {
            var loader = new AdapterProfileLoader(topology);
            var switches = loader.Read(document.RootElement);
            return loader.Errors.Count == 0
                ? new AdapterProfileLoadResult(new AdapterProfiles(topology, switches), [])
                : new AdapterProfileLoadResult(null, loader.Errors.ToArray());
        }
    }

    private List<NationalSwitchProfile> Read(JsonElement root)
    {
        var result = new List<NationalSwitchProfile>();
        if (!Object(root, "$", RootProperties))
        {
            return result;
        }

        var items = Array(root, "switches", "$", required: true);
        if (items.Length == 0 && root.TryGetProperty("switches", out var present) && present.ValueKind == JsonValueKind.Array)
        {
            Error("$.switches", "at least one IPS must be simulated");
        }

        foreach (var (item, path) in items)
        {
            if (ReadSwitch(item, path) is { } profile)
            {
                result.Add(profile);
            }
        }

        return result;
    }

    private NationalSwitchProfile? ReadSwitch(JsonElement item, string path)
    {
        if (!Object(item, path, SwitchProperties))
        {
            return null;
        }

        var ipsText = String(item, "ips", path, required: true);
        if (ipsText is null)
        {
            return null;
        }

        if (!_topology.TryGetIps(new IpsId(ipsText), out var ips))
        {
            Error($"{path}.ips", $"IPS '{ipsText}' is not in the topology (known: {string.Join(", ", _topology.Ips.Select(static i => i.Id.Value))})");
            return null;
        }

        if (!_seenIps.TryAdd(ips.Id, path))
        {
            Error($"{path}.ips", $"IPS {ips.Id} is already simulated by {_seenIps[ips.Id]}");
            return null;
        }

        var errorsBefore = Errors.Count;
        var currencyText = String(item, "currency", path, required: true);
        if (currencyText is not null && currencyText != ips.Currency.Code)
        {
            Error($"{path}.currency", $"{ips.Id} settles {ips.Currency.Code} in the topology; got '{currencyText}'");
        }

        var version = ReadVersion(item, path, ips);
        var cap = ips.PerTransactionCap;
        if (String(item, "domesticCap", path, required: false) is not null)
        {
            if (Amount(item, "domesticCap", path, ips.Currency, allowZero: false) is { } capMinor)
            {
                cap = new Money(capMinor, ips.Currency);
            }
        }

        _ = String(item, "note", path, required: false);
        var banks = ReadBanks(item, path, ips);
        var proxies = ReadProxies(item, path, ips, banks);
        var behaviour = ReadBehaviour(item, path, banks);
        if (Errors.Count != errorsBefore || version is null || behaviour is null)
        {
            return null;
        }

        return new NationalSwitchProfile(
            ips,
            version.Value,
            cap,
            ValueList<BankProfile>.TakeOwnership(banks.Select(static b => b.Bank).ToArray()),
            ValueList<ProxyEntry>.TakeOwnership(proxies.ToArray()),
            behaviour,
            item.TryGetProperty("note", out var note) && note.ValueKind == JsonValueKind.String ? note.GetString() : null);
    }

    private MessageVersion? ReadVersion(JsonElement item, string path, IpsDefinition ips)
    {
        // Default: the newest pacs.008 version the IPS speaks in the topology.
        MessageVersion? newest = null;
        foreach (var supported in ips.SupportedVersions)
        {
            if (supported.Kind() == MessageKind.Pacs008 && (newest is null || supported > newest))
            {
                newest = supported;
            }
        }

        var text = String(item, "pacs008Version", path, required: false);
        if (text is null)
        {
            return newest;
        }

        if (!MessageVersions.TryParseIdentifier(text, out var version) || version.Kind() != MessageKind.Pacs008)
        {
            Error($"{path}.pacs008Version", $"'{text}' is not a pacs.008 version (for example pacs.008.001.13)");
            return null;
        }

        if (!ips.Supports(version))
        {
            Error($"{path}.pacs008Version", $"{ips.Id} does not speak {text} in the topology");
            return null;
        }

        return version;
    }

    private List<(BankProfile Bank, string Path)> ReadBanks(JsonElement owner, string ownerPath, IpsDefinition ips)
    {
        var result = new List<(BankProfile, string)>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = Array(owner, "banks", ownerPath, required: true);
        if (items.Length == 0 && owner.TryGetProperty("banks", out var present) && present.ValueKind == JsonValueKind.Array)
        {
            Error($"{ownerPath}.banks", "an IPS needs at least one bank");
        }

        foreach (var (item, path) in items)
        {
            if (!Object(item, path, BankProperties))
            {
                continue;
            }

            _ = String(item, "note", path, required: false);
            var bic = BicValue(item, "bic", path);
            ParticipantDefinition? participant = null;
            if (bic is { } bicValue)
            {
                if (!_topology.TryGetParticipant(bicValue, out participant))
                {
                    Error($"{path}.bic", $"{bicValue} is not a participant in the topology");
                }
                else if (participant.Ips != ips.Id)
                {
                    Error($"{path}.bic", $"{bicValue} belongs to {participant.Ips} in the topology, not to {ips.Id}");
                    participant = null;
                }
                else if (!participant.HasRole(ParticipantRoles.Psp))
                {
                    Error($"{path}.bic", $"{bicValue} is not a PSP in the topology, so it has no customers");
                    participant = null;
                }
                else if (!seen.TryAdd(BicKey.Of(bicValue), path))
                {
                    Error($"{path}.bic", $"bank {bicValue} is already listed at {seen[BicKey.Of(bicValue)]}");
                    participant = null;
                }
            }

            var accounts = ReadAccounts(item, path, ips);
            if (participant is not null)
            {
                result.Add((new BankProfile(participant, ValueList<CustomerAccountProfile>.TakeOwnership(accounts.ToArray())), path));
            }
        }

        return result;
    }

    private List<CustomerAccountProfile> ReadAccounts(JsonElement owner, string ownerPath, IpsDefinition ips)
    {
        var result = new List<CustomerAccountProfile>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = Array(owner, "accounts", ownerPath, required: true);
        if (items.Length == 0 && owner.TryGetProperty("accounts", out var present) && present.ValueKind == JsonValueKind.Array)
        {
            Error($"{ownerPath}.accounts", "a bank needs at least one customer account");
        }

        foreach (var (item, path) in items)
        {
            if (!Object(item, path, AccountProperties))
            {
                continue;
            }

            var errorsBefore = Errors.Count;
            _ = String(item, "note", path, required: false);
            var number = String(item, "number", path, required: true);
            if (number is not null)
            {
                if (IdentifierFormats.AccountNumberProblem(number) is { } problem)
                {
                    Error($"{path}.number", problem);
                }
                else if (!seen.TryAdd(number, path))
                {
                    Error($"{path}.number", $"account {number} is already listed at {seen[number]}");
                }
            }

            var holder = Text(item, "holder", path, required: true, maxLength: 140);
            var balance = Amount(item, "balance", path, ips.Currency, allowZero: true);
            var status = Choice(item, "status", path, required: true, ["active", "closed", "blocked"]) switch
            {
                "closed" => AccountStatus.Closed,
                "blocked" => AccountStatus.Blocked,
                _ => AccountStatus.Active,
            };
            var kind = Choice(item, "kind", path, required: false, ["person", "organisation"]) == "organisation" ? PartyKind.Organisation : PartyKind.Person;
            var address = ReadAddress(item, path, ips.Country);
            var nationalId = String(item, "nationalId", path, required: false);
            if (nationalId is not null)
            {
                if (kind == PartyKind.Organisation)
                {
                    Error($"{path}.nationalId", "an organisation has no national id; use a business registration proxy instead");
                }
                else if (IdentifierFormats.NationalIdProblem(ips.Country, nationalId) is { } problem)
                {
                    Error($"{path}.nationalId", problem);
                }
            }

            var birthDate = Date(item, "birthDate", path);
            var birthCity = Text(item, "birthCity", path, required: birthDate is not null, maxLength: 35);
            if (birthDate is null && birthCity is not null && !item.TryGetProperty("birthDate", out _))
            {
                Error($"{path}.birthCity", "a city of birth is given only with birthDate");
            }

            if (birthDate is not null && kind == PartyKind.Organisation)
            {
                Error($"{path}.birthDate", "an organisation has no date of birth");
            }

            if (Errors.Count == errorsBefore && number is not null && holder is not null && balance is not null)
            {
                result.Add(new CustomerAccountProfile(number, holder, kind, balance.Value, status, address, nationalId, birthDate, birthCity));
            }
        }

        return result;
    }

    private PostalAddress? ReadAddress(JsonElement owner, string ownerPath, CountryCode country)
    {
        if (!owner.TryGetProperty("address", out var item) || item.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var path = $"{ownerPath}.address";
        if (!Object(item, path, AddressProperties))
        {
            return null;
        }

        // Lengths are the ISO 20022 PostalAddress24 limits, so the address fits every pacs.008 version.
        return new PostalAddress
        {
            StreetName = Text(item, "street", path, required: false, maxLength: 70),
            BuildingNumber = Text(item, "building", path, required: false, maxLength: 16),
            PostCode = Text(item, "postCode", path, required: false, maxLength: 16),
            TownName = Text(item, "town", path, required: true, maxLength: 35),
            DistrictName = Text(item, "district", path, required: false, maxLength: 35),
            CountrySubDivision = Text(item, "subdivision", path, required: false, maxLength: 35),
            Country = country,
        };
    }

    private List<ProxyEntry> ReadProxies(JsonElement owner, string ownerPath, IpsDefinition ips, List<(BankProfile Bank, string Path)> banks)
    {
        var result = new List<ProxyEntry>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path) in Array(owner, "proxies", ownerPath, required: false))
        {
            if (!Object(item, path, ProxyProperties))
            {
                continue;
            }

            var errorsBefore = Errors.Count;
            _ = String(item, "note", path, required: false);
            var type = String(item, "type", path, required: true);
            if (type is not null && !ips.SupportsProxyType(type))
            {
                Error($"{path}.type", $"{ips.Id} does not resolve proxy type '{type}' in the topology (its types: {string.Join(", ", ips.ProxyTypes)})");
                type = null;
            }

            var value = String(item, "value", path, required: true);
            if (value is not null && type is not null && IdentifierFormats.ProxyProblem(ips.Country, type, value) is { } problem)
            {
                Error($"{path}.value", problem);
            }
            else if (value is not null && !seen.TryAdd(value, path))
            {
                // The hub's directory is keyed by the proxy alone (not by type), so a value may appear once per IPS.
                Error($"{path}.value", $"proxy {value} is already registered at {seen[value]}");
            }

            var bic = BicValue(item, "bic", path);
            var number = String(item, "account", path, required: true);
            BankProfile? bank = null;
            if (bic is { } bicValue)
            {
                bank = banks.Select(static b => b.Bank).FirstOrDefault(b => BicKey.Same(b.Bic, bicValue));
                if (bank is null)
                {
                    Error($"{path}.bic", $"{bicValue} is not a bank of {ips.Id} in this profile");
                }
            }

            if (bank is not null && number is not null)
            {
                if (!bank.TryGetAccount(number, out var account))
                {
                    Error($"{path}.account", $"{bank.Bic} has no account {number} in this profile");
                }
                else if (type is not null && account.Kind == PartyKind.Person && OrganisationProxyTypes.Contains(type))
                {
                    Error($"{path}.type", $"a {type} names a business, but account {number} belongs to a person");
                }
                else if (type is not null && account.Kind == PartyKind.Organisation && PersonProxyTypes.Contains(type))
                {
                    Error($"{path}.type", $"a {type} names a person, but account {number} belongs to an organisation");
                }
            }

            if (Errors.Count == errorsBefore && type is not null && value is not null && bank is not null && number is not null)
            {
                result.Add(new ProxyEntry(type, value, bank.Bic, number));
            }
        }

        return result;
    }

    private BehaviourProfile? ReadBehaviour(JsonElement owner, string ownerPath, List<(BankProfile Bank, string Path)> banks)
    {
        var path = $"{ownerPath}.behaviour";
        if (!owner.TryGetProperty("behaviour", out var item) || item.ValueKind == JsonValueKind.Null)
        {
            Error(path, "is required");
            return null;
        }

        if (!Object(item, path, BehaviourProperties))
        {
            return null;
        }

        var errorsBefore = Errors.Count;
        var latency = ReadLatency(item, path);
        var inbound = ReadRejections(item, "inboundRejectionsPpm", path, InboundReasons, "a payment arriving from the hub");
        var outbound = ReadRejections(item, "outboundRejectionsPpm", path, OutboundReasons, "a customer's outgoing payment");
        var outages = ReadOutages(item, path, banks);
        return Errors.Count == errorsBefore && latency is not null
            ? new BehaviourProfile(latency, inbound, outbound, ValueList<OutageWindow>.TakeOwnership(outages.ToArray()))
            : null;
    }

    private PercentileTable? ReadLatency(JsonElement owner, string ownerPath)
    {
        var points = new List<PercentilePoint>();
        var errorsBefore = Errors.Count;
        foreach (var (item, path) in Array(owner, "latencyMs", ownerPath, required: true))
        {
            if (!Object(item, path, LatencyProperties))
            {
                continue;
            }

            int? ppm = null;
            if (!item.TryGetProperty("percentile", out var percentile) || percentile.ValueKind == JsonValueKind.Null)
            {
                Error($"{path}.percentile", "is required");
            }
            else if (percentile.ValueKind != JsonValueKind.Number || !percentile.TryGetDecimal(out var value) || value < 0 || value > 100
                || decimal.Round(value * 10_000m) != value * 10_000m)
            {
                // Percentiles are read as decimals and kept as whole parts per million, so 99.9 is exact.
                Error($"{path}.percentile", $"expected a percentile from 0 to 100 with at most 4 decimals; got {Describe(percentile)}");
            }
            else
            {
                ppm = (int)(value * 10_000m);
            }

            var ms = Int(item, "ms", path, required: true);
            if (ms is < 0 or > MaxLatencyMs)
            {
                Error($"{path}.ms", $"a latency must be from 0 to {MaxLatencyMs} ms; got {ms}");
            }

            if (ppm is { } p && ms is { } m)
            {
                points.Add(new PercentilePoint(p, m));
            }
        }

        if (Errors.Count != errorsBefore)
        {
            return null;
        }

        if (PercentileTable.Problem(points) is { } problem)
        {
            Error($"{ownerPath}.latencyMs", problem);
            return null;
        }

        return PercentileTable.Create(points);
    }

    private RejectionTable ReadRejections(JsonElement owner, string name, string ownerPath, StatusReasonCode[] allowed, string what)
    {
        var path = $"{ownerPath}.{name}";
        if (!owner.TryGetProperty(name, out var item) || item.ValueKind == JsonValueKind.Null)
        {
            return RejectionTable.None;
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected an object of reason code → parts per million; got {Describe(item)}");
            return RejectionTable.None;
        }

        var rates = new List<RejectionRate>();
        long total = 0;
        foreach (var property in item.EnumerateObject())
        {
            var entryPath = $"{path}.{property.Name}";
            if (!StatusReasons.TryParse(property.Name, out var reason) || reason == StatusReasonCode.None)
            {
                Error(entryPath, $"'{property.Name}' is not an ISO 20022 status reason code");
                continue;
            }

            if (System.Array.IndexOf(allowed, reason) < 0)
            {
                Error(entryPath, $"{property.Name} is not a reason for refusing {what}; use one of {string.Join(", ", allowed.Select(StatusReasons.ToCode))}");
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var ppm) || ppm < 0 || ppm > Probability.Million)
            {
                Error(entryPath, $"expected parts per million, a whole number from 0 to 1000000; got {Describe(property.Value)}");
                continue;
            }

            total += ppm;
            rates.Add(new RejectionRate(reason, ppm));
        }

        if (total > Probability.Million)
        {
            Error(path, $"the probabilities add up to {total} ppm, more than 1000000 (certainty)");
        }

        // A fixed order (the code's order in the ISO list) so that the same draw always gives the same reason.
        rates.Sort(static (a, b) => a.Reason.CompareTo(b.Reason));
        return new RejectionTable(ValueList<RejectionRate>.TakeOwnership(rates.ToArray()));
    }

    private List<OutageWindow> ReadOutages(JsonElement owner, string ownerPath, List<(BankProfile Bank, string Path)> banks)
    {
        var result = new List<OutageWindow>();
        foreach (var (item, path) in Array(owner, "outages", ownerPath, required: false))
        {
            if (!Object(item, path, OutageProperties))
            {
                continue;
            }

            var errorsBefore = Errors.Count;
            var note = String(item, "note", path, required: false);
            Bic? bank = null;
            if (item.TryGetProperty("bic", out var bicElement) && bicElement.ValueKind != JsonValueKind.Null && BicValue(item, "bic", path) is { } bic)
            {
                if (!banks.Any(b => BicKey.Same(b.Bank.Bic, bic)))
                {
                    Error($"{path}.bic", $"{bic} is not a bank of this IPS in this profile");
                }

                bank = bic;
            }

            var hasDaily = item.TryGetProperty("daily", out var daily) && daily.ValueKind != JsonValueKind.Null;
            var hasRange = item.TryGetProperty("from", out _) || item.TryGetProperty("to", out _);
            if (hasDaily == hasRange)
            {
                Error(path, "an outage is either a one-off window (from, to) or a daily one (daily), not both or neither");
                continue;
            }

            if (hasRange)
            {
                var from = Instant(item, "from", path);
                var to = Instant(item, "to", path);
                if (from is { } start && to is { } end)
                {
                    if (end <= start)
                    {
                        Error($"{path}.to", "an outage must end after it starts");
                    }
                    else if (Errors.Count == errorsBefore)
                    {
                        result.Add(OutageWindow.Between(start, end, bank, note));
                    }
                }

                continue;
            }

            var dailyPath = $"{path}.daily";
            if (!Object(daily, dailyPath, DailyProperties))
            {
                continue;
            }

            TimeZoneInfo? zone = null;
            if (String(daily, "timeZone", dailyPath, required: true) is { } zoneId && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out zone))
            {
                Error($"{dailyPath}.timeZone", $"'{zoneId}' is not a known time zone (use an IANA id such as Asia/Jakarta)");
            }

            var dailyFrom = Time(daily, "from", dailyPath);
            var dailyTo = Time(daily, "to", dailyPath);
            if (dailyFrom is { } f && dailyTo is { } t && f == t)
            {
                Error($"{dailyPath}.to", "a daily outage must not start and end at the same time");
            }
            else if (zone is not null && dailyFrom is { } f2 && dailyTo is { } t2 && Errors.Count == errorsBefore)
            {
                result.Add(OutageWindow.Daily(zone, f2, t2, bank, note));
            }
        }

        return result;
    }

    // ---- Primitive readers: each reports its own problem with a path and returns null. ----

    private string? Text(JsonElement owner, string name, string ownerPath, bool required, int maxLength)
    {
        var text = String(owner, name, ownerPath, required);
        if (text is not null && (text.Length > maxLength || string.IsNullOrWhiteSpace(text)))
        {
            Error($"{ownerPath}.{name}", $"must be 1 to {maxLength} characters (ISO 20022 Max{maxLength}Text)");
            return null;
        }

        return text;
    }

    private string? Choice(JsonElement owner, string name, string ownerPath, bool required, string[] allowed)
    {
        var text = String(owner, name, ownerPath, required);
        if (text is not null && System.Array.IndexOf(allowed, text) < 0)
        {
            Error($"{ownerPath}.{name}", $"'{text}' is not one of {string.Join(", ", allowed)}");
            return null;
        }

        return text;
    }

    private DateOnly? Date(JsonElement owner, string name, string ownerPath)
    {
        var text = String(owner, name, ownerPath, required: false);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Error($"{ownerPath}.{name}", $"'{text}' is not a date in yyyy-MM-dd form");
            return null;
        }

        return date;
    }

    private DateTimeOffset? Instant(JsonElement owner, string name, string ownerPath)
    {
        var text = String(owner, name, ownerPath, required: true);
        if (text is null)
        {
            return null;
        }

        // An explicit offset is required ("Z" or "+07:00"): a local time without one would depend on the machine.
        var hasOffset = text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            Error($"{ownerPath}.{name}", $"'{text}' is not an ISO 8601 date-time with an offset (for example 2026-04-05T18:00:00Z)");
            return null;
        }

        return instant;
    }

    // Amounts are strings in major units ("1520.35"), parsed exactly with the currency's number of decimals.
    private long? Amount(JsonElement owner, string name, string ownerPath, Currency currency, bool allowZero)
    {
        var text = String(owner, name, ownerPath, required: true);
        if (text is null)
        {
            return null;
        }

        var rules = allowZero ? AmountRules.AllowZero : AmountRules.None;
        if (!Money.TryParse(text, currency, rules, out var money, out var failure))
        {
            Error($"{ownerPath}.{name}", $"'{text}' is not a {currency.Code} amount: {failure.Rule}");
            return null;
        }

        return money.AmountMinor;
    }

}
