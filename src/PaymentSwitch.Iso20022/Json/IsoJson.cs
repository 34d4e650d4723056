using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PaymentSwitch.Domain.Iso20022;

namespace PaymentSwitch.Iso20022.Json;

/// <summary>
/// The canonical JSON form of an <see cref="IsoEnvelope"/>, for tools and people (the hub uses MessagePack on its
/// hot path). It is readable back: <c>Deserialize(Serialize(e))</c> equals <c>e</c>.
/// </summary>
/// <remarks>
/// <para>Shape (see README "iso tools"):</para>
/// <code>
/// { "version": "pacs.008.001.13",
///   "header": { ... } | absent,
///   "message": { "kind": "pacs.008", "groupHeader": { ... }, "transactions": [ ... ] } }
/// </code>
/// <para>Property names are the canonical model's in camelCase; null values and empty lists are left out. Money is
/// <c>{"amount": "1000.00", "currency": "SGD"}</c>: the exact ISO 20022 decimal text, never a JSON number, so no
/// reader can turn it into binary floating point; the amount must not have more decimals than the currency's
/// ISO 4217 exponent. Exchange rates are decimal strings too (<c>"25.8530"</c>). Currency, BIC, IBAN, LEI, UETR and
/// country codes are strings, validated on reading; enums are their ISO 20022 codes (<c>"CLRG"</c>, <c>"HIGH"</c>);
/// dates are <c>yyyy-MM-dd</c>; date-times are ISO 8601 with offset.</para>
/// <para>Input is untrusted: depth is limited, unknown properties are rejected, required members and non-nullable
/// references are enforced, and every failure is a <see cref="JsonException"/> (see <see cref="TryDeserialize"/>).</para>
/// </remarks>
public static class IsoJson
{
    /// <summary>The name of the discriminator property inside <c>"message"</c>.</summary>
    public const string KindProperty = "kind";

    /// <summary>The largest JSON document <see cref="TryDeserialize"/> accepts, in characters (as the XML reader: 1 MiB).</summary>
    public const int MaxDocumentChars = 1024 * 1024;

    private static readonly (Type Type, MessageKind Kind)[] MessageTypes =
    [
        (typeof(CustomerCreditTransfer), MessageKind.Pacs008),
        (typeof(PaymentStatusReport), MessageKind.Pacs002),
        (typeof(PaymentReturn), MessageKind.Pacs004),
        (typeof(PaymentStatusRequest), MessageKind.Pacs028),
        (typeof(CancellationRequest), MessageKind.Camt056),
        (typeof(ResolutionOfInvestigation), MessageKind.Camt029),
        (typeof(IdentificationVerificationRequest), MessageKind.Acmt023),
        (typeof(IdentificationVerificationReport), MessageKind.Acmt024),
    ];

    private static readonly JsonSerializerOptions Indented = CreateOptions(indent: true);
    private static readonly JsonSerializerOptions Compact = CreateOptions(indent: false);

    /// <summary>The serializer options behind this format, for callers that embed envelopes in larger documents.</summary>
    public static JsonSerializerOptions Options => Compact;

    /// <summary>Writes an envelope as canonical JSON.</summary>
    public static string Serialize(IsoEnvelope envelope, bool indent = true)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return JsonSerializer.Serialize(envelope, indent ? Indented : Compact);
    }

    /// <summary>Reads canonical JSON.</summary>
    /// <exception cref="JsonException">The JSON is malformed or does not describe a valid envelope.</exception>
    public static IsoEnvelope Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxDocumentChars)
        {
            throw new JsonException($"Document is {json.Length} characters; the limit is {MaxDocumentChars}.");
        }

        try
        {
            return JsonSerializer.Deserialize<IsoEnvelope>(json, Compact)
                ?? throw new JsonException("The document is null, not an envelope.");
        }
        catch (ArgumentException ex)
        {
            // Domain constructors reject values the converters let through (for example a rate out of range).
            throw new JsonException(ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
        catch (NotSupportedException ex)
        {
            // For example a message without its "kind" discriminator.
            throw new JsonException(ex.Message, ex);
        }
    }

    /// <summary>Reads canonical JSON, returning the reason instead of throwing when it is not a valid envelope.</summary>
    public static bool TryDeserialize(string json, [NotNullWhen(true)] out IsoEnvelope? envelope, [NotNullWhen(false)] out string? error)
    {
        try
        {
            envelope = Deserialize(json);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            envelope = null;
            error = ex.Path is null || ex.Message.Contains(ex.Path, StringComparison.Ordinal) ? ex.Message : $"{ex.Path}: {ex.Message}";
            return false;
        }
    }

    private static JsonSerializerOptions CreateOptions(bool indent)
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = indent,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            AllowOutOfOrderMetadataProperties = true,
            MaxDepth = 64,

            // Names and addresses are shown as written (Thai script, accents), not as \uXXXX escapes; the output is
            // a file or a terminal, never HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { ModifyContract } },
        };
        options.Converters.Add(new MoneyJsonConverter());
        options.Converters.Add(new CurrencyJsonConverter());
        options.Converters.Add(new BicJsonConverter());
        options.Converters.Add(new IbanJsonConverter());
        options.Converters.Add(new LeiJsonConverter());
        options.Converters.Add(new UetrJsonConverter());
        options.Converters.Add(new CountryCodeJsonConverter());
        options.Converters.Add(new DecimalStringJsonConverter());
        options.Converters.Add(new MessageVersionJsonConverter());
        options.Converters.Add(new ValueListJsonConverterFactory());
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: false);
        return options;
    }

    private static void ModifyContract(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        if (typeInfo.Type == typeof(IsoMessage))
        {
            // The message kind is the discriminator, named by the ISO 20022 short name ("pacs.008").
            var polymorphism = new JsonPolymorphismOptions
            {
                TypeDiscriminatorPropertyName = KindProperty,
                UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            };
            foreach (var (type, kind) in MessageTypes)
            {
                polymorphism.DerivedTypes.Add(new JsonDerivedType(type, Examples.MessageKindNames.ShortName(kind)));
            }

            typeInfo.PolymorphismOptions = polymorphism;
        }

        if (typeInfo.Type == typeof(IsoEnvelope))
        {
            // The envelope's version and message are required; the header is optional.
            foreach (var property in typeInfo.Properties)
            {
                property.IsRequired = property.Name != "header";
            }
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            var property = typeInfo.Properties[i];

            // IsoMessage.Kind is computed from the type and already written as the discriminator.
            if (typeof(IsoMessage).IsAssignableFrom(typeInfo.Type) && property.Name == KindProperty && property.PropertyType == typeof(MessageKind))
            {
                typeInfo.Properties.RemoveAt(i);
                continue;
            }

            // Empty lists are left out, like nulls, so the JSON shows only what the message carries.
            if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(ValueList<>))
            {
                property.ShouldSerialize = static (_, value) => value is System.Collections.IEnumerable items && items.GetEnumerator().MoveNext();
            }
        }
    }
}
