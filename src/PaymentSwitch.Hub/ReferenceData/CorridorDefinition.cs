using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Hub.ReferenceData;

/// <summary>An element the destination requires in the pacs.008 beyond the scheme minimum.</summary>
public enum RequiredField
{
    /// <summary><c>Purp/Cd</c>: the purpose code (UPI requires it, for example "maintenance of relatives" or "gift").</summary>
    Purpose,

    /// <summary><c>Cdtr/PstlAdr</c>.</summary>
    CreditorAddress,

    /// <summary><c>Dbtr/PstlAdr</c>.</summary>
    DebtorAddress,

    /// <summary><c>CdtrAcct</c>.</summary>
    CreditorAccount,

    /// <summary><c>DbtrAcct</c>.</summary>
    DebtorAccount,

    /// <summary><c>Dbtr/Id/PrvtId/DtAndPlcOfBirth</c>.</summary>
    DebtorDateOfBirth,

    /// <summary><c>Dbtr/Id/PrvtId/Othr</c> (national identity number).</summary>
    DebtorNationalId,

    /// <summary><c>RmtInf</c>.</summary>
    RemittanceInformation,
}

/// <summary>
/// A fee: <c>FixedMinor + round(amount × Bps / 10000)</c>, clamped to <c>[MinMinor, MaxMinor]</c>, in <see cref="Currency"/>.
/// </summary>
/// <param name="Currency">The fee currency; <see cref="Compute"/> takes amounts in this currency only.</param>
/// <param name="FixedMinor">A fixed part, in minor units; never negative.</param>
/// <param name="Bps">A proportional part, in basis points of the amount; never negative.</param>
/// <param name="MinMinor">The smallest fee, in minor units; never negative.</param>
/// <param name="MaxMinor">The largest fee, in minor units, or <c>null</c> for no maximum; at least <paramref name="MinMinor"/>.</param>
public sealed record FeeFormula(Currency Currency, long FixedMinor, int Bps, long MinMinor, long? MaxMinor)
{
    /// <summary>A fee of zero in <paramref name="currency"/>.</summary>
    public static FeeFormula Zero(Currency currency) => new(currency, 0, 0, 0, null);

    /// <summary>
    /// Computes the fee on <paramref name="amount"/>. The proportional part is computed exactly in 128-bit integers and
    /// rounded half away from zero to a whole minor unit (the commercial convention: 0.5 cent is charged as 1 cent);
    /// then the fixed part is added and the result clamped to the minimum and maximum. Allocation-free.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="amount"/> is in another currency (a programmer error: the loader checks fee currencies).</exception>
    public Money Compute(Money amount)
    {
        if (amount.Currency != Currency)
        {
            ThrowCurrencyMismatch(amount.Currency);
        }

        var magnitude = (Int128)Math.Abs(amount.AmountMinor) * Bps;
        var proportional = (long)((magnitude + 5_000) / 10_000);
        var fee = checked(FixedMinor + proportional);
        fee = Math.Max(fee, MinMinor);
        if (MaxMinor is { } max)
        {
            fee = Math.Min(fee, max);
        }

        return new Money(fee, Currency);
    }

    private void ThrowCurrencyMismatch(Currency other) =>
        throw new InvalidOperationException($"A {Currency.Code} fee cannot be computed on a {other.Code} amount.");
}

/// <summary>
/// The rules for payments from one IPS to another: whether the link is open, its per-transaction cap, the fields the
/// destination requires and the fees disclosed to the sender.
/// </summary>
/// <param name="SourceIps">The sending IPS.</param>
/// <param name="DestinationIps">The receiving IPS.</param>
/// <param name="Enabled">Whether payments may use the corridor.</param>
/// <param name="Cap">
/// The corridor's per-transaction cap in the source currency, or <c>null</c> for none. Bilateral links publish daily caps
/// per sender (PayNow–PromptPay S$1,000 / THB 25,000 per day); the hub models them as per-transaction caps.
/// </param>
/// <param name="RequiredFields">Elements the destination requires.</param>
/// <param name="SourcePspFee">The source PSP's fee, in the source currency, charged to the sender on top of the amount.</param>
/// <param name="DestinationPspFee">The destination PSP's fee, in the destination currency, deducted from the interbank amount before crediting.</param>
/// <param name="SchemeFee">The scheme (hub) fee, in the source currency, charged to the source PSP.</param>
/// <param name="Note">Where the figures come from.</param>
public sealed record CorridorDefinition(
    IpsId SourceIps,
    IpsId DestinationIps,
    bool Enabled,
    Money? Cap,
    ValueList<RequiredField> RequiredFields,
    FeeFormula SourcePspFee,
    FeeFormula DestinationPspFee,
    FeeFormula SchemeFee,
    string? Note = null)
{
    /// <summary>Whether the destination requires <paramref name="field"/>.</summary>
    public bool Requires(RequiredField field) => RequiredFields.AsSpan().Contains(field);
}
