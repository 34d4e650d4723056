using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PaymentSwitch.Domain;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Json;

// Converters for the domain primitives. Each reads a value with the primitive's own non-throwing parser and turns a
// refusal into a JsonException carrying the primitive's rule, so bad JSON is reported like bad XML.

/// <summary>Money as <c>{"amount": "1000.00", "currency": "SGD"}</c>: exact decimal text, never a JSON number.</summary>
internal sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Money must be an object {\"amount\": \"1000.00\", \"currency\": \"SGD\"}.");
        }

        string? amount = null;
        string? currencyCode = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException("Malformed money object.");
            }

            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "amount":
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        // A JSON number may already have been rounded by whoever wrote it; only text is exact.
                        throw new JsonException("Money amount must be a decimal string such as \"1000.00\", not a JSON number.");
                    }

                    amount = reader.GetString();
                    break;
                case "currency":
                    currencyCode = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("Money currency must be a string.");
                    break;
                default:
                    throw new JsonException($"Unknown money property '{name}'; expected \"amount\" and \"currency\".");
            }
        }

        if (amount is null || currencyCode is null)
        {
            throw new JsonException("Money needs both \"amount\" and \"currency\".");
        }

        if (!Currency.TryFromCode(currencyCode, out var currency))
        {
            throw new JsonException($"'{currencyCode}' is not an ISO 4217 currency code.");
        }

        if (!Money.TryParse(amount, currency, AmountRules.AllowZero | AmountRules.AllowNegative, out var money, out var failure))
        {
            throw new JsonException($"Invalid amount '{amount}' {currencyCode}: {failure.Rule} ({StatusReasons.ToCode(failure.Reason)}).");
        }

        return money;
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("amount", value.ToIsoString());
        writer.WriteString("currency", value.Currency.Code);
        writer.WriteEndObject();
    }
}

/// <summary>A decimal (exchange rates) as its exact text, e.g. <c>"25.8530"</c>; a JSON number is accepted on reading.</summary>
internal sealed class DecimalStringJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetDecimal(out var number) ? number : throw new JsonException("Number out of decimal range.");
        }

        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonException($"'{text}' is not a decimal number.");
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
}

/// <summary>A message version as its identifier, <c>"pacs.008.001.13"</c>.</summary>
internal sealed class MessageVersionJsonConverter : JsonConverter<MessageVersion>
{
    public override MessageVersion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return MessageVersions.TryParseIdentifier(text, out var version)
            ? version
            : throw new JsonException($"'{text}' is not a supported message version; expected one of {string.Join(", ", MessageVersions.All.Select(static v => v.Identifier()))}.");
    }

    public override void Write(Utf8JsonWriter writer, MessageVersion value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Identifier());
}

/// <summary>Base for primitives written as a JSON string and parsed with a non-throwing parser.</summary>
internal abstract class StringPrimitiveJsonConverter<T> : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A {typeof(T).Name} must be a JSON string.");
        }

        var text = reader.GetString();
        return TryParse(text, out var value, out var rule)
            ? value
            : throw new JsonException($"'{text}' is not a valid {typeof(T).Name}: {rule}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Format(value));

    protected abstract bool TryParse(string? text, out T value, out string rule);

    protected abstract string Format(T value);
}

internal sealed class CurrencyJsonConverter : StringPrimitiveJsonConverter<Currency>
{
    protected override bool TryParse(string? text, out Currency value, out string rule)
    {
        rule = "not an ISO 4217 currency code";
        return Currency.TryFromCode(text, out value);
    }

    protected override string Format(Currency value) => value.Code;
}

internal sealed class BicJsonConverter : StringPrimitiveJsonConverter<Bic>
{
    protected override bool TryParse(string? text, out Bic value, out string rule)
    {
        var ok = Bic.TryParse(text, out value, out var failure);
        rule = failure.Rule;
        return ok;
    }

    protected override string Format(Bic value) => value.Value;
}

internal sealed class IbanJsonConverter : StringPrimitiveJsonConverter<Iban>
{
    protected override bool TryParse(string? text, out Iban value, out string rule)
    {
        var ok = Iban.TryParse(text, out value, out var failure);
        rule = failure.Rule;
        return ok;
    }

    protected override string Format(Iban value) => value.Value;
}

internal sealed class LeiJsonConverter : StringPrimitiveJsonConverter<Lei>
{
    protected override bool TryParse(string? text, out Lei value, out string rule)
    {
        var ok = Lei.TryParse(text, out value, out var failure);
        rule = failure.Rule;
        return ok;
    }

    protected override string Format(Lei value) => value.Value;
}

internal sealed class UetrJsonConverter : StringPrimitiveJsonConverter<Uetr>
{
    protected override bool TryParse(string? text, out Uetr value, out string rule)
    {
        var ok = Uetr.TryParse(text, out value, out var failure);
        rule = failure.Rule;
        return ok;
    }

    protected override string Format(Uetr value) => value.ToString();
}

internal sealed class CountryCodeJsonConverter : StringPrimitiveJsonConverter<CountryCode>
{
    protected override bool TryParse(string? text, out CountryCode value, out string rule)
    {
        var ok = CountryCode.TryParse(text, out value, out var failure);
        rule = failure.Rule;
        return ok;
    }

    protected override string Format(CountryCode value) => value.Value;
}

/// <summary>Creates converters for <see cref="ValueList{T}"/>: a JSON array, <c>null</c> or absent meaning empty.</summary>
internal sealed class ValueListJsonConverterFactory : JsonConverterFactory
{
    /// <summary>The most items one list may hold, so hostile input cannot make an unbounded list.</summary>
    public const int MaxItems = 10_000;

    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ValueList<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ValueListJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}

internal sealed class ValueListJsonConverter<T> : JsonConverter<ValueList<T>>
{
    public override bool HandleNull => true;

    public override ValueList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected a JSON array.");
        }

        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (items.Count >= ValueListJsonConverterFactory.MaxItems)
            {
                throw new JsonException($"A list may hold at most {ValueListJsonConverterFactory.MaxItems} items.");
            }

            var item = JsonSerializer.Deserialize<T>(ref reader, options) ?? throw new JsonException("List items must not be null.");
            items.Add(item);
        }

        return ValueList<T>.TakeOwnership(items.ToArray());
    }

    public override void Write(Utf8JsonWriter writer, ValueList<T> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, options);
        }

        writer.WriteEndArray();
    }
}
