using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;
using PaymentSwitch.Hub.ReferenceData;

namespace PaymentSwitch.Adapters.Profiles;

/// <summary>Whether a customer account can receive and send money.</summary>
public enum AccountStatus
{
    /// <summary>Open: credits and debits post.</summary>
    Active,

    /// <summary>Closed on the bank's books: payments to it are rejected AC04.</summary>
    Closed,

    /// <summary>Blocked (frozen, for example by a court order): payments to it are rejected AC06.</summary>
    Blocked,
}

/// <summary>A customer account at a bank of a simulated IPS, as configured (opening balance).</summary>
/// <param name="Number">The domestic account number (<c>Acct/Id/Othr/Id</c>, scheme BBAN): digits only.</param>
/// <param name="Holder">The account holder's name, as the bank has it.</param>
/// <param name="Kind">Whether the holder is a person or an organisation.</param>
/// <param name="OpeningBalanceMinor">The balance when the simulation starts, in minor units of the IPS currency.</param>
/// <param name="Status">Active, closed or blocked.</param>
/// <param name="Address">The holder's address (<c>PstlAdr</c>), country included; <c>null</c> if unknown.</param>
/// <param name="NationalId">The holder's national identity number, in the country's format; persons only.</param>
/// <param name="BirthDate">The holder's date of birth; persons only.</param>
/// <param name="BirthCity">The holder's city of birth; given with <paramref name="BirthDate"/>.</param>
public sealed record CustomerAccountProfile(
    string Number,
    string Holder,
    PartyKind Kind,
    long OpeningBalanceMinor,
    AccountStatus Status,
    PostalAddress? Address = null,
    string? NationalId = null,
    DateOnly? BirthDate = null,
    string? BirthCity = null);

/// <summary>A bank (PSP) of a simulated IPS and its customers' accounts.</summary>
/// <param name="Participant">The bank as the topology defines it (BIC, name, clearing member id).</param>
/// <param name="Accounts">Its customers' accounts, numbers unique within the bank.</param>
public sealed record BankProfile(ParticipantDefinition Participant, ValueList<CustomerAccountProfile> Accounts)
{
    /// <summary>The bank's BIC.</summary>
    public Bic Bic => Participant.Bic;

    /// <summary>Finds an account by number (ordinal).</summary>
    public bool TryGetAccount(string number, out CustomerAccountProfile account)
    {
        foreach (var candidate in Accounts)
        {
            if (string.Equals(candidate.Number, number, StringComparison.Ordinal))
            {
                account = candidate;
                return true;
            }
        }

        account = null!;
        return false;
    }
}

/// <summary>An entry of the IPS's proxy directory: a mobile number, national id, business registration number, ... → account.</summary>
/// <param name="Type">The proxy type code, one of the IPS's <see cref="IpsDefinition.ProxyTypes"/> (MBNO, NIDN, UEN, ...).</param>
/// <param name="Value">The proxy in the country's format, for example <c>+65-91234567</c> or <c>S8512345I</c>.</param>
/// <param name="Bank">The bank holding the account.</param>
/// <param name="AccountNumber">The account the proxy resolves to.</param>
public sealed record ProxyEntry(string Type, string Value, Bic Bank, string AccountNumber);

/// <summary>
/// Everything that defines one simulated national IPS as its hub connector sees it: the IPS (from the topology), the
/// pacs.008 version it speaks, its domestic cap, its banks and their customers, its proxy directory and its behaviour.
/// </summary>
/// <param name="Ips">The IPS as the topology defines it (id, country, currency, cap, versions, proxy types).</param>
/// <param name="Pacs008Version">The pacs.008 version the IPS speaks (one of the topology's supported versions).</param>
/// <param name="DomesticCap">The largest single payment the IPS credits, in its currency.</param>
/// <param name="Banks">Its banks, each a PSP of the IPS in the topology.</param>
/// <param name="Proxies">Its proxy directory.</param>
/// <param name="Behaviour">Latency, random rejections and outages.</param>
/// <param name="Note">Where the figures come from.</param>
public sealed record NationalSwitchProfile(
    IpsDefinition Ips,
    MessageVersion Pacs008Version,
    Money DomesticCap,
    ValueList<BankProfile> Banks,
    ValueList<ProxyEntry> Proxies,
    BehaviourProfile Behaviour,
    string? Note = null)
{
    /// <summary>The IPS's id.</summary>
    public Hub.IpsId Id => Ips.Id;

    /// <summary>The IPS's currency.</summary>
    public Currency Currency => Ips.Currency;

    /// <summary>Finds a bank by BIC (BIC8 and BIC8+<c>XXX</c> match).</summary>
    public bool TryGetBank(Bic bic, out BankProfile bank)
    {
        foreach (var candidate in Banks)
        {
            if (BicKey.Same(candidate.Bic, bic))
            {
                bank = candidate;
                return true;
            }
        }

        bank = null!;
        return false;
    }

    /// <summary>Finds a proxy by value (ordinal).</summary>
    public bool TryGetProxy(string value, out ProxyEntry proxy)
    {
        foreach (var candidate in Proxies)
        {
            if (string.Equals(candidate.Value, value, StringComparison.Ordinal))
            {
                proxy = candidate;
                return true;
            }
        }

        proxy = null!;
        return false;
    }
}

/// <summary>BIC matching as the hub does it: BIC8 and BIC8+<c>XXX</c> are the same institution (SWIFT's primary office).</summary>
internal static class BicKey
{
    public static string Of(Bic bic) => bic.Value.Length == 8 ? bic.Value + "XXX" : bic.Value;

    public static bool Same(Bic left, Bic right) => string.Equals(Of(left), Of(right), StringComparison.Ordinal);
}
