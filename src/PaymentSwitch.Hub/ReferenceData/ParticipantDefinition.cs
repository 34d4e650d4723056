using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Hub.ReferenceData;

/// <summary>What a participant does in the scheme (Nexus roles); one participant may hold several.</summary>
[Flags]
public enum ParticipantRoles
{
    /// <summary>No role; never valid in a loaded topology.</summary>
    None = 0,

    /// <summary>Payment service provider: a bank or wallet that sends and receives payments for its customers.</summary>
    Psp = 1,

    /// <summary>FX provider: posts rates and holds accounts in two or more IPSs to bridge currencies.</summary>
    FxProvider = 2,

    /// <summary>Settlement access provider: holds FX providers' accounts in an IPS (intermediary agent in Nexus).</summary>
    SettlementAccessProvider = 4,
}

/// <summary>Whether a participant may currently send or receive payments.</summary>
public enum ParticipantStatus
{
    /// <summary>Sends and receives.</summary>
    Active,

    /// <summary>Suspended by the operator: every payment to or from it is rejected.</summary>
    Suspended,
}

/// <summary>How a participant's position in a currency is limited.</summary>
public enum LiquidityKind
{
    /// <summary>The participant prefunds: its position may not go below zero; the limit is the opening prefunded balance.</summary>
    Prefunded,

    /// <summary>The participant may owe up to the limit before settlement (Mojaloop's net debit cap).</summary>
    NetDebitCap,
}

/// <summary>A participant's liquidity arrangement in one currency.</summary>
/// <param name="Currency">The currency of the position.</param>
/// <param name="Kind">Prefunded balance or net debit cap.</param>
/// <param name="LimitMinor">The prefunded balance or the cap, in minor units of <paramref name="Currency"/>; never negative.</param>
public readonly record struct LiquidityLimit(Currency Currency, LiquidityKind Kind, long LimitMinor);

/// <summary>A bank, wallet, FX provider or settlement access provider connected through one IPS.</summary>
/// <param name="Bic">Its BIC; lookups treat BIC8 and BIC8+<c>XXX</c> as the same participant.</param>
/// <param name="Name">Its name.</param>
/// <param name="Ips">The IPS through which it connects.</param>
/// <param name="Roles">What it does.</param>
/// <param name="Status">Whether it is active.</param>
/// <param name="ClearingSystemMemberId">Its domestic clearing member code (<c>ClrSysMmbId/MmbId</c>), if the IPS uses one.</param>
/// <param name="Liquidity">Its liquidity arrangements, at most one per currency.</param>
public sealed record ParticipantDefinition(
    Bic Bic,
    string Name,
    IpsId Ips,
    ParticipantRoles Roles,
    ParticipantStatus Status,
    string? ClearingSystemMemberId,
    ValueList<LiquidityLimit> Liquidity)
{
    /// <summary>Whether the participant is <see cref="ParticipantStatus.Active"/>.</summary>
    public bool IsActive => Status == ParticipantStatus.Active;

    /// <summary>Whether the participant holds every role in <paramref name="roles"/>.</summary>
    public bool HasRole(ParticipantRoles roles) => (Roles & roles) == roles;

    /// <summary>Finds the liquidity arrangement for <paramref name="currency"/> without allocating.</summary>
    public bool TryGetLiquidity(Currency currency, out LiquidityLimit limit)
    {
        foreach (var entry in Liquidity.AsSpan())
        {
            if (entry.Currency == currency)
            {
                limit = entry;
                return true;
            }
        }

        limit = default;
        return false;
    }
}
