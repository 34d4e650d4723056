using System.Globalization;
using MessagePack;
using MessagePack.Formatters;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.MessagePack;

// Formatters for the value types. Records read these through the static Read/Write helpers (no interface call, no
// boxing of the nullable); the formatter instances exist so the resolver can serialize a primitive on its own.

/// <summary>
/// <see cref="Money"/>: <c>[amountMinor, currency]</c>.
/// <code>
/// | pos | field       | wire type                                              |
/// |   0 | AmountMinor | int64, |value| &lt;= 999 999 999 999 999 999 (18 digits) |
/// |   1 | Currency    | str, ISO 4217 code (3 letters)                         |
/// </code>
/// </summary>
internal sealed class MoneyFormatter : IMessagePackFormatter<Money>
{
    public static readonly MoneyFormatter Instance = new();

    internal static readonly string[] Fields = ["AmountMinor", "Currency"];

    public static void Write(ref MessagePackWriter writer, Money? value)
    {
        if (value is not { } money)
        {
            writer.WriteNil();
            return;
        }

        if (money.AmountMinor is > Money.MaxAmountMinor or < -Money.MaxAmountMinor)
        {
            throw Wire.InvalidModel(string.Create(CultureInfo.InvariantCulture, $"amount {money.AmountMinor} minor units has more than 18 digits"));
        }

        writer.WriteArrayHeader(2);
        writer.Write(money.AmountMinor);
        Wire.WriteCurrency(ref writer, money.Currency);
    }

    public static Money? ReadNullable(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        var fields = Wire.BeginRecord(ref reader, options);
        try
        {
            var amountMinor = Wire.RequiredValue(fields.Next() && !reader.TryReadNil() ? reader.ReadInt64() : (long?)null);
            if (amountMinor is > Money.MaxAmountMinor or < -Money.MaxAmountMinor)
            {
                throw Wire.Error(string.Create(CultureInfo.InvariantCulture, $"amount {amountMinor} minor units has more than 18 digits"));
            }

            var currency = Wire.RequiredValue(fields.Next() ? Wire.ReadCurrency(ref reader) : null);
            Wire.EndRecord(ref reader, ref fields);
            return new Money(amountMinor, currency);
        }
        catch (Exception ex) when (Wire.IsMalformed(ex))
        {
            throw Wire.AtField(ex, Fields, fields.Current);
        }
    }

    public void Serialize(ref MessagePackWriter writer, Money value, MessagePackSerializerOptions options) => Write(ref writer, value);

    public Money Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        Wire.RequiredValue(ReadNullable(ref reader, options));
}

/// <summary>
/// <see cref="CodeOrProprietary"/> (<c>Cd</c> | <c>Prtry</c>): exactly one of the two positions is a string, the other nil.
/// <code>
/// | pos | field       | wire type                  |
/// |   0 | Code        | str (interned) / nil (Cd)  |
/// |   1 | Proprietary | str (interned) / nil (Prtry) |
/// </code>
/// </summary>
internal sealed class CodeOrProprietaryFormatter : IMessagePackFormatter<CodeOrProprietary>
{
    public static readonly CodeOrProprietaryFormatter Instance = new();

    internal static readonly string[] Fields = ["Code", "Proprietary"];

    public static void Write(ref MessagePackWriter writer, CodeOrProprietary? value)
    {
        if (value is not { } choice)
        {
            writer.WriteNil();
            return;
        }

        if ((choice.Code is null) == (choice.Proprietary is null))
        {
            throw Wire.InvalidModel("a CodeOrProprietary must carry exactly one of Code and Proprietary");
        }

        writer.WriteArrayHeader(2);
        writer.Write(choice.Code);
        writer.Write(choice.Proprietary);
    }

    public static CodeOrProprietary? ReadNullable(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        var fields = Wire.BeginRecord(ref reader, options);
        string? code, proprietary;
        try
        {
            code = fields.Next() ? Wire.ReadInternedString(ref reader) : null;
            proprietary = fields.Next() ? Wire.ReadInternedString(ref reader) : null;
            Wire.EndRecord(ref reader, ref fields);
        }
        catch (Exception ex) when (Wire.IsMalformed(ex))
        {
            throw Wire.AtField(ex, Fields, fields.Current);
        }

        return (code is null) != (proprietary is null)
            ? new CodeOrProprietary(code, proprietary)
            : throw Wire.Error("exactly one of Code (position 0) and Proprietary (position 1) must be a string");
    }

    public void Serialize(ref MessagePackWriter writer, CodeOrProprietary value, MessagePackSerializerOptions options) => Write(ref writer, value);

    public CodeOrProprietary Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        Wire.RequiredValue(ReadNullable(ref reader, options));
}

/// <summary><see cref="Currency"/>: str, the ISO 4217 code.</summary>
internal sealed class CurrencyFormatter : IMessagePackFormatter<Currency>
{
    public static readonly CurrencyFormatter Instance = new();

    public void Serialize(ref MessagePackWriter writer, Currency value, MessagePackSerializerOptions options) => Wire.WriteCurrency(ref writer, value);

    public Currency Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) => Wire.RequiredValue(Wire.ReadCurrency(ref reader));
}

/// <summary><see cref="Bic"/>: str, 8 or 11 characters.</summary>
internal sealed class BicFormatter : IMessagePackFormatter<Bic>
{
    public static readonly BicFormatter Instance = new();

    public void Serialize(ref MessagePackWriter writer, Bic value, MessagePackSerializerOptions options) => Wire.WriteBic(ref writer, value);

    public Bic Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) => Wire.RequiredValue(Wire.ReadBic(ref reader));
}

/// <summary><see cref="Iban"/>: str, electronic format.</summary>
internal sealed class IbanFormatter : IMessagePackFormatter<Iban>
{
    public static readonly IbanFormatter Instance = new();

    public void Serialize(ref MessagePackWriter writer, Iban value, MessagePackSerializerOptions options) => Wire.WriteIban(ref writer, value);

    public Iban Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) => Wire.RequiredValue(Wire.ReadIban(ref reader));
}

/// <summary><see cref="Lei"/>: str, 20 characters.</summary>
internal sealed class LeiFormatter : IMessagePackFormatter<Lei>
{
    public static readonly LeiFormatter Instance = new();

    public void Serialize(ref MessagePackWriter writer, Lei value, MessagePackSerializerOptions options) => Wire.WriteLei(ref writer, value);

    public Lei Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) => Wire.RequiredValue(Wire.ReadLei(ref reader));
}

/// <summary><see cref="CountryCode"/>: str, ISO 3166-1 alpha-2.</summary>
internal sealed class CountryCodeFormatter : IMessagePackFormatter<CountryCode>
{
    public static readonly CountryCodeFormatter Instance = new();

    public void Serialize(ref MessagePackWriter writer, CountryCode value, MessagePackSerializerOptions options) => Wire.WriteCountry(ref writer, value);

    public CountryCode Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) => Wire.RequiredValue(Wire.ReadCountry(ref reader));
}

/// <summary><see cref="Uetr"/>: bin 16, RFC 4122 byte order, version 4.</summary>
internal sealed class UetrFormatter : IMessagePackFormatter<Uetr>
{
    public static readonly UetrFormatter Instance = new();

    public void Serialize(ref MessagePackWriter writer, Uetr value, MessagePackSerializerOptions options) => Wire.WriteUetr(ref writer, value);

    public Uetr Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) => Wire.RequiredValue(Wire.ReadUetr(ref reader));
}
