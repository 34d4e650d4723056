using PaymentSwitch.Adapters.Profiles;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.Fx;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Adapters.Workload;

/// <summary>
/// Generates a realistic, deterministic mix of customers' cross-border payments over every open corridor between
/// simulated IPSs: amounts from per-currency percentile tables, proxy and account payments, HIGH and NORM, source- and
/// destination-fixed amounts, and a share of deliberately flawed payments, each labelled with the outcome it is built
/// to have. The same seed and options give the same workload.
/// </summary>
/// <remarks>
/// Expectations describe what the accounts, caps and directories decide. On top of them, the behaviour profiles may
/// inject random rejections and outages, and the hub may refuse liquidity (AM04/AM23); use
/// <see cref="AdapterProfiles.Reliable"/> for a run decided by the data alone. Debtors are chosen among active accounts
/// whose opening balance covers the payment, but the generator does not track balances, so a long workload can still
/// meet AM04 at the source.
/// </remarks>
public sealed class WorkloadGenerator
{
    private static readonly string[] Purposes = ["FAMI", "GIFT", "EDUC", "GDDS"];
    private static readonly string[] PersonToPersonPurposes = ["FAMI", "GIFT"];
    private static readonly string[] Messages =
        ["Family support", "Happy birthday", "School fees", "Invoice payment", "Rent share", "For mum", "Dinner, thanks!", "Monthly allowance"];

    private readonly AdapterProfiles _profiles;
    private readonly WorkloadOptions _options;
    private readonly SourcePlan[] _sources;
    private readonly HashSet<(string Bank, string Number)> _reserved = [];
    private readonly int _sourceWeightTotal;

    /// <summary>Prepares a generator over the simulated IPSs and their open corridors.</summary>
    /// <exception cref="ArgumentException">No open corridor joins two simulated IPSs.</exception>
    public WorkloadGenerator(AdapterProfiles profiles, WorkloadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        _options = options ?? new WorkloadOptions();
        _options.Validate();
        _profiles = profiles;

        // Each IPS's poorest active customer only ever sends the insufficient-funds payments: nobody pays them and they
        // pay nobody else, so their balance stays at its opening value and AM04 stays certain.
        foreach (var profile in profiles.Switches)
        {
            var active = AccountsOf(profile, AccountStatus.Active);
            if (active.Count > 1)
            {
                var (bank, poorest) = active.MinBy(static a => a.Account.OpeningBalanceMinor);
                _reserved.Add((BicKey.Of(bank.Bic), poorest.Number));
            }
        }

        var sources = new List<SourcePlan>();
        foreach (var source in profiles.Switches)
        {
            var routes = new List<RoutePlan>();
            foreach (var corridor in profiles.Topology.Corridors)
            {
                if (corridor.SourceIps == source.Id && corridor.Enabled && profiles.TryGet(corridor.DestinationIps, out var destination))
                {
                    routes.Add(Plan(source, destination, corridor));
                }
            }

            var weight = _options.SourceWeights.TryGetValue(source.Id, out var w) ? w : 10;
            if (routes.Count > 0 && weight > 0 && source.Banks.Any(static b => b.Accounts.Any(static a => a.Status == AccountStatus.Active)))
            {
                sources.Add(new SourcePlan(source, routes.ToArray(), weight));
            }
        }

        if (sources.Count == 0)
        {
            throw new ArgumentException("No open corridor joins two simulated IPSs with active accounts.", nameof(profiles));
        }

        _sources = sources.ToArray();
        _sourceWeightTotal = _sources.Sum(static s => s.Weight);
    }

    /// <summary>Generates <see cref="WorkloadOptions.Count"/> payments from <paramref name="seed"/>.</summary>
    public IReadOnlyList<WorkloadItem> Generate(long seed)
    {
        var random = new SplitMix64(seed);
        var items = new List<WorkloadItem>(_options.Count);
        for (var i = 0; i < _options.Count; i++)
        {
            items.Add(Next(ref random, i));
        }

        return items;
    }

    private WorkloadItem Next(ref SplitMix64 random, int sequence)
    {
        var source = PickSource(ref random);
        var route = source.Routes[random.Next(source.Routes.Length)];
        if (random.Next(Probability.BasisPoints) < _options.FlawedShareBps && PickFlaw(ref random) is { } flaw
            && Flawed(ref random, sequence, source, route, flaw) is { } flawed)
        {
            return flawed;
        }

        return Good(ref random, sequence, source, route);
    }

    private WorkloadItem Good(ref SplitMix64 random, int sequence, SourcePlan source, RoutePlan route)
    {
        var destinationFixed = random.Next(Probability.BasisPoints) < _options.DestinationFixedShareBps;
        Money amount;
        long sourceEstimateMinor;
        if (destinationFixed)
        {
            var sampled = Sample(ref random, route.Destination.Currency, route.Destination);
            amount = new Money(Math.Clamp(sampled, route.MinGoodDestinationMinor, route.MaxGoodDestinationMinor), route.Destination.Currency);
            sourceEstimateMinor = route.ToSource(amount.AmountMinor);
        }
        else
        {
            var sampled = Sample(ref random, source.Profile.Currency, source.Profile);
            amount = new Money(Math.Clamp(sampled, route.MinGoodSourceMinor, route.MaxGoodSourceMinor), source.Profile.Currency);
            sourceEstimateMinor = amount.AmountMinor;
        }

        // A debtor who can afford it (amount, fee and a margin for the FX spread), else the richest active customer.
        var need = sourceEstimateMinor + route.Corridor.SourcePspFee.Compute(new Money(sourceEstimateMinor, source.Profile.Currency)).AmountMinor;
        var (bank, debtor) = PickDebtor(ref random, source.Profile, need + (need / 50));
        var creditor = PickCreditor(ref random, route.Destination, useProxy: random.Next(Probability.BasisPoints) < _options.ProxyShareBps);

        var instruction = Instruction(ref random, source, route, bank, debtor, creditor.Creditor, creditor.Account, amount, destinationFixed ? FixedSide.Destination : FixedSide.Source);
        return new WorkloadItem(sequence, source.Profile.Id, instruction, WorkloadExpectation.Accepted);
    }

    private WorkloadItem? Flawed(ref SplitMix64 random, int sequence, SourcePlan source, RoutePlan route, PaymentFlaw flaw)
    {
        var destination = route.Destination;
        var sampled = Sample(ref random, source.Profile.Currency, source.Profile);
        var amount = new Money(Math.Clamp(sampled, route.MinGoodSourceMinor, route.MaxGoodSourceMinor), source.Profile.Currency);
        var need = amount.AmountMinor * 2;
        var (bank, debtor) = PickDebtor(ref random, source.Profile, need);
        OutboundCreditor creditor;
        CustomerAccountProfile? creditorAccount = null;
        string? creditorName = null;
        WorkloadExpectation expected;
        switch (flaw)
        {
            case PaymentFlaw.UnknownAccount:
            {
                var target = destination.Banks[random.Next(destination.Banks.Count)];
                creditor = OutboundCreditor.ByAccount(target.Bic, UnknownNumber(ref random, target));
                creditorName = "Unknown Recipient";
                expected = new WorkloadExpectation(flaw, ExpectedStage.Destination, StatusReasonCode.AC01);
                break;
            }

            case PaymentFlaw.ClosedAccount or PaymentFlaw.BlockedAccount:
            {
                var status = flaw == PaymentFlaw.ClosedAccount ? AccountStatus.Closed : AccountStatus.Blocked;
                var candidates = AccountsOf(destination, status);
                if (candidates.Count == 0)
                {
                    return null;
                }

                var (targetBank, target) = candidates[random.Next(candidates.Count)];
                creditor = OutboundCreditor.ByAccount(targetBank.Bic, target.Number);
                creditorAccount = target;
                expected = new WorkloadExpectation(flaw, ExpectedStage.Destination, status == AccountStatus.Closed ? StatusReasonCode.AC04 : StatusReasonCode.AC06);
                break;
            }

            case PaymentFlaw.NameMismatch:
            {
                var picked = PickCreditor(ref random, destination, useProxy: false);
                creditor = picked.Creditor;
                creditorAccount = picked.Account;
                creditorName = StrangerTo(picked.Account.Holder);
                expected = new WorkloadExpectation(flaw, ExpectedStage.Destination, StatusReasonCode.BE01);
                break;
            }

            case PaymentFlaw.OverCap:
            {
                // Clearly above the tightest cap (source IPS, corridor, or destination IPS at the mid rate): AM02 at the hub.
                var tight = route.TightestSourceCapMinor;
                amount = new Money(tight + Math.Max(tight / 10, Pow10(source.Profile.Currency.MinorUnits)), source.Profile.Currency);
                var picked = PickCreditor(ref random, destination, useProxy: false);
                creditor = picked.Creditor;
                creditorAccount = picked.Account;
                expected = new WorkloadExpectation(flaw, ExpectedStage.Hub, StatusReasonCode.AM02);
                break;
            }

            case PaymentFlaw.UnknownProxy:
            {
                if (UnknownProxy(ref random, destination) is not { } proxy)
                {
                    return null;
                }

                creditor = proxy;
                creditorName = "Unknown Recipient";
                expected = new WorkloadExpectation(flaw, ExpectedStage.Hub, StatusReasonCode.BE23);
                break;
            }

            case PaymentFlaw.InsufficientFunds:
            {
                // The poorest active customer pays more than they have, still below every cap: AM04 at their own bank.
                var poorest = AccountsOf(source.Profile, AccountStatus.Active).Where(IsReserved).ToList();
                if (poorest.Count == 0)
                {
                    return null;
                }

                var (poorBank, poor) = poorest[0];
                var over = poor.OpeningBalanceMinor + Pow10(source.Profile.Currency.MinorUnits);
                if (over < route.MinGoodSourceMinor || over > route.MaxGoodSourceMinor)
                {
                    return null;
                }

                (bank, debtor) = (poorBank, poor);
                amount = new Money(over, source.Profile.Currency);
                var picked = PickCreditor(ref random, destination, useProxy: false);
                creditor = picked.Creditor;
                creditorAccount = picked.Account;
                expected = new WorkloadExpectation(flaw, ExpectedStage.Source, StatusReasonCode.AM04);
                break;
            }

            default:
                return null;
        }

        var instruction = Instruction(ref random, source, route, bank, debtor, creditor, creditorAccount, amount, FixedSide.Source);
        if (creditorName is not null)
        {
            instruction = instruction with { CreditorName = creditorName };
        }

        return new WorkloadItem(sequence, source.Profile.Id, instruction, expected);
    }

    private OutboundInstruction Instruction(
        ref SplitMix64 random,
        SourcePlan source,
        RoutePlan route,
        BankProfile bank,
        CustomerAccountProfile debtor,
        OutboundCreditor creditor,
        CustomerAccountProfile? creditorAccount,
        Money amount,
        FixedSide side)
    {
        var bothHigh = source.Profile.Ips.SupportsHighPriority && route.Destination.Ips.SupportsHighPriority;
        var priority = bothHigh && random.Next(Probability.BasisPoints) < _options.HighPriorityShareBps ? Priority.HIGH : Priority.NORM;
        string? purpose = route.Corridor.Requires(RequiredField.Purpose)
            ? PersonToPersonPurposes[random.Next(PersonToPersonPurposes.Length)]
            : random.Next(2) == 0 ? Purposes[random.Next(Purposes.Length)] : null;
        // A same-currency payment carries remittance information only when the customer writes a message (a quoted one
        // always has it, for the quote id), so a destination that requires it always gets one.
        var withText = random.Next(3) != 0 || route.Corridor.Requires(RequiredField.RemittanceInformation);
        var text = withText ? Messages[random.Next(Messages.Length)] : null;

        // The address the sender typed, or the destination's town when the account is not in the profile.
        var address = creditorAccount?.Address ?? new PostalAddress { TownName = route.Destination.Ips.Name, Country = route.Destination.Ips.Country };
        return new OutboundInstruction(
            bank.Bic,
            debtor.Number,
            route.Destination.Id,
            creditor,
            amount,
            side,
            priority,
            purpose,
            creditorAccount?.Holder,
            address,
            text);
    }

    private SourcePlan PickSource(ref SplitMix64 random)
    {
        var draw = random.Next(_sourceWeightTotal);
        foreach (var source in _sources)
        {
            draw -= source.Weight;
            if (draw < 0)
            {
                return source;
            }
        }

        return _sources[^1];
    }

    private PaymentFlaw? PickFlaw(ref SplitMix64 random)
    {
        var total = 0;
        foreach (var weight in _options.FlawWeights.Values)
        {
            total += weight;
        }

        if (total == 0)
        {
            return null;
        }

        // Enum order, not dictionary order, so the draw does not depend on how the options were built.
        var draw = random.Next(total);
        foreach (var flaw in Enum.GetValues<PaymentFlaw>())
        {
            draw -= _options.FlawWeights.GetValueOrDefault(flaw);
            if (draw < 0)
            {
                return flaw;
            }
        }

        return null;
    }

    private long Sample(ref SplitMix64 random, Currency currency, NationalSwitchProfile profile)
    {
        var table = _options.Amounts.TryGetValue(currency, out var configured) ? configured : CapTable(profile);
        return table.Sample(random.NextPpm());
    }

    private (BankProfile Bank, CustomerAccountProfile Account) PickDebtor(ref SplitMix64 random, NationalSwitchProfile source, long needMinor)
    {
        var active = AccountsOf(source, AccountStatus.Active).Where(a => !IsReserved(a)).ToList();
        var able = active.Where(a => a.Account.OpeningBalanceMinor >= needMinor).ToList();
        return able.Count > 0
            ? able[random.Next(able.Count)]
            : active.MaxBy(static a => a.Account.OpeningBalanceMinor);
    }

    private (OutboundCreditor Creditor, CustomerAccountProfile Account) PickCreditor(ref SplitMix64 random, NationalSwitchProfile destination, bool useProxy)
    {
        if (useProxy)
        {
            var proxies = destination.Proxies
                .Where(p => destination.TryGetBank(p.Bank, out var b) && b.TryGetAccount(p.AccountNumber, out var a) && a.Status == AccountStatus.Active
                    && !_reserved.Contains((BicKey.Of(p.Bank), p.AccountNumber)))
                .ToList();
            if (proxies.Count > 0)
            {
                var proxy = proxies[random.Next(proxies.Count)];
                destination.TryGetBank(proxy.Bank, out var bank);
                bank.TryGetAccount(proxy.AccountNumber, out var account);
                return (OutboundCreditor.ByProxy(proxy.Type, proxy.Value), account);
            }
        }

        var active = AccountsOf(destination, AccountStatus.Active).Where(a => !IsReserved(a)).ToList();
        var (holder, target) = active[random.Next(active.Count)];
        return (OutboundCreditor.ByAccount(holder.Bic, target.Number), target);
    }

    private bool IsReserved((BankProfile Bank, CustomerAccountProfile Account) entry) =>
        _reserved.Contains((BicKey.Of(entry.Bank.Bic), entry.Account.Number));

    private static List<(BankProfile Bank, CustomerAccountProfile Account)> AccountsOf(NationalSwitchProfile profile, AccountStatus status)
    {
        var result = new List<(BankProfile, CustomerAccountProfile)>();
        foreach (var bank in profile.Banks)
        {
            foreach (var account in bank.Accounts)
            {
                if (account.Status == status)
                {
                    result.Add((bank, account));
                }
            }
        }

        return result;
    }

    private static string UnknownNumber(ref SplitMix64 random, BankProfile bank)
    {
        var length = bank.Accounts[0].Number.Length;
        while (true)
        {
            var digits = new char[length];
            for (var i = 0; i < length; i++)
            {
                digits[i] = (char)('0' + random.Next(10));
            }

            var number = new string(digits);
            if (!bank.TryGetAccount(number, out _))
            {
                return number;
            }
        }
    }

    // A well-formed mobile number of the destination country that nobody registered: an existing one with new last digits.
    private static OutboundCreditor? UnknownProxy(ref SplitMix64 random, NationalSwitchProfile destination)
    {
        var template = destination.Proxies.FirstOrDefault(static p => p.Type == "MBNO");
        if (template is null)
        {
            return null;
        }

        for (var attempt = 0; attempt < 100; attempt++)
        {
            var value = string.Concat(template.Value.AsSpan(0, template.Value.Length - 4), (1000 + random.Next(9000)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!destination.TryGetProxy(value, out _))
            {
                return OutboundCreditor.ByProxy(template.Type, value);
            }
        }

        return null;
    }

    private string StrangerTo(string holder)
    {
        foreach (var profile in _profiles.Switches)
        {
            foreach (var bank in profile.Banks)
            {
                foreach (var account in bank.Accounts)
                {
                    if (account.Kind == PartyKind.Person && !NameMasking.IsConsistent(account.Holder, holder))
                    {
                        return account.Holder;
                    }
                }
            }
        }

        return "Jane Doe";
    }

    private static PercentileTable CapTable(NationalSwitchProfile profile)
    {
        var cap = profile.DomesticCap.AmountMinor;
        return PercentileTable.Create(
        [
            new PercentilePoint(0, Math.Max(1, cap / 10_000)),
            new PercentilePoint(500_000, Math.Max(1, cap / 200)),
            new PercentilePoint(Probability.Million, Math.Max(1, cap / 10)),
        ]);
    }

    private static long Pow10(int exponent)
    {
        long value = 1;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }

    private RoutePlan Plan(NationalSwitchProfile source, NationalSwitchProfile destination, CorridorDefinition corridor)
    {
        // The mid rate of the first FX provider quoting the pair converts caps between currencies; quotes are a few
        // tens of basis points below mid, which the headroom absorbs.
        var sheets = _profiles.Topology.RateSheetsFor(source.Currency, destination.Currency);
        var rate = sheets.Count > 0 ? sheets[0].MidRate : 1m;
        var scale = (decimal)Pow10(destination.Currency.MinorUnits) / Pow10(source.Currency.MinorUnits);
        var sourceCap = Math.Min(source.Ips.PerTransactionCap.AmountMinor, source.DomesticCap.AmountMinor);
        if (corridor.Cap is { } corridorCap && corridorCap.Currency == source.Currency)
        {
            sourceCap = Math.Min(sourceCap, corridorCap.AmountMinor);
        }

        var destinationCap = Math.Min(destination.Ips.PerTransactionCap.AmountMinor, destination.DomesticCap.AmountMinor);
        var destinationCapInSource = (long)decimal.Floor(destinationCap / (rate * scale));
        var tightest = Math.Min(sourceCap, destinationCapInSource);
        var maxGoodSource = Math.Max(1, tightest * _options.CapHeadroomBps / Probability.BasisPoints);
        var maxGoodDestination = Math.Max(1, (long)decimal.Floor(maxGoodSource * rate * scale));

        // At least ten times the destination fee, so the creditor always receives something.
        var fee = corridor.DestinationPspFee.Compute(new Money(0, destination.Currency)).AmountMinor;
        var minGoodDestination = Math.Min(maxGoodDestination, Math.Max(1, fee * 10));
        var minGoodSource = Math.Min(maxGoodSource, Math.Max(1, (long)decimal.Ceiling(minGoodDestination / (rate * scale))));
        return new RoutePlan(destination, corridor, rate * scale, tightest, minGoodSource, maxGoodSource, minGoodDestination, maxGoodDestination);
    }

    private sealed record SourcePlan(NationalSwitchProfile Profile, RoutePlan[] Routes, int Weight);

    private sealed record RoutePlan(
        NationalSwitchProfile Destination,
        CorridorDefinition Corridor,
        decimal MinorRate,
        long TightestSourceCapMinor,
        long MinGoodSourceMinor,
        long MaxGoodSourceMinor,
        long MinGoodDestinationMinor,
        long MaxGoodDestinationMinor)
    {
        public long ToSource(long destinationMinor) => (long)decimal.Ceiling(destinationMinor / MinorRate);
    }
}
