using System.Globalization;
using System.Text.Json;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.Fx;

namespace PaymentSwitch.Hub.ReferenceData;

/// <summary>
/// Reads and validates the topology JSON (format in <c>docs/reference-data.md</c>). It walks a <see cref="JsonDocument"/>
/// by hand so that it can keep going after a problem and name every problem with its JSON path, instead of stopping at
/// the first exception a serializer would throw.
/// </summary>
internal sealed class TopologyLoader : JsonDocumentReader
{
    private static readonly string[] RootProperties = ["comment", "ips", "participants", "fxProviders", "corridors"];
    private static readonly string[] IpsProperties =
        ["id", "name", "country", "currency", "perTransactionCap", "supportedVersions", "operatingHours", "priorities", "proxyTypes", "note"];
    private static readonly string[] HoursProperties = ["timeZone", "open", "close", "days"];
    private static readonly string[] ParticipantProperties = ["bic", "name", "ips", "roles", "status", "memberId", "liquidity", "note"];
    private static readonly string[] LiquidityProperties = ["currency", "kind", "limit"];
    private static readonly string[] MoneyProperties = ["amount", "currency"];
    private static readonly string[] ProviderProperties = ["bic", "name", "rateSheets", "note"];
    private static readonly string[] SheetProperties =
        ["source", "destination", "midRate", "spreadBps", "tiers", "pspImprovements", "quoteValiditySeconds"];
    private static readonly string[] TierProperties = ["fromSourceAmount", "improvementBps"];
    private static readonly string[] ImprovementProperties = ["psp", "improvementBps"];
    private static readonly string[] CorridorProperties = ["source", "destination", "enabled", "cap", "requiredFields", "fees", "note"];
    private static readonly string[] FeesProperties = ["sourcePsp", "destinationPsp", "scheme"];
    private static readonly string[] FeeProperties = ["currency", "fixed", "bps", "min", "max"];

    private readonly HashSet<IpsId> _declaredIps = [];
    private readonly HashSet<string> _declaredPsps = new(StringComparer.Ordinal);
    private bool _ipsValid;

    public static TopologyLoadResult Load(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return new TopologyLoadResult(null, [$"$: the file is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}"]);
        }

        using (document)
        {
            var loader = new TopologyLoader();
            var topology = loader.Read(document.RootElement);
            return loader.Errors.Count == 0
                ? new TopologyLoadResult(topology, [])
                : new TopologyLoadResult(null, loader.Errors.ToArray());
        }
    }

    private Topology? Read(JsonElement root)
    {
        if (!Object(root, "$", RootProperties))
        {
            return null;
        }

        var ips = ReadIps(root);

        // Ids of IPSs that failed validation still count as declared, so their participants do not cascade into errors.
        _declaredIps.UnionWith(root.TryGetProperty("ips", out var declared) && declared.ValueKind == JsonValueKind.Array
            ? declared.EnumerateArray()
                .Where(static e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                .Select(static e => new IpsId(e.GetProperty("id").GetString()!))
            : []);
        var ipsById = new Dictionary<IpsId, IpsDefinition>();
        foreach (var (definition, _) in ips)
        {
            ipsById.TryAdd(definition.Id, definition);
        }

        var participants = ReadParticipants(root, ipsById);
        var participantsByKey = new Dictionary<string, ParticipantDefinition>(StringComparer.Ordinal);
        foreach (var (participant, _) in participants)
        {
            participantsByKey.TryAdd(BicKeys.ToKey(participant.Bic), participant);
        }

        // Participants whose entry failed validation still count as declared, for the same reason as IPSs.
        foreach (var (item, _) in Array(root, "participants", "$", required: false))
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("bic", out var bic) && bic.ValueKind == JsonValueKind.String
                && Bic.TryParse(bic.GetString(), out var parsed, out _))
            {
                _declaredPsps.Add(BicKeys.ToKey(parsed));
            }
        }

        _ipsValid = !Errors.Any(static e => e.StartsWith("$.ips", StringComparison.Ordinal));
        var providers = ReadFxProviders(root, ipsById, participantsByKey);
        var corridors = ReadCorridors(root, ipsById);

        // Every participant that claims the FX provider role must post rates, or it could never be quoted.
        var providerKeys = providers.Select(static p => BicKeys.ToKey(p.Bic)).ToHashSet(StringComparer.Ordinal);
        foreach (var (participant, path) in participants)
        {
            if (participant.HasRole(ParticipantRoles.FxProvider) && !providerKeys.Contains(BicKeys.ToKey(participant.Bic)))
            {
                Error($"{path}.roles", $"participant {participant.Bic} has the FXP role but no entry in $.fxProviders, so it has no rate sheet");
            }
        }

        return Errors.Count == 0
            ? new Topology(ips.Select(static i => i.Item1).ToArray(), participants.Select(static p => p.Item1).ToArray(), providers, corridors)
            : null;
    }

    private List<(IpsDefinition, string)> ReadIps(JsonElement root)
    {
        var result = new List<(IpsDefinition, string)>();
        var seen = new Dictionary<IpsId, string>();
        foreach (var (item, path) in Array(root, "ips", "$", required: true))
        {
            if (!Object(item, path, IpsProperties))
            {
                continue;
            }

            var id = IpsIdValue(item, "id", path);
            var name = String(item, "name", path, required: true);
            var country = Country(item, "country", path);
            var currency = CurrencyValue(item, "currency", path);
            var cap = MoneyValue(item, "perTransactionCap", path, required: true);
            if (cap is { } capValue && currency is { } ipsCurrency)
            {
                if (capValue.Currency != ipsCurrency)
                {
                    Error($"{path}.perTransactionCap.currency", $"the cap is in {capValue.Currency.Code} but the IPS settles {ipsCurrency.Code}");
                }
                else if (capValue.AmountMinor <= 0)
                {
                    Error($"{path}.perTransactionCap.amount", "the cap must be greater than zero");
                }
            }

            var versions = new List<MessageVersion>();
            foreach (var (element, versionPath) in Array(item, "supportedVersions", path, required: true))
            {
                var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
                if (!MessageVersions.TryParseIdentifier(text, out var version))
                {
                    Error(versionPath, $"'{(element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText())}' is not a supported ISO 20022 message version (for example pacs.008.001.13)");
                }
                else if (versions.Contains(version))
                {
                    Error(versionPath, $"{text} is listed twice");
                }
                else
                {
                    versions.Add(version);
                }
            }

            if (item.TryGetProperty("supportedVersions", out _) && !versions.Any(static v => v.Kind() == MessageKind.Pacs008))
            {
                Error($"{path}.supportedVersions", "an IPS must speak at least one pacs.008 version");
            }

            var hours = ReadHours(item, path);
            var priorities = Strings(item, "priorities", path, required: true);
            var high = false;
            var normal = false;
            foreach (var (priority, priorityPath) in priorities)
            {
                switch (priority)
                {
                    case "HIGH": high = true; break;
                    case "NORM": normal = true; break;
                    default: Error(priorityPath, $"'{priority}' is not a priority; use HIGH or NORM"); break;
                }
            }

            if (item.TryGetProperty("priorities", out _) && !high && !normal)
            {
                Error($"{path}.priorities", "an IPS must support HIGH, NORM or both");
            }

            var proxyTypes = new List<string>();
            foreach (var (proxyType, proxyPath) in Strings(item, "proxyTypes", path, required: false))
            {
                if (proxyType.Length is < 3 or > 4 || !proxyType.All(char.IsAsciiLetterUpper))
                {
                    Error(proxyPath, $"'{proxyType}' is not a proxy type code (3 or 4 upper-case letters, for example MBNO)");
                }
                else if (proxyTypes.Contains(proxyType))
                {
                    Error(proxyPath, $"proxy type {proxyType} is listed twice");
                }
                else
                {
                    proxyTypes.Add(proxyType);
                }
            }

            var note = String(item, "note", path, required: false);
            if (id is { } ipsId && !seen.TryAdd(ipsId, path))
            {
                Error($"{path}.id", $"IPS id {ipsId} is already used by {seen[ipsId]}");
                continue;
            }

            if (id is null || name is null || country is null || currency is null || cap is null)
            {
                continue;
            }

            result.Add((new IpsDefinition(
                id.Value,
                name,
                country.Value,
                currency.Value,
                cap.Value,
                ValueList<MessageVersion>.TakeOwnership(versions.ToArray()),
                hours,
                high,
                normal,
                ValueList<string>.TakeOwnership(proxyTypes.ToArray()),
                note), path));
        }

        return result;
    }

    private OperatingHours? ReadHours(JsonElement ips, string ipsPath)
    {
        if (!ips.TryGetProperty("operatingHours", out var item) || item.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var path = $"{ipsPath}.operatingHours";
        if (!Object(item, path, HoursProperties))
        {
            return null;
        }

        TimeZoneInfo? zone = null;
        var zoneId = String(item, "timeZone", path, required: true);
        if (zoneId is not null)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out zone))
            {
                Error($"{path}.timeZone", $"'{zoneId}' is not a time zone known to this system (use an IANA id such as Asia/Singapore)");
            }
        }

        var open = Time(item, "open", path);
        var close = Time(item, "close", path);
        var days = new List<DayOfWeek>();
        foreach (var (day, dayPath) in Strings(item, "days", path, required: false))
        {
            if (!Enum.TryParse<DayOfWeek>(day, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || day.All(char.IsAsciiDigit))
            {
                Error(dayPath, $"'{day}' is not a day of the week (Monday ... Sunday)");
            }
            else
            {
                days.Add(parsed);
            }
        }

        return zone is not null && open is not null && close is not null ? new OperatingHours(zone, open.Value, close.Value, days) : null;
    }

    private List<(ParticipantDefinition, string)> ReadParticipants(JsonElement root, Dictionary<IpsId, IpsDefinition> ips)
    {
        var result = new List<(ParticipantDefinition, string)>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var members = new Dictionary<(IpsId, string), string>();
        foreach (var (item, path) in Array(root, "participants", "$", required: true))
        {
            if (!Object(item, path, ParticipantProperties))
            {
                continue;
            }

            var bic = BicValue(item, "bic", path);
            var name = String(item, "name", path, required: true);
            var ipsId = IpsIdValue(item, "ips", path);
            IpsDefinition? home = null;
            if (ipsId is { } id && !ips.TryGetValue(id, out home) && !_declaredIps.Contains(id))
            {
                Error($"{path}.ips", $"participant is in unknown IPS '{id}'");
            }

            var roles = ParticipantRoles.None;
            foreach (var (role, rolePath) in Strings(item, "roles", path, required: true))
            {
                var parsed = role switch
                {
                    "PSP" => ParticipantRoles.Psp,
                    "FXP" => ParticipantRoles.FxProvider,
                    "SAP" => ParticipantRoles.SettlementAccessProvider,
                    _ => ParticipantRoles.None,
                };
                if (parsed == ParticipantRoles.None)
                {
                    Error(rolePath, $"'{role}' is not a role; use PSP, FXP or SAP");
                }

                roles |= parsed;
            }

            if (item.TryGetProperty("roles", out _) && roles == ParticipantRoles.None)
            {
                Error($"{path}.roles", "a participant needs at least one role");
            }

            var status = ParticipantStatus.Active;
            var statusText = String(item, "status", path, required: false);
            if (statusText is not null)
            {
                switch (statusText)
                {
                    case "ACTIVE": status = ParticipantStatus.Active; break;
                    case "SUSPENDED": status = ParticipantStatus.Suspended; break;
                    default: Error($"{path}.status", $"'{statusText}' is not a status; use ACTIVE or SUSPENDED"); break;
                }
            }

            var memberId = String(item, "memberId", path, required: false);
            if (memberId is not null)
            {
                if (memberId.Length is 0 or > 35 || memberId.Any(char.IsWhiteSpace))
                {
                    Error($"{path}.memberId", "a clearing member id has 1 to 35 characters and no spaces (ClrSysMmbId/MmbId is Max35Text)");
                }
                else if (ipsId is { } memberIps && !members.TryAdd((memberIps, memberId), path))
                {
                    Error($"{path}.memberId", $"member id {memberId} is already used in {memberIps} by {members[(memberIps, memberId)]}");
                }
            }

            var liquidity = new List<LiquidityLimit>();
            foreach (var (entry, entryPath) in Array(item, "liquidity", path, required: false))
            {
                if (!Object(entry, entryPath, LiquidityProperties))
                {
                    continue;
                }

                var currency = CurrencyValue(entry, "currency", entryPath);
                var kindText = String(entry, "kind", entryPath, required: true);
                LiquidityKind? kind = kindText switch
                {
                    null => null,
                    "PREFUNDED" => LiquidityKind.Prefunded,
                    "NET_DEBIT_CAP" => LiquidityKind.NetDebitCap,
                    _ => null,
                };
                if (kindText is not null && kind is null)
                {
                    Error($"{entryPath}.kind", $"'{kindText}' is not a liquidity kind; use PREFUNDED or NET_DEBIT_CAP");
                }

                var limit = currency is { } c ? Amount(entry, "limit", entryPath, c, required: true) : null;
                if (limit < 0)
                {
                    Error($"{entryPath}.limit", "a liquidity limit must not be negative");
                }

                if (currency is { } limitCurrency && liquidity.Any(l => l.Currency == limitCurrency))
                {
                    Error($"{entryPath}.currency", $"{limitCurrency.Code} liquidity is defined twice for this participant");
                }
                else if (currency is not null && kind is not null && limit is >= 0)
                {
                    liquidity.Add(new LiquidityLimit(currency.Value, kind.Value, limit.Value));
                }
            }

            if (home is not null && roles.HasFlag(ParticipantRoles.Psp) && liquidity.Count > 0 && !liquidity.Any(l => l.Currency == home.Currency))
            {
                Error($"{path}.liquidity", $"a PSP of {home.Id} needs liquidity in {home.Currency.Code}, the IPS currency");
            }

            if (bic is { } participantBic && !seen.TryAdd(BicKeys.ToKey(participantBic), path))
            {
                Error($"{path}.bic", $"BIC {participantBic} is already used by {seen[BicKeys.ToKey(participantBic)]} (BIC8 and BIC8+XXX are the same participant)");
                continue;
            }

            if (bic is null || name is null || home is null || roles == ParticipantRoles.None)
            {
                continue;
            }

            result.Add((new ParticipantDefinition(bic.Value, name, home.Id, roles, status, memberId, ValueList<LiquidityLimit>.TakeOwnership(liquidity.ToArray())), path));
        }

        return result;
    }

    private List<FxProviderDefinition> ReadFxProviders(JsonElement root, Dictionary<IpsId, IpsDefinition> ips, Dictionary<string, ParticipantDefinition> participants)
    {
        var settledCurrencies = ips.Values.Select(static i => i.Currency).ToHashSet();
        var result = new List<FxProviderDefinition>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path) in Array(root, "fxProviders", "$", required: true))
        {
            if (!Object(item, path, ProviderProperties))
            {
                continue;
            }

            var bic = BicValue(item, "bic", path);
            var name = String(item, "name", path, required: true);
            if (bic is { } providerBic)
            {
                if (!participants.TryGetValue(BicKeys.ToKey(providerBic), out var participant))
                {
                    Error($"{path}.bic", $"FX provider {providerBic} is not in $.participants");
                }
                else if (!participant.HasRole(ParticipantRoles.FxProvider))
                {
                    Error($"{path}.bic", $"participant {providerBic} posts rate sheets but does not have the FXP role");
                }
            }

            var sheets = new List<FxRateSheet>();
            foreach (var (sheetItem, sheetPath) in Array(item, "rateSheets", path, required: true))
            {
                if (ReadSheet(sheetItem, sheetPath, bic, settledCurrencies, participants) is not { } sheet)
                {
                    continue;
                }

                if (sheets.Any(s => s.SourceCurrency == sheet.SourceCurrency && s.DestinationCurrency == sheet.DestinationCurrency))
                {
                    Error(sheetPath, $"{sheet.SourceCurrency.Code} to {sheet.DestinationCurrency.Code} has two rate sheets for this provider");
                    continue;
                }

                sheets.Add(sheet);
            }

            if (item.TryGetProperty("rateSheets", out _) && sheets.Count == 0 && !Errors.Any(e => e.StartsWith(path + ".rateSheets[", StringComparison.Ordinal)))
            {
                Error($"{path}.rateSheets", "an FX provider needs at least one rate sheet");
            }

            if (bic is { } key && !seen.TryAdd(BicKeys.ToKey(key), path))
            {
                Error($"{path}.bic", $"FX provider {key} is already defined by {seen[BicKeys.ToKey(key)]}");
                continue;
            }

            if (bic is not null && name is not null)
            {
                result.Add(new FxProviderDefinition(bic.Value, name, ValueList<FxRateSheet>.TakeOwnership(sheets.ToArray())));
            }
        }

        return result;
    }

    private FxRateSheet? ReadSheet(JsonElement item, string path, Bic? provider, HashSet<Currency> settled, Dictionary<string, ParticipantDefinition> participants)
    {
        if (!Object(item, path, SheetProperties))
        {
            return null;
        }

        var source = CurrencyValue(item, "source", path);
        var destination = CurrencyValue(item, "destination", path);
        foreach (var (currency, name) in new[] { (source, "source"), (destination, "destination") })
        {
            if (currency is { } c && _ipsValid && !settled.Contains(c))
            {
                Error($"{path}.{name}", $"no IPS settles {c.Code}, so a {c.Code} rate could never be used");
            }
        }

        if (source is not null && source == destination)
        {
            Error($"{path}.destination", "a rate sheet needs two different currencies");
        }

        var mid = DecimalValue(item, "midRate", path);
        if (mid is { } midRate && !FxConversion.IsExchangeRateForm(midRate))
        {
            Error($"{path}.midRate", $"mid rate {midRate.ToString(CultureInfo.InvariantCulture)} must be positive with at most 11 digits, at most 10 after the point (ISO 20022 BaseOneRate)");
        }

        var spread = Int(item, "spreadBps", path, required: true);
        if (spread is < 0 or > 10_000)
        {
            Error($"{path}.spreadBps", $"spread {spread} bps must be between 0 and 10000");
        }

        var tiers = new List<FxTier>();
        foreach (var (tierItem, tierPath) in Array(item, "tiers", path, required: false))
        {
            if (!Object(tierItem, tierPath, TierProperties))
            {
                continue;
            }

            var from = source is { } s ? Amount(tierItem, "fromSourceAmount", tierPath, s, required: true) : null;
            var improvement = Int(tierItem, "improvementBps", tierPath, required: true);
            if (improvement < 0)
            {
                Error($"{tierPath}.improvementBps", "an improvement must not be negative");
            }

            if (from < 0)
            {
                Error($"{tierPath}.fromSourceAmount", "a tier threshold must not be negative");
            }

            if (from is { } threshold && improvement is { } bps)
            {
                if (tiers.Count > 0 && (threshold <= tiers[^1].FromSourceAmountMinor || bps < tiers[^1].ImprovementBps))
                {
                    Error(tierPath, "tiers must be strictly increasing in fromSourceAmount and must not decrease in improvementBps");
                }

                tiers.Add(new FxTier(threshold, bps));
            }
        }

        var improvements = new List<PspImprovement>();
        foreach (var (improvementItem, improvementPath) in Array(item, "pspImprovements", path, required: false))
        {
            if (!Object(improvementItem, improvementPath, ImprovementProperties))
            {
                continue;
            }

            var psp = BicValue(improvementItem, "psp", improvementPath);
            var bps = Int(improvementItem, "improvementBps", improvementPath, required: true);
            if (bps < 0)
            {
                Error($"{improvementPath}.improvementBps", "an improvement must not be negative");
            }

            if (psp is { } pspBic)
            {
                if (participants.TryGetValue(BicKeys.ToKey(pspBic), out var participant) ? !participant.HasRole(ParticipantRoles.Psp) : !_declaredPsps.Contains(BicKeys.ToKey(pspBic)))
                {
                    Error($"{improvementPath}.psp", $"{pspBic} is not a PSP in $.participants");
                }
                else if (improvements.Any(i => BicKeys.SameParticipant(i.Psp, pspBic)))
                {
                    Error($"{improvementPath}.psp", $"{pspBic} has two improvements on this sheet");
                }
                else if (bps is >= 0)
                {
                    improvements.Add(new PspImprovement(pspBic, bps.Value));
                }
            }
        }

        var best = (tiers.Count == 0 ? 0 : tiers.Max(static t => t.ImprovementBps)) + (improvements.Count == 0 ? 0 : improvements.Max(static i => i.ImprovementBps));
        if (spread is { } spreadBps && best > spreadBps)
        {
            Error(path, $"the best tier plus the best PSP improvement ({best} bps) exceed the spread ({spreadBps} bps); a quote must never be better than mid");
        }

        var validity = FxRateSheet.DefaultQuoteValidity;
        if (Int(item, "quoteValiditySeconds", path, required: false) is { } seconds)
        {
            if (seconds < 600 || seconds > 86_400)
            {
                Error($"{path}.quoteValiditySeconds", $"quote validity {seconds} s must be between 600 (Nexus honours quotes for 10 minutes) and 86400");
            }

            validity = TimeSpan.FromSeconds(seconds);
        }

        return provider is null || source is null || destination is null || mid is null || spread is null
            ? null
            : new FxRateSheet(
                provider.Value,
                source.Value,
                destination.Value,
                FxConversion.Normalize(mid.Value),
                spread.Value,
                ValueList<FxTier>.TakeOwnership(tiers.ToArray()),
                ValueList<PspImprovement>.TakeOwnership(improvements.ToArray()),
                validity);
    }

    private List<CorridorDefinition> ReadCorridors(JsonElement root, Dictionary<IpsId, IpsDefinition> ips)
    {
        var result = new List<CorridorDefinition>();
        var seen = new Dictionary<(IpsId, IpsId), string>();
        foreach (var (item, path) in Array(root, "corridors", "$", required: true))
        {
            if (!Object(item, path, CorridorProperties))
            {
                continue;
            }

            var sourceId = IpsIdValue(item, "source", path);
            var destinationId = IpsIdValue(item, "destination", path);
            IpsDefinition? source = null;
            IpsDefinition? destination = null;
            if (sourceId is { } s && !ips.TryGetValue(s, out source) && !_declaredIps.Contains(s))
            {
                Error($"{path}.source", $"corridor starts in unknown IPS '{s}'");
            }

            if (destinationId is { } d && !ips.TryGetValue(d, out destination) && !_declaredIps.Contains(d))
            {
                Error($"{path}.destination", $"corridor ends in unknown IPS '{d}'");
            }

            if (sourceId is not null && sourceId == destinationId)
            {
                Error($"{path}.destination", "a corridor joins two different IPSs");
            }

            var enabled = Bool(item, "enabled", path) ?? true;
            var cap = MoneyValue(item, "cap", path, required: false);
            if (cap is { } capValue && source is not null)
            {
                if (capValue.Currency != source.Currency)
                {
                    Error($"{path}.cap.currency", $"the corridor cap is in {capValue.Currency.Code} but must be in the source currency {source.Currency.Code}");
                }
                else if (capValue.AmountMinor <= 0)
                {
                    Error($"{path}.cap.amount", "the corridor cap must be greater than zero");
                }
            }

            var fields = new List<RequiredField>();
            foreach (var (field, fieldPath) in Strings(item, "requiredFields", path, required: false))
            {
                if (!Enum.TryParse<RequiredField>(field, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || field.All(char.IsAsciiDigit))
                {
                    Error(fieldPath, $"'{field}' is not a required-field name ({string.Join(", ", Enum.GetNames<RequiredField>())})");
                }
                else if (!fields.Contains(parsed))
                {
                    fields.Add(parsed);
                }
            }

            FeeFormula? sourceFee = null;
            FeeFormula? destinationFee = null;
            FeeFormula? schemeFee = null;
            var feesPath = $"{path}.fees";
            var hasFees = item.TryGetProperty("fees", out var fees) && fees.ValueKind != JsonValueKind.Null;
            if (hasFees && !Object(fees, feesPath, FeesProperties))
            {
                hasFees = false;
            }

            if (source is not null && destination is not null)
            {
                sourceFee = hasFees ? Fee(fees, "sourcePsp", feesPath, source.Currency) : FeeFormula.Zero(source.Currency);
                destinationFee = hasFees ? Fee(fees, "destinationPsp", feesPath, destination.Currency) : FeeFormula.Zero(destination.Currency);
                schemeFee = hasFees ? Fee(fees, "scheme", feesPath, source.Currency) : FeeFormula.Zero(source.Currency);
            }

            var note = String(item, "note", path, required: false);
            if (sourceId is { } key1 && destinationId is { } key2 && !seen.TryAdd((key1, key2), path))
            {
                Error(path, $"the corridor {key1} to {key2} is already defined by {seen[(key1, key2)]}");
                continue;
            }

            if (source is null || destination is null || sourceFee is null || destinationFee is null || schemeFee is null || source == destination)
            {
                continue;
            }

            result.Add(new CorridorDefinition(
                source.Id, destination.Id, enabled, cap, ValueList<RequiredField>.TakeOwnership(fields.ToArray()), sourceFee, destinationFee, schemeFee, note));
        }

        return result;
    }

    private FeeFormula? Fee(JsonElement fees, string name, string feesPath, Currency expected)
    {
        if (!fees.TryGetProperty(name, out var item) || item.ValueKind == JsonValueKind.Null)
        {
            return FeeFormula.Zero(expected);
        }

        var path = $"{feesPath}.{name}";
        if (!Object(item, path, FeeProperties))
        {
            return null;
        }

        var currency = CurrencyValue(item, "currency", path);
        if (currency is null)
        {
            return null;
        }

        if (currency != expected)
        {
            Error($"{path}.currency", $"this fee must be in {expected.Code}; got {currency.Value.Code}");
            return null;
        }

        var fixedMinor = Amount(item, "fixed", path, expected, required: false) ?? 0;
        var bps = Int(item, "bps", path, required: false) ?? 0;
        var min = Amount(item, "min", path, expected, required: false) ?? 0;
        var max = Amount(item, "max", path, expected, required: false);
        var valid = true;
        foreach (var (value, field) in new[] { (fixedMinor, "fixed"), ((long)bps, "bps"), (min, "min"), (max ?? 0, "max") })
        {
            if (value < 0)
            {
                Error($"{path}.{field}", "a fee component must not be negative");
                valid = false;
            }
        }

        if (bps > 10_000)
        {
            Error($"{path}.bps", $"{bps} bps is more than the whole amount");
            valid = false;
        }

        if (max < min)
        {
            Error($"{path}.max", "the maximum fee is below the minimum fee");
            valid = false;
        }

        return valid ? new FeeFormula(expected, fixedMinor, bps, min, max) : null;
    }

    // ---- Primitive readers: each reports its own problem with a path and returns null. ----

    private List<(string Value, string Path)> Strings(JsonElement owner, string name, string ownerPath, bool required)
    {
        var result = new List<(string, string)>();
        foreach (var (item, path) in Array(owner, name, ownerPath, required))
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                result.Add((item.GetString()!, path));
            }
            else
            {
                Error(path, $"expected a string; got {Describe(item)}");
            }
        }

        return result;
    }

    private bool? Bool(JsonElement owner, string name, string ownerPath)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error($"{ownerPath}.{name}", $"expected true or false; got {Describe(value)}");
            return null;
        }

        return value.GetBoolean();
    }

    private decimal? DecimalValue(JsonElement owner, string name, string ownerPath)
    {
        var path = $"{ownerPath}.{name}";
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Error(path, "is required");
            return null;
        }

        // Rates are written as strings ("25.31") so that no JSON tool reads them through binary floating point.
        if (value.ValueKind == JsonValueKind.String
            && decimal.TryParse(value.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        Error(path, $"expected a decimal number in a string, for example \"25.31\"; got {Describe(value)}");
        return null;
    }

    private IpsId? IpsIdValue(JsonElement owner, string name, string ownerPath)
    {
        var text = String(owner, name, ownerPath, required: true);
        if (text is null)
        {
            return null;
        }

        // Ids look like SG-FAST: a country code, a hyphen, then upper-case letters, digits or hyphens.
        if (text.Length is < 4 or > 35 || text[2] != '-' || !text.All(static c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            Error($"{ownerPath}.{name}", $"'{text}' is not an IPS id (for example SG-FAST: upper-case letters, digits and hyphens, a hyphen after the country code)");
            return null;
        }

        return new IpsId(text);
    }

    private CountryCode? Country(JsonElement owner, string name, string ownerPath)
    {
        var text = String(owner, name, ownerPath, required: true);
        if (text is null)
        {
            return null;
        }

        if (!CountryCode.TryParse(text, out var country, out _))
        {
            Error($"{ownerPath}.{name}", $"'{text}' is not an assigned ISO 3166-1 alpha-2 country code");
            return null;
        }

        return country;
    }

    private Currency? CurrencyValue(JsonElement owner, string name, string ownerPath)
    {
        var text = String(owner, name, ownerPath, required: true);
        if (text is null)
        {
            return null;
        }

        if (!Currency.TryFromCode(text, out var currency))
        {
            Error($"{ownerPath}.{name}", $"unknown currency '{text}': not an active ISO 4217 code with a numeric minor unit");
            return null;
        }

        return currency;
    }

    private Money? MoneyValue(JsonElement owner, string name, string ownerPath, bool required)
    {
        var path = $"{ownerPath}.{name}";
        if (!owner.TryGetProperty(name, out var item) || item.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error(path, "is required");
            }

            return null;
        }

        if (!Object(item, path, MoneyProperties))
        {
            return null;
        }

        var currency = CurrencyValue(item, "currency", path);
        if (currency is null)
        {
            return null;
        }

        return Amount(item, "amount", path, currency.Value, required: true) is { } minor ? new Money(minor, currency.Value) : null;
    }

    // Amounts are strings in major units ("200000.00") parsed exactly, with the currency's number of decimals.
    private long? Amount(JsonElement owner, string name, string ownerPath, Currency currency, bool required)
    {
        var text = String(owner, name, ownerPath, required);
        if (text is null)
        {
            return null;
        }

        if (!Money.TryParse(text, currency, AmountRules.AllowZero | AmountRules.AllowNegative, out var money, out var failure))
        {
            Error($"{ownerPath}.{name}", $"'{text}' is not a {currency.Code} amount: {failure.Rule}");
            return null;
        }

        return money.AmountMinor;
    }

}
